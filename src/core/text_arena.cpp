#include "core/text_arena.h"

#include <algorithm>

namespace sluice {

void TextArena::next_chunk(size_t n) {
  // Skip to the next kept chunk (the rest of the current one is left unused); a kept chunk
  // too small for `n` stays where it is for smaller requests of a later batch.
  size_t next = chunks_.empty() || pos_ == nullptr ? 0 : current_ + 1;
  if (next < chunks_.size() && chunks_[next].size >= n) {
    current_ = next;
  } else {
    Chunk chunk;
    chunk.size = std::max(n, kChunkSize);
    // Default-initialised: no page is touched until it is written.
    chunk.data = std::unique_ptr<char[]>(new char[chunk.size]);
    current_ = std::min(next, chunks_.size());
    chunks_.insert(chunks_.begin() + static_cast<std::ptrdiff_t>(current_), std::move(chunk));
  }
  pos_ = chunks_[current_].data.get();
  end_ = pos_ + chunks_[current_].size;
}

size_t TextArena::capacity() const {
  size_t total = 0;
  for (const Chunk& c : chunks_) total += c.size;
  return total;
}

}  // namespace sluice
