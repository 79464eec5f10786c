#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

// Fixed-width values and length-prefixed bytes in a std::string, for state the process writes and
// reads back itself (native byte order, no versioning).
namespace sluice {

template <typename T>
void put_raw(std::string& out, T v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

// `bytes` after its 4-byte length.
inline void put_bytes(std::string& out, std::string_view bytes) {
  put_raw(out, static_cast<uint32_t>(bytes.size()));
  out.append(bytes);
}

// Reads what put_raw/put_bytes wrote; every read fails (false) past the end.
class ByteReader {
 public:
  explicit ByteReader(std::string_view data) : data_(data) {}

  template <typename T>
  bool get(T& v) {
    if (data_.size() - pos_ < sizeof v) return false;
    std::memcpy(&v, data_.data() + pos_, sizeof v);
    pos_ += sizeof v;
    return true;
  }
  bool take(size_t n, std::string_view& out) {
    if (data_.size() - pos_ < n) return false;
    out = data_.substr(pos_, n);
    pos_ += n;
    return true;
  }
  bool get_bytes(std::string_view& out) {
    uint32_t n = 0;
    return get(n) && take(n, out);
  }
  std::string_view rest() const { return data_.substr(pos_); }

 private:
  std::string_view data_;
  size_t pos_ = 0;
};

}  // namespace sluice
