#pragma once

#include <cstdint>

namespace sluice::gen {

// SplitMix64's finalizer: a fast, well-mixed bijection on 64-bit values.
constexpr uint64_t mix64(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

// Small deterministic generator. Each event gets its own Rng seeded from (seed, index), so event
// i's bytes depend only on the seed and i: runs are reproducible and a longer run's prefix
// equals a shorter run.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  static Rng for_event(uint64_t seed, uint64_t index, uint64_t stream = 0) {
    return Rng(mix64(mix64(seed ^ (stream * 0xD6E8FEB86659FD93ull)) + index));
  }

  uint64_t next() {
    state_ += 0x9E3779B97F4A7C15ull;
    uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n); n > 0. Multiply-shift: no modulo bias worth caring about for n << 2^64.
  uint64_t below(uint64_t n) {
    __extension__ using U128 = unsigned __int128;  // GCC/Clang builtin; -Wpedantic needs the marker
    return static_cast<uint64_t>((static_cast<U128>(next()) * n) >> 64);
  }
  // Uniform in [lo, hi].
  int64_t between(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(below(static_cast<uint64_t>(hi - lo) + 1));
  }
  bool chance_percent(unsigned percent) { return below(100) < percent; }

 private:
  uint64_t state_;
};

}  // namespace sluice::gen
