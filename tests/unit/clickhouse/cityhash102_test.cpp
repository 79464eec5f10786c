#include "clickhouse/cityhash102.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

namespace sluice::clickhouse {
namespace {

struct Vector {
  std::string input;
  uint64_t lo, hi;
};

std::string bytes_0_to_199() {
  std::string s;
  for (int i = 0; i < 200; ++i) s.push_back(static_cast<char>(i));
  return s;
}

TEST(CityHash102Test, KnownVectors) {
  const Vector vectors[] = {
      {"", 0x3df09dfc64c09a2bULL, 0x3cb540c392e51e29ULL},
      {"a", 0xd27139a1afe01ad0ULL, 0xfd7e8ee2e4c86cf6ULL},
      {"abc", 0x900ff195577748feULL, 0x13a9176355b20d7eULL},
      {"0123456789abcdef", 0xc52ea1adb29e4800ULL, 0x7369a2fab076de4cULL},
      {bytes_0_to_199(), 0x275774699e23b6fdULL, 0x5682ef01ebe7289cULL},
  };
  for (const auto& v : vectors) {
    Hash128 h = city_hash128_v102(v.input);
    EXPECT_EQ(h.lo, v.lo) << "input size " << v.input.size();
    EXPECT_EQ(h.hi, v.hi) << "input size " << v.input.size();
  }
}

bool compressor_available() {
  return std::system("command -v clickhouse-compressor >/dev/null 2>&1") == 0;
}

std::string read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// The server's own tool writes NONE frames whose checksum covers 9 header bytes plus the
// input, so input sizes 0..300 check hash lengths 9..309 and the bigger ones the long path.
TEST(CityHash102Test, MatchesClickHouseCompressorFrames) {
  if (!compressor_available()) {
    GTEST_SKIP() << "clickhouse-compressor not found (apt-get install -y clickhouse-tools); "
                    "skipping the cross-check against the server's checksums";
  }
  const std::string dir = ::testing::TempDir();
  const std::string in_path = dir + "/sluice_city_in.bin";
  const std::string out_path = dir + "/sluice_city_out.bin";
  std::vector<size_t> sizes;
  for (size_t n = 1; n <= 300; ++n) sizes.push_back(n);
  sizes.push_back(1000);
  sizes.push_back(4099);
  sizes.push_back(100000);
  uint32_t seed = 12345;
  for (size_t n : sizes) {
    std::string input(n, '\0');
    for (auto& c : input) {
      seed = seed * 1103515245u + 12345u;
      c = static_cast<char>(seed >> 16);
    }
    {
      std::ofstream f(in_path, std::ios::binary);
      f.write(input.data(), static_cast<std::streamsize>(input.size()));
    }
    const std::string cmd = "clickhouse-compressor --none < " + in_path + " > " + out_path;
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    const std::string frame = read_file(out_path);
    ASSERT_EQ(frame.size(), 25 + n);
    uint64_t lo, hi;
    std::memcpy(&lo, frame.data(), 8);
    std::memcpy(&hi, frame.data() + 8, 8);
    Hash128 h = city_hash128_v102(std::string_view(frame).substr(16));
    EXPECT_EQ(h.lo, lo) << "input size " << n;
    EXPECT_EQ(h.hi, hi) << "input size " << n;
  }
}

}  // namespace
}  // namespace sluice::clickhouse
