#include "clickhouse/loopback.h"

#include <gtest/gtest.h>

namespace sluice::clickhouse {
namespace {

TEST(LoopbackTest, LoopbackAddressesAndLocalhost) {
  EXPECT_TRUE(is_loopback_host("127.0.0.1"));
  EXPECT_TRUE(is_loopback_host("127.1.2.3"));
  EXPECT_TRUE(is_loopback_host("::1"));
  EXPECT_TRUE(is_loopback_host("::ffff:127.0.0.1"));
  EXPECT_TRUE(is_loopback_host("localhost"));
}

TEST(LoopbackTest, OtherAddressesAreNot) {
  EXPECT_FALSE(is_loopback_host("10.0.0.1"));
  EXPECT_FALSE(is_loopback_host("192.0.2.7"));
  EXPECT_FALSE(is_loopback_host("128.0.0.1"));
  EXPECT_FALSE(is_loopback_host("2001:db8::1"));
  EXPECT_FALSE(is_loopback_host("::ffff:10.0.0.1"));
  EXPECT_FALSE(is_loopback_host("no-such-host.invalid"));
}

TEST(LoopbackTest, AutoCompressionIsNoneOnlyOnTheLoopback) {
  EXPECT_EQ(resolve_compression(std::nullopt, "127.0.0.1"), Compression::None);
  EXPECT_EQ(resolve_compression(std::nullopt, "192.0.2.7"), Compression::LZ4);
  // An explicit choice wins either way.
  EXPECT_EQ(resolve_compression(Compression::LZ4, "127.0.0.1"), Compression::LZ4);
  EXPECT_EQ(resolve_compression(Compression::None, "192.0.2.7"), Compression::None);
  EXPECT_EQ(resolve_compression(Compression::ZSTD, "::1"), Compression::ZSTD);
}

}  // namespace
}  // namespace sluice::clickhouse
