#include "config/did_you_mean.h"

#include <gtest/gtest.h>

#include <string_view>
#include <vector>

namespace sluice::config {
namespace {

TEST(EditDistance, CountsTyposIncludingSwaps) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("host", "host"), 0u);
  EXPECT_EQ(edit_distance("hots", "host"), 1u);
  EXPECT_EQ(edit_distance("hst", "host"), 1u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
}

TEST(ClosestMatch, SuggestsOnlyLikelyTypos) {
  const std::vector<std::string_view> keys = {"host",     "port",           "http_port",
                                              "database", "max_delay_time", "max_batch_size"};
  EXPECT_EQ(closest_match("hots", keys), "host");
  EXPECT_EQ(closest_match("HOST", keys), "host");
  EXPECT_EQ(closest_match("databse", keys), "database");
  EXPECT_EQ(closest_match("max_delay", keys), "max_delay_time");
  EXPECT_EQ(closest_match("htp_port", keys), "http_port");
  EXPECT_EQ(closest_match("completely_different", keys), std::nullopt);
  EXPECT_EQ(closest_match("", keys), std::nullopt);
  EXPECT_EQ(closest_match("xy", keys), std::nullopt);
}

}  // namespace
}  // namespace sluice::config
