#include "clickhouse/compressed_frame.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

namespace sluice::clickhouse {
namespace {

std::string from_hex(std::string_view hex) {
  std::string out;
  int hi = -1;
  for (char c : hex) {
    int v = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
    if (v < 0) continue;
    if (hi < 0) {
      hi = v;
    } else {
      out.push_back(static_cast<char>(hi * 16 + v));
      hi = -1;
    }
  }
  return out;
}

const std::string kHello = "hello, hello, hello, hello!";

TEST(CompressedFrameTest, NoneFrameMatchesReferenceBytes) {
  std::string out;
  ASSERT_TRUE(compress(kHello, FrameMethod::None, out).ok());
  EXPECT_EQ(out, from_hex("99f9baef52f52f71fea2958092c131bb 02 24000000 1b000000") + kHello);
}

TEST(CompressedFrameTest, Lz4FrameMatchesReferenceBytes) {
  std::string out;
  ASSERT_TRUE(compress(kHello, FrameMethod::LZ4, out).ok());
  ASSERT_EQ(out.size(), 16u + 0x19);
  EXPECT_EQ(out.substr(16), from_hex("82 19000000 1b000000 7b68656c6c6f2c20 0700 50656c6c6f21"));
  // The checksum covers everything after it.
  Hash128 sum = city_hash128_v102(std::string_view(out).substr(16));
  std::string expected_sum(16, '\0');
  std::memcpy(expected_sum.data(), &sum.lo, 8);
  std::memcpy(expected_sum.data() + 8, &sum.hi, 8);
  EXPECT_EQ(out.substr(0, 16), expected_sum);
}

TEST(CompressedFrameTest, RoundTripsAllMethodsAndSizes) {
  std::string big(3 * kMaxFrameInput + 17, '\0');
  for (size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>((i * 7) ^ (i >> 9));
  for (FrameMethod m : {FrameMethod::None, FrameMethod::LZ4, FrameMethod::ZSTD}) {
    for (const std::string& input : {std::string(), std::string("x"), kHello, big}) {
      std::string framed;
      ASSERT_TRUE(compress(input, m, framed).ok());
      if (input.empty()) {
        EXPECT_TRUE(framed.empty());
      }
      std::string back;
      Status st = decompress(framed, back);
      ASSERT_TRUE(st.ok()) << st.error().to_string();
      EXPECT_EQ(back, input);
    }
  }
}

TEST(CompressedFrameTest, BigInputIsCutIntoFramesOfAtMostOneMiB) {
  std::string big(2 * kMaxFrameInput + 1, 'a');
  std::string framed;
  ASSERT_TRUE(compress(big, FrameMethod::None, framed).ok());
  EXPECT_EQ(framed.size(), big.size() + 3 * kFrameHeadSize);
}

TEST(CompressedFrameTest, StreamingAcceptsAnyChunking) {
  std::string framed;
  ASSERT_TRUE(compress(kHello, FrameMethod::LZ4, framed).ok());
  ASSERT_TRUE(compress(kHello, FrameMethod::ZSTD, framed).ok());
  FrameDecompressor d;
  std::string out;
  for (char c : framed) {
    ASSERT_TRUE(d.feed(std::string_view(&c, 1), out).ok());
  }
  EXPECT_TRUE(d.at_frame_boundary());
  EXPECT_EQ(out, kHello + kHello);
}

TEST(CompressedFrameTest, CorruptionIsAProtocolError) {
  std::string framed;
  ASSERT_TRUE(compress(kHello, FrameMethod::LZ4, framed).ok());
  for (size_t pos : {size_t{0}, size_t{15}, size_t{30}, framed.size() - 1}) {
    std::string bad = framed;
    bad[pos] ^= 0x01;
    std::string out;
    Status st = decompress(bad, out);
    ASSERT_FALSE(st.ok()) << "flipped byte " << pos;
    EXPECT_EQ(st.error().code(), ErrorCode::Protocol);
    EXPECT_NE(st.error().message().find("checksum"), std::string::npos) << st.error().message();
  }
  std::string out;
  Status st = decompress(framed.substr(0, framed.size() - 1), out);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code(), ErrorCode::Protocol);
}

TEST(CompressedFrameTest, RejectsUnknownMethodAndBadSizes) {
  std::string framed;
  ASSERT_TRUE(compress(kHello, FrameMethod::None, framed).ok());
  std::string bad = framed;
  bad[16] = '\x91';
  EXPECT_FALSE(parse_frame_head(bad).ok());
  bad = framed;
  bad[17] = 3;  // compressed size below the 9 header bytes
  bad[18] = bad[19] = bad[20] = 0;
  EXPECT_FALSE(parse_frame_head(bad).ok());
}

std::string read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

void write_file(const std::string& path, const std::string& data) {
  std::ofstream f(path, std::ios::binary);
  f.write(data.data(), static_cast<std::streamsize>(data.size()));
}

// Our frames decode with the server's tool, and its frames decode with ours.
TEST(CompressedFrameTest, InteroperatesWithClickHouseCompressor) {
  if (std::system("command -v clickhouse-compressor >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "clickhouse-compressor not found (apt-get install -y clickhouse-tools); "
                    "skipping the cross-check against the server's tool";
  }
  const std::string dir = ::testing::TempDir();
  std::string input;
  for (int i = 0; i < 300000; ++i) input += std::to_string(i % 977) + ",";
  for (FrameMethod m : {FrameMethod::None, FrameMethod::LZ4, FrameMethod::ZSTD}) {
    std::string framed;
    ASSERT_TRUE(compress(input, m, framed).ok());
    write_file(dir + "/sluice_frames.bin", framed);
    std::string cmd =
        "clickhouse-compressor -d < " + dir + "/sluice_frames.bin > " + dir + "/sluice_plain.bin";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    EXPECT_EQ(read_file(dir + "/sluice_plain.bin"), input);
  }
  write_file(dir + "/sluice_plain.bin", input);
  for (std::string flag : {"--none", "", "--zstd", "--hc"}) {
    std::string cmd = "clickhouse-compressor " + flag + " < " + dir + "/sluice_plain.bin > " + dir +
                      "/sluice_frames.bin";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    std::string out;
    Status st = decompress(read_file(dir + "/sluice_frames.bin"), out);
    ASSERT_TRUE(st.ok()) << flag << ": " << st.error().to_string();
    EXPECT_EQ(out, input) << flag;
  }
}

}  // namespace
}  // namespace sluice::clickhouse
