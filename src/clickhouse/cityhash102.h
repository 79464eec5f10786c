#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace sluice::clickhouse {

// A 128-bit hash as CityHash returns it. On the ClickHouse wire it is written as `lo` then
// `hi`, each a little-endian UInt64.
struct Hash128 {
  uint64_t lo = 0;
  uint64_t hi = 0;
  friend bool operator==(const Hash128&, const Hash128&) = default;
};

// Google CityHash128 as of release 1.0.2. ClickHouse froze this version for the checksums of
// its compressed frames; releases 1.1 and later give different values, so this must never be
// "upgraded". Pure function, thread-safe.
Hash128 city_hash128_v102(const char* data, size_t size);
inline Hash128 city_hash128_v102(std::string_view data) {
  return city_hash128_v102(data.data(), data.size());
}

}  // namespace sluice::clickhouse
