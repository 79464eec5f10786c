#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::native {

// The distinct keys of one LowCardinality column in one block, numbered in order of first
// insertion. Keys are copied into one arena, so callers may pass views of temporary text.
// Open addressing with linear probing; clear() keeps the memory for the next block.
class StringDictionary {
 public:
  void clear();
  // The number of `key`, adding it when it is new.
  uint32_t insert(std::string_view key);
  size_t size() const { return starts_.size(); }
  std::string_view key(size_t number) const {
    size_t end = number + 1 < starts_.size() ? starts_[number + 1] : bytes_.size();
    return std::string_view(bytes_).substr(starts_[number], end - starts_[number]);
  }

 private:
  void grow();

  std::string bytes_;
  std::vector<size_t> starts_;   // per key, its offset in bytes_
  std::vector<size_t> hashes_;   // per key, its hash
  std::vector<uint32_t> slots_;  // key number + 1; 0 = empty
};

}  // namespace sluice::native
