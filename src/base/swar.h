#pragma once

#include <cstdint>
#include <cstring>

// Eight bytes tested at once in one 64-bit word (SIMD within a register), the first byte lowest
// as loaded: ASCII classes for the text parsers (UUIDs, DateTime, case mapping).
namespace sluice::swar {

inline constexpr uint64_t kOnes = 0x0101010101010101ULL;
inline constexpr uint64_t kHigh = 0x8080808080808080ULL;

// Eight (four) bytes as they lie in memory: std::memcpy, no alignment needed.
inline uint64_t load8(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
inline uint64_t load4(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

// Bit 7 of each byte of the result: that byte of `x` lies in [lo, hi]. Per byte b < 0x80,
// b + (0x80 - lo) has its high bit set exactly when b >= lo; every byte of `x` must be below
// 0x80, so that no sum carries into the next byte.
constexpr uint64_t bytes_between(uint64_t x, uint8_t lo, uint8_t hi) {
  const uint64_t at_least_lo = x + kOnes * (0x80 - lo);
  const uint64_t above_hi = x + kOnes * (0x7F - hi);
  return at_least_lo & ~above_hi & kHigh;
}

}  // namespace sluice::swar
