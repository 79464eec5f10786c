#pragma once

#include <bit>
#include <cstddef>
#include <new>
#include <utility>
#include <vector>

#include "base/huge_pages.h"

namespace sluice {

// A vector whose elements never move: they live in chunks of 2 MiB (one huge page each, from
// huge_pages_allocate), appended as it grows, so that growing neither copies the elements nor
// touches new memory for all of them again as std::vector's doubling does. A table of records
// that grows to hundreds of thousands (the join's right records) paid that: in a W3 profile,
// clearing the pages of its doubled buffers was 5 % of all samples (docs/benchmarks.md). Element i
// is in chunk i / kPerChunk; an element is constructed when appended, so a chunk's pages are
// touched as it fills. References stay valid until the vector is destroyed.
template <typename T>
class ChunkedVector {
 public:
  static constexpr size_t kChunkBytes = size_t{2} << 20;
  static_assert(sizeof(T) <= kChunkBytes, "an element must fit a chunk");
  static constexpr size_t kPerChunk = std::bit_floor(kChunkBytes / sizeof(T));
  static constexpr int kShift = std::countr_zero(kPerChunk);

  ChunkedVector() = default;
  ChunkedVector(const ChunkedVector&) = delete;
  ChunkedVector& operator=(const ChunkedVector&) = delete;
  ~ChunkedVector() {
    for (size_t i = 0; i < size_; ++i) (*this)[i].~T();
    for (T* chunk : chunks_) huge_pages_free(chunk, kChunkBytes);
  }

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  T& operator[](size_t i) { return chunks_[i >> kShift][i & (kPerChunk - 1)]; }
  const T& operator[](size_t i) const { return chunks_[i >> kShift][i & (kPerChunk - 1)]; }

  template <typename... Args>
  T& emplace_back(Args&&... args) {
    if ((size_ >> kShift) == chunks_.size())
      chunks_.push_back(static_cast<T*>(huge_pages_allocate(kChunkBytes)));
    T* slot = &chunks_[size_ >> kShift][size_ & (kPerChunk - 1)];
    new (slot) T(std::forward<Args>(args)...);
    ++size_;
    return *slot;
  }

 private:
  std::vector<T*> chunks_;
  size_t size_ = 0;
};

}  // namespace sluice
