#include "native/string_dictionary.h"

#include <algorithm>
#include <functional>

namespace sluice::native {

void StringDictionary::clear() {
  bytes_.clear();
  starts_.clear();
  hashes_.clear();
  std::fill(slots_.begin(), slots_.end(), 0);
}

uint32_t StringDictionary::insert(std::string_view key) {
  if ((starts_.size() + 1) * 2 > slots_.size()) grow();
  const size_t hash = std::hash<std::string_view>{}(key);
  const size_t mask = slots_.size() - 1;
  for (size_t slot = hash & mask;; slot = (slot + 1) & mask) {
    const uint32_t entry = slots_[slot];
    if (entry == 0) {
      const uint32_t number = static_cast<uint32_t>(starts_.size());
      starts_.push_back(bytes_.size());
      hashes_.push_back(hash);
      bytes_.append(key);
      slots_[slot] = number + 1;
      return number;
    }
    if (hashes_[entry - 1] == hash && this->key(entry - 1) == key) return entry - 1;
  }
}

void StringDictionary::grow() {
  slots_.assign(slots_.empty() ? 64 : slots_.size() * 2, 0);
  const size_t mask = slots_.size() - 1;
  for (size_t number = 0; number < hashes_.size(); ++number) {
    size_t slot = hashes_[number] & mask;
    while (slots_[slot] != 0) slot = (slot + 1) & mask;
    slots_[slot] = static_cast<uint32_t>(number + 1);
  }
}

}  // namespace sluice::native
