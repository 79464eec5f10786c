#include "clickhouse/error_codes.h"

#include <gtest/gtest.h>

namespace sluice::clickhouse {
namespace {

TEST(ErrorCodesTest, RetriableCodes) {
  for (int code : {159, 198, 201, 202, 203, 209, 210, 236, 241, 242, 243, 244, 252,
                   254, 265, 279, 285, 286, 289, 290, 297, 364, 384, 425, 999, 1000}) {
    EXPECT_TRUE(is_retriable_server_code(code)) << code;
  }
}

TEST(ErrorCodesTest, EverythingElseIsPermanent) {
  int retriable = 0;
  for (int code = -10; code < 2000; ++code) retriable += is_retriable_server_code(code) ? 1 : 0;
  EXPECT_EQ(retriable, 26);
  for (int code : {0, 1, 47, 60, 62, 115, 192, 193, 368, 395}) {
    EXPECT_FALSE(is_retriable_server_code(code)) << code;
  }
}

}  // namespace
}  // namespace sluice::clickhouse
