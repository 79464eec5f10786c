#include "transforms/fingerprint_index.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>

namespace sluice::transforms {
namespace {

// Fingerprints whose low bits are chosen, so that keys share a home slot and probe.
KeyFingerprint fp(uint64_t lo, uint64_t hi) {
  return {lo, hi};
}

TEST(FingerprintIndex, SetFindReplace) {
  FingerprintIndex index;
  EXPECT_EQ(index.find(fp(1, 1)), FingerprintIndex::kNone);
  index.set(fp(1, 1), 10);
  EXPECT_EQ(index.find(fp(1, 1)), 10u);
  EXPECT_EQ(index.find(fp(1, 2)), FingerprintIndex::kNone) << "the high half counts too";
  index.set(fp(1, 1), 0);
  EXPECT_EQ(index.size(), 1u);
  EXPECT_EQ(index.find(fp(1, 1)), 0u) << "record 0 is a record";
}

TEST(FingerprintIndex, EraseKeepsTheOthersOfAProbeChainReachable) {
  FingerprintIndex index;
  // Five keys with home slot 7 (and one with home 8, inside their chain), then erase in the middle.
  for (uint64_t k = 0; k < 5; ++k) index.set(fp(7 + 1024 * k, k), 1);
  index.set(fp(8, 99), 1);
  index.erase(fp(7 + 1024, 1));
  index.erase(fp(7, 0));
  EXPECT_EQ(index.size(), 4u);
  EXPECT_EQ(index.find(fp(7, 0)), FingerprintIndex::kNone);
  EXPECT_EQ(index.find(fp(7 + 1024, 1)), FingerprintIndex::kNone);
  for (uint64_t k = 2; k < 5; ++k)
    EXPECT_NE(index.find(fp(7 + 1024 * k, k)), FingerprintIndex::kNone) << k;
  EXPECT_NE(index.find(fp(8, 99)), FingerprintIndex::kNone);
  index.erase(fp(12345, 0));  // absent: nothing happens
  EXPECT_EQ(index.size(), 4u);
}

TEST(FingerprintIndex, AgreesWithAMapThroughGrowthAndErasure) {
  FingerprintIndex index;
  std::map<uint64_t, uint32_t> model;
  std::mt19937_64 random(5);
  for (int step = 0; step < 200000; ++step) {
    const uint64_t k = random() % 20000;
    const KeyFingerprint key = fp(k * 0x9E3779B97F4A7C15ull % 4096, k);  // many shared homes
    if (random() % 3 == 0) {
      index.erase(key);
      model.erase(k);
    } else {
      index.set(key, static_cast<uint32_t>(step));
      model[k] = static_cast<uint32_t>(step);
    }
  }
  EXPECT_EQ(index.size(), model.size());
  for (uint64_t k = 0; k < 20000; ++k) {
    const uint32_t found = index.find(fp(k * 0x9E3779B97F4A7C15ull % 4096, k));
    auto it = model.find(k);
    EXPECT_EQ(found, it == model.end() ? FingerprintIndex::kNone : it->second) << k;
  }
}

}  // namespace
}  // namespace sluice::transforms
