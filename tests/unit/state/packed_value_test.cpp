#include "state/packed_value.h"

#include <gtest/gtest.h>

#include <initializer_list>
#include <random>
#include <string>

namespace sluice::state {
namespace {

std::string repetitive(size_t bytes) {
  std::string s;
  for (int i = 0; s.size() < bytes; ++i)
    s += R"({"order_id":"177ed651-0000-4000-8000-)" + std::to_string(100000 + i) + R"("})";
  return s;
}

TEST(PackedValue, ALargeCompressibleValueIsPackedAndUnpacksToItself) {
  const std::string raw = repetitive(64 * 1024);
  const std::string packed = pack_value(raw);
  EXPECT_LT(packed.size(), raw.size() / 2);
  EXPECT_EQ(packed.substr(0, 8), std::string(8, '\xFF'));
  std::string scratch;
  std::string_view back;
  ASSERT_TRUE(unpack_value(packed, scratch, back));
  EXPECT_EQ(back, raw);
}

TEST(PackedValue, SmallOrIncompressibleValuesAreStoredAsTheyAre) {
  const std::string small = repetitive(1000);
  EXPECT_EQ(pack_value(small), small);
  std::mt19937_64 random(7);
  std::string noise(64 * 1024, '\0');
  for (char& c : noise) c = static_cast<char>(random());
  noise[0] = 0;  // not the mark
  EXPECT_EQ(pack_value(noise), noise);
  // Raw values (and those written before packing existed) read back as they are.
  for (const std::string* raw : std::initializer_list<const std::string*>{&small, &noise}) {
    std::string scratch;
    std::string_view back;
    ASSERT_TRUE(unpack_value(*raw, scratch, back));
    EXPECT_EQ(back.data(), raw->data());
    EXPECT_EQ(back.size(), raw->size());
  }
  std::string scratch;
  std::string_view back;
  ASSERT_TRUE(unpack_value("", scratch, back));
  EXPECT_TRUE(back.empty());
}

TEST(PackedValue, ADamagedPackedValueIsRefused) {
  const std::string packed = pack_value(repetitive(64 * 1024));
  std::string scratch;
  std::string_view back;
  EXPECT_FALSE(unpack_value(packed.substr(0, packed.size() / 2), scratch, back));  // truncated
  EXPECT_FALSE(unpack_value(packed.substr(0, 12), scratch, back));                 // no size
  std::string wrong_size = packed;
  wrong_size[8] ^= 1;  // the unpacked size no longer matches the block
  EXPECT_FALSE(unpack_value(wrong_size, scratch, back));
}

}  // namespace
}  // namespace sluice::state
