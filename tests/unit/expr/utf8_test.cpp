// The ASCII case flip that upper/lower and parseUserAgent use, against a byte-by-byte rule.
#include "expr/utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace sluice::expr::utf8 {
namespace {

std::string flipped_slowly(std::string text, bool to_upper) {
  const char first = to_upper ? 'a' : 'A';
  for (char& c : text) {
    if (c >= first && c <= first + 25) c = static_cast<char>(c ^ 0x20);
  }
  return text;
}

TEST(Utf8, AsciiCaseFlipTouchesOnlyLettersOfEveryByteAndLength) {
  std::string all;
  for (int b = 0; b < 256; ++b) all += static_cast<char>(b);
  for (bool to_upper : {false, true}) {
    for (size_t start = 0; start < 9; ++start) {  // every alignment and tail length
      std::string text = all.substr(start) + all.substr(0, start);
      const std::string want = flipped_slowly(text, to_upper);
      ascii_case_in_place(text.data(), text.size(), to_upper);
      EXPECT_EQ(text, want) << "start " << start << (to_upper ? " upper" : " lower");
    }
  }
  EXPECT_EQ(lower("@AZ[`az{ Mozilla/5.0 EDG"), "@az[`az{ mozilla/5.0 edg");
  EXPECT_EQ(upper("@AZ[`az{ Mozilla/5.0 EDG"), "@AZ[`AZ{ MOZILLA/5.0 EDG");
}

}  // namespace
}  // namespace sluice::expr::utf8
