#include "transforms/join_right_index.h"

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

TEST(JoinRightIndex, SetFindReplace) {
  JoinRightIndex index;
  const std::string a = "a", b = "b";
  EXPECT_EQ(index.find(fp(1, 1)), nullptr);
  index.set(fp(1, 1), {10, &a});
  ASSERT_NE(index.find(fp(1, 1)), nullptr);
  EXPECT_EQ(index.find(fp(1, 1))->cells, &a);
  EXPECT_EQ(index.find(fp(1, 2)), nullptr) << "the high half counts too";
  index.set(fp(1, 1), {20, &b});
  EXPECT_EQ(index.size(), 1u);
  EXPECT_EQ(index.find(fp(1, 1))->seen_ms, 20);
  EXPECT_EQ(index.find(fp(1, 1))->cells, &b);
}

TEST(JoinRightIndex, EraseKeepsTheOthersOfAProbeChainReachable) {
  JoinRightIndex index;
  const std::string cells = "x";
  // Five keys with home slot 7 (and one with home 8, inside their chain), then erase in the middle.
  for (uint64_t k = 0; k < 5; ++k) index.set(fp(7 + 1024 * k, k), {1, &cells});
  index.set(fp(8, 99), {1, &cells});
  index.erase(fp(7 + 1024, 1));
  index.erase(fp(7, 0));
  EXPECT_EQ(index.size(), 4u);
  EXPECT_EQ(index.find(fp(7, 0)), nullptr);
  EXPECT_EQ(index.find(fp(7 + 1024, 1)), nullptr);
  for (uint64_t k = 2; k < 5; ++k) EXPECT_NE(index.find(fp(7 + 1024 * k, k)), nullptr) << k;
  EXPECT_NE(index.find(fp(8, 99)), nullptr);
  index.erase(fp(12345, 0));  // absent: nothing happens
  EXPECT_EQ(index.size(), 4u);
}

TEST(JoinRightIndex, AgreesWithAMapThroughGrowthAndErasure) {
  JoinRightIndex index;
  std::map<uint64_t, int64_t> model;
  std::vector<std::string> cells(1);
  std::mt19937_64 random(5);
  for (int step = 0; step < 200000; ++step) {
    const uint64_t k = random() % 20000;
    const KeyFingerprint key = fp(k * 0x9E3779B97F4A7C15ull % 4096, k);  // many shared homes
    if (random() % 3 == 0) {
      index.erase(key);
      model.erase(k);
    } else {
      index.set(key, {step, &cells[0]});
      model[k] = step;
    }
  }
  EXPECT_EQ(index.size(), model.size());
  for (uint64_t k = 0; k < 20000; ++k) {
    const auto* found = index.find(fp(k * 0x9E3779B97F4A7C15ull % 4096, k));
    auto it = model.find(k);
    ASSERT_EQ(found != nullptr, it != model.end()) << k;
    if (found) {
      EXPECT_EQ(found->seen_ms, it->second);
    }
  }
}

}  // namespace
}  // namespace sluice::transforms
