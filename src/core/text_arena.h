#pragma once

#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

#include "base/prefetch.h"

namespace sluice {

// Append-only storage for the bytes that cells refer to. Bytes never move once written (it
// grows by adding chunks, never by reallocating), so cells hold plain pointers into it, and
// clear() keeps every chunk: a recycled batch writes into memory that is already paged in.
// Not thread-safe.
class TextArena {
 public:
  static constexpr size_t kChunkSize = size_t{1} << 20;

  TextArena() = default;
  TextArena(TextArena&&) noexcept = default;
  TextArena& operator=(TextArena&&) noexcept = default;
  TextArena(const TextArena&) = delete;
  TextArena& operator=(const TextArena&) = delete;

  // `n` contiguous writable bytes, valid until clear() or destruction.
  char* allocate(size_t n) {
    if (static_cast<size_t>(end_ - pos_) < n) next_chunk(n);
    char* p = pos_;
    pos_ += n;
    used_ += n;
    return p;
  }
  // A stable copy of `bytes`.
  const char* append(std::string_view bytes) {
    char* p = allocate(bytes.size());
    if (!bytes.empty()) std::memcpy(p, bytes.data(), bytes.size());
    return p;
  }

  // Like append(), for a source that is readable for at least kBlock bytes whatever `n` (a
  // padded parse buffer): a short text is copied as one fixed-size block, without a call.
  static constexpr size_t kBlock = 32;
  const char* append_from_padded(const char* src, size_t n) {
    if (n > kBlock || static_cast<size_t>(end_ - pos_) < kBlock) return append({src, n});
    char* p = pos_;
    std::memcpy(p, src, kBlock);  // the bytes after `n` are overwritten by the next text
    pos_ += n;
    used_ += n;
    return p;
  }

  // Asks for the cache line `ahead` bytes past the next text, to be written: a decoder
  // filling dozens of arenas at once has more write streams than the hardware follows.
  void prefetch_ahead(size_t ahead) const { prefetch_write_ahead(pos_, ahead); }

  // Forgets every byte but keeps the chunks for reuse.
  void clear() {
    current_ = 0;
    used_ = 0;
    pos_ = end_ = nullptr;
    if (!chunks_.empty()) {
      pos_ = chunks_[0].data.get();
      end_ = pos_ + chunks_[0].size;
    }
  }

  // Bytes handed out since the last clear().
  size_t size() const { return used_; }
  // Bytes held, used or not.
  size_t capacity() const;

 private:
  struct Chunk {
    std::unique_ptr<char[]> data;
    size_t size = 0;
  };
  // Moves to the next kept chunk that fits `n` bytes, adding one if none does.
  void next_chunk(size_t n);

  std::vector<Chunk> chunks_;
  size_t current_ = 0;  // index of the chunk pos_ points into (when chunks_ is not empty)
  char* pos_ = nullptr;
  char* end_ = nullptr;
  size_t used_ = 0;
};

}  // namespace sluice
