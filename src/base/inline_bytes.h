#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace sluice {

// Bytes held inside the object when they fit in kInline, on the heap otherwise: a short value
// (a joined record's fields: an email and a country code) is read from the cache line that was
// loaded for the object anyway, where a std::string longer than its 15 inline bytes is one more
// dependent load from somewhere in the heap. Move-only.
class InlineBytes {
 public:
  static constexpr size_t kInline = 48;

  InlineBytes() = default;
  InlineBytes(const InlineBytes&) = delete;
  InlineBytes& operator=(const InlineBytes&) = delete;
  InlineBytes(InlineBytes&& other) noexcept { take(other); }
  InlineBytes& operator=(InlineBytes&& other) noexcept {
    if (this != &other) {
      release();
      take(other);
    }
    return *this;
  }
  ~InlineBytes() { release(); }

  std::string_view view() const { return {data(), size_}; }
  size_t size() const { return size_; }

  // Replaces the bytes; keeps a heap buffer that is large enough for long ones.
  void assign(std::string_view bytes) {
    char* to = inline_;
    if (bytes.size() > kInline) {
      if (bytes.size() > capacity_) {
        release();
        heap_ = new char[bytes.size()];
        capacity_ = static_cast<uint32_t>(bytes.size());
      }
      to = heap_;
    } else {
      release();  // the inline bytes share their place with the heap pointer
    }
    std::memcpy(to, bytes.data(), bytes.size());
    size_ = static_cast<uint32_t>(bytes.size());
  }
  // Forgets the bytes and frees a heap buffer.
  void reset() {
    release();
    size_ = 0;
  }

 private:
  const char* data() const { return capacity_ > 0 ? heap_ : inline_; }
  void release() {
    if (capacity_ > 0) delete[] heap_;
    capacity_ = 0;
  }
  void take(InlineBytes& other) {
    size_ = other.size_;
    capacity_ = other.capacity_;
    if (capacity_ > 0)
      heap_ = other.heap_;
    else
      std::memcpy(inline_, other.inline_, kInline);
    other.capacity_ = 0;
    other.size_ = 0;
  }

  uint32_t size_ = 0;
  uint32_t capacity_ = 0;  // of the heap buffer; 0: none
  union {
    char inline_[kInline];
    char* heap_;
  };
};

}  // namespace sluice
