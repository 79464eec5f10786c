#include "clickhouse/cityhash102.h"

#include <cstring>
#include <utility>

// Written from the published description of CityHash 1.0.2 (Pike and Alakuijala, 2011).
// Only the 128-bit entry point that ClickHouse uses is provided.

namespace sluice::clickhouse {
namespace {

constexpr uint64_t kK0 = 0xc3a5c85c97cb3127ULL;
constexpr uint64_t kK1 = 0xb492b66fbe98f273ULL;
constexpr uint64_t kK2 = 0x9ae16a3b2f90404fULL;
constexpr uint64_t kK3 = 0xc949d7c7509e6557ULL;

uint64_t fetch64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof(v));
  return v;  // the hash is defined on little-endian loads; our targets are little-endian
}

uint32_t fetch32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, sizeof(v));
  return v;
}

uint64_t rotate(uint64_t v, int shift) {
  return shift == 0 ? v : (v >> shift) | (v << (64 - shift));
}

// Callers guarantee 1 <= shift <= 63.
uint64_t rotate_at_least_1(uint64_t v, int shift) {
  return (v >> shift) | (v << (64 - shift));
}

uint64_t shift_mix(uint64_t v) {
  return v ^ (v >> 47);
}

uint64_t hash_128_to_64(uint64_t lo, uint64_t hi) {
  constexpr uint64_t kMul = 0x9ddfea08eb382d69ULL;
  uint64_t a = (lo ^ hi) * kMul;
  a ^= (a >> 47);
  uint64_t b = (hi ^ a) * kMul;
  b ^= (b >> 47);
  return b * kMul;
}

uint64_t hash_len16(uint64_t u, uint64_t v) {
  return hash_128_to_64(u, v);
}

uint64_t hash_len_0_to_16(const char* s, size_t len) {
  if (len > 8) {
    uint64_t a = fetch64(s);
    uint64_t b = fetch64(s + len - 8);
    return hash_len16(a, rotate_at_least_1(b + len, static_cast<int>(len))) ^ b;
  }
  if (len >= 4) {
    uint64_t a = fetch32(s);
    return hash_len16(len + (a << 3), fetch32(s + len - 4));
  }
  if (len > 0) {
    uint8_t a = static_cast<uint8_t>(s[0]);
    uint8_t b = static_cast<uint8_t>(s[len >> 1]);
    uint8_t c = static_cast<uint8_t>(s[len - 1]);
    uint32_t y = static_cast<uint32_t>(a) + (static_cast<uint32_t>(b) << 8);
    uint32_t z = static_cast<uint32_t>(len) + (static_cast<uint32_t>(c) << 2);
    return shift_mix(y * kK2 ^ z * kK3) * kK2;
  }
  return kK2;
}

std::pair<uint64_t, uint64_t> weak_hash_len32_with_seeds(uint64_t w, uint64_t x, uint64_t y,
                                                         uint64_t z, uint64_t a, uint64_t b) {
  a += w;
  b = rotate(b + a + z, 21);
  uint64_t c = a;
  a += x;
  a += y;
  b += rotate(a, 44);
  return {a + z, b + c};
}

std::pair<uint64_t, uint64_t> weak_hash_len32_with_seeds(const char* s, uint64_t a, uint64_t b) {
  return weak_hash_len32_with_seeds(fetch64(s), fetch64(s + 8), fetch64(s + 16), fetch64(s + 24), a,
                                    b);
}

// The short-input path (len < 128), a Murmur-style mix.
Hash128 city_murmur(const char* s, size_t len, Hash128 seed) {
  uint64_t a = seed.lo;
  uint64_t b = seed.hi;
  uint64_t c = 0;
  uint64_t d = 0;
  if (len <= 16) {
    a = shift_mix(a * kK1) * kK1;
    c = b * kK1 + hash_len_0_to_16(s, len);
    d = shift_mix(a + (len >= 8 ? fetch64(s) : c));
  } else {
    c = hash_len16(fetch64(s + len - 8) + kK1, a);
    d = hash_len16(b + len, c + fetch64(s + len - 16));
    a += d;
    size_t l = len - 16;
    do {
      a ^= shift_mix(fetch64(s) * kK1) * kK1;
      a *= kK1;
      b ^= a;
      c ^= shift_mix(fetch64(s + 8) * kK1) * kK1;
      c *= kK1;
      d ^= c;
      s += 16;
      l = l > 16 ? l - 16 : 0;
    } while (l > 0);
  }
  a = hash_len16(a, c);
  b = hash_len16(d, b);
  return Hash128{a ^ b, hash_len16(b, a)};
}

Hash128 city_hash128_with_seed(const char* s, size_t len, Hash128 seed) {
  if (len < 128) return city_murmur(s, len, seed);

  uint64_t x = seed.lo;
  uint64_t y = seed.hi;
  uint64_t z = len * kK1;
  std::pair<uint64_t, uint64_t> v;
  std::pair<uint64_t, uint64_t> w;
  v.first = rotate(y ^ kK1, 49) * kK1 + fetch64(s);
  v.second = rotate(v.first, 42) * kK1 + fetch64(s + 8);
  w.first = rotate(y + z, 35) * kK1 + x;
  w.second = rotate(x + fetch64(s + 88), 53) * kK1;

  // Two 64-byte rounds per iteration, as in the reference.
  do {
    for (int round = 0; round < 2; ++round) {
      x = rotate(x + y + v.first + fetch64(s + 16), 37) * kK1;
      y = rotate(y + v.second + fetch64(s + 48), 42) * kK1;
      x ^= w.second;
      y ^= v.first;
      z = rotate(z ^ w.first, 33);
      v = weak_hash_len32_with_seeds(s, v.second * kK1, x + w.first);
      w = weak_hash_len32_with_seeds(s + 32, z + w.second, y);
      std::swap(z, x);
      s += 64;
    }
    len -= 128;
  } while (len >= 128);

  y += rotate(w.first, 37) * kK0 + z;
  x += rotate(v.first + z, 49) * kK0;
  // Up to four 32-byte chunks from the end of the remaining input.
  for (size_t tail_done = 0; tail_done < len;) {
    tail_done += 32;
    y = rotate(y - x, 42) * kK0 + v.second;
    w.first += fetch64(s + len - tail_done + 16);
    x = rotate(x, 49) * kK0 + w.first;
    w.first += v.first;
    v = weak_hash_len32_with_seeds(s + len - tail_done, v.first, v.second);
  }
  x = hash_len16(x, v.first);
  y = hash_len16(y, w.first);
  return Hash128{hash_len16(x + v.second, w.second) + y, hash_len16(x + w.second, y + v.second)};
}

}  // namespace

Hash128 city_hash128_v102(const char* data, size_t size) {
  if (size >= 16) {
    return city_hash128_with_seed(data + 16, size - 16,
                                  Hash128{fetch64(data) ^ kK3, fetch64(data + 8)});
  }
  if (size >= 8) {
    return city_hash128_with_seed(
        nullptr, 0, Hash128{fetch64(data) ^ (size * kK0), fetch64(data + size - 8) ^ kK1});
  }
  return city_hash128_with_seed(data, size, Hash128{kK0, kK1});
}

}  // namespace sluice::clickhouse
