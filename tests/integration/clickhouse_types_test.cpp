// Every column type ClickHouse 18.16 supports, encoded by Sluice's BlockEncoder from decoded
// cells, inserted through both transports (native TCP and HTTP with FORMAT Native) into the real
// server, and read back as the server's own TSV text: the values must be exact.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "clickhouse/http_client.h"
#include "clickhouse/insert_client.h"
#include "native/block_encoder.h"
#include "support/clickhouse_server.h"
#include "unit/native/native_test_util.h"

namespace sluice {
namespace {

using native::testing::BatchBuilder;
using testing::shared_clickhouse;

struct ColumnCase {
  const char* name;
  const char* type;
};

// The table, in column order. Row values and expected text follow in the same order.
const std::vector<ColumnCase> kColumns = {
    {"id", "UInt32"},
    {"s", "String"},
    {"fs", "FixedString(3)"},
    {"i8", "Int8"},
    {"i16", "Int16"},
    {"i32", "Int32"},
    {"i64", "Int64"},
    {"u8", "UInt8"},
    {"u16", "UInt16"},
    {"u32", "UInt32"},
    {"u64", "UInt64"},
    {"f32", "Float32"},
    {"f64", "Float64"},
    {"d9", "Decimal(9, 2)"},
    {"d18", "Decimal(18, 4)"},
    {"d38", "Decimal(38, 10)"},
    {"d", "Date"},
    {"dt", "DateTime"},
    {"dtu", "DateTime('UTC')"},
    {"uuid", "UUID"},
    {"e8", "Enum8('b' = -2, 'a' = 1)"},
    {"e16", "Enum16('y' = -1000, 'x' = 1000)"},
    {"ns", "Nullable(String)"},
    {"ni", "Nullable(Int32)"},
    {"arr", "Array(UInt8)"},
    {"arr2", "Array(Array(String))"},
    {"arrn", "Array(Nullable(Int64))"},
    {"lc", "LowCardinality(String)"},
    {"lcn", "LowCardinality(Nullable(String))"},
    {"tup", "Tuple(UInt8, String)"},
    {"js", "String"},
};

// Builds the batch (two rows) and returns the expected TSV output of SELECT * ORDER BY id.
std::string fill(BatchBuilder& b) {
  Batch& batch = b.batch;
  auto col = [&](const char* name) -> Column& {
    for (size_t i = 0; i < kColumns.size(); ++i)
      if (std::string(kColumns[i].name) == name) return batch.columns[i];
    std::abort();
  };
  auto arr = [](Column& c, const std::vector<Cell>& e) { return BatchBuilder::arr(c, e); };
  Column& arr2 = col("arr2");
  Column& arr2_inner = arr2.element_column();

  std::vector<Cell> row0 = {
      Cell::int64(0),
      b.str("héllo"),
      b.str("ab"),
      Cell::int64(-128),
      Cell::int64(-32768),
      Cell::int64(std::numeric_limits<int32_t>::min()),
      Cell::int64(std::numeric_limits<int64_t>::min()),
      Cell::int64(255),
      b.str("65535"),
      Cell::uint64(4294967295u),
      Cell::uint64(std::numeric_limits<uint64_t>::max()),
      Cell::float64(1.5),
      Cell::float64(0.1),
      b.str("1234567.89"),
      Cell::float64(-12.34),
      b.str("12345678901234567890.0123456789"),
      b.str("2024-02-29"),
      b.str("Mon, 02 Jan 2006 15:04:05 -0700"),
      Cell::int64(1704067200),
      b.str("11111111-2222-3333-4444-555555555555"),
      b.str("b"),
      Cell::int64(1000),
      b.str("x"),
      Cell::int64(7),
      arr(col("arr"), {Cell::int64(1), Cell::int64(2), Cell::int64(3)}),
      arr(arr2, {arr(arr2_inner, {b.str("a"), b.str("b")}), arr(arr2_inner, {})}),
      arr(col("arrn"), {Cell::int64(1), Cell::null()}),
      b.str("k1"),
      b.str("v"),
      arr(col("tup"), {Cell::int64(1), b.str("t")}),
      b.obj(R"({"a":[1,2]})"),
  };
  std::vector<Cell> row1 = {
      Cell::int64(1),
      b.str(""),
      b.str("abc"),
      Cell::int64(127),
      Cell::int64(32767),
      Cell::int64(std::numeric_limits<int32_t>::max()),
      Cell::int64(std::numeric_limits<int64_t>::max()),
      Cell::int64(0),
      Cell::int64(0),
      Cell::int64(0),
      Cell::int64(0),
      Cell::float64(-2.25),
      Cell::float64(1e300),
      b.str("-9999999.99"),
      b.str("99999999999999.9999"),
      b.str("-9999999999999999999999999999.9999999999"),
      // 18.16's date tables end in 2105: later values are stored right but print wrong.
      b.str("2105-12-31"),
      b.str("2105-12-31T23:59:59Z"),
      b.str("01/02/2006"),
      b.str("00000000-0000-0000-0000-000000000000"),
      Cell::int64(-2),
      b.str("y"),
      Cell::null(),
      Cell::missing(),
      arr(col("arr"), {}),
      arr(arr2, {}),
      arr(col("arrn"), {Cell::null()}),
      b.str("k1"),
      Cell::null(),
      arr(col("tup"), {Cell::int64(255), b.str("")}),
      Cell::boolean(true),
  };
  b.row(row0);
  b.row(row1);
  return "0\théllo\tab\\0\t-128\t-32768\t-2147483648\t-9223372036854775808\t255\t65535\t"
         "4294967295\t18446744073709551615\t1.5\t0.1\t1234567.89\t-12.3400\t"
         "12345678901234567890.0123456789\t2024-02-29\t2006-01-02 22:04:05\t2024-01-01 00:00:00\t"
         "11111111-2222-3333-4444-555555555555\tb\tx\tx\t7\t[1,2,3]\t[['a','b'],[]]\t[1,NULL]\t"
         "k1\tv\t(1,'t')\t{\"a\":[1,2]}\n"
         "1\t\tabc\t127\t32767\t2147483647\t9223372036854775807\t0\t0\t0\t0\t-2.25\t1e300\t"
         "-9999999.99\t99999999999999.9999\t-9999999999999999999999999999.9999999999\t2105-12-31\t"
         "2105-12-31 23:59:59\t2006-01-02 00:00:00\t00000000-0000-0000-0000-000000000000\tb\ty\t"
         "\\N\t\\N\t[]\t[]\t[NULL]\tk1\t\\N\t(255,'')\ttrue\n";
}

const testing::ClickHouseServer::Settings kLowCardinality = {
    {"allow_experimental_low_cardinality_type", "1"}};

class ClickHouseTypes : public ::testing::TestWithParam<clickhouse::WireProtocol> {};

TEST_P(ClickHouseTypes, EveryTypeRoundTripsExactly) {
  auto& server = shared_clickhouse();
  const bool http = GetParam() == clickhouse::WireProtocol::Http;
  const std::string table = http ? "types_http" : "types_native";
  std::string ddl = "CREATE TABLE " + table + " (";
  for (size_t i = 0; i < kColumns.size(); ++i)
    ddl += std::string(i ? ", " : "") + kColumns[i].name + " " + kColumns[i].type;
  ddl += ") ENGINE = MergeTree ORDER BY id";
  server.must_query("DROP TABLE IF EXISTS " + table);
  server.must_query(ddl, kLowCardinality);

  clickhouse::ConnectionOptions options;
  options.protocol = GetParam();
  options.port = server.tcp_port();
  options.http_port = server.http_port();
  auto client = clickhouse::open_insert_client(options);
  ASSERT_TRUE(client.ok()) << client.error().to_string();
  EXPECT_EQ(client.value()->server().major, 18u);

  std::string insert = "INSERT INTO default." + table + " (";
  for (size_t i = 0; i < kColumns.size(); ++i)
    insert += std::string(i ? ", " : "") + "`" + kColumns[i].name + "`";
  insert += ") VALUES";
  auto header = client.value()->begin_insert(insert);
  ASSERT_TRUE(header.ok()) << header.error().to_string();
  ASSERT_EQ(header->size(), kColumns.size());
  std::vector<native::ColumnBinding> bindings;
  for (size_t i = 0; i < kColumns.size(); ++i) {
    EXPECT_EQ(header.value()[i].type, kColumns[i].type) << kColumns[i].name;
    bindings.push_back({header.value()[i].name, header.value()[i].type, i, kColumns[i].name});
  }
  auto encoder = native::BlockEncoder::create(bindings);
  ASSERT_TRUE(encoder.ok()) << encoder.error().to_string();

  BatchBuilder b(kColumns.size());
  const std::string expected = fill(b);
  std::string body;
  std::vector<uint32_t> rows = b.all_rows();
  std::vector<native::RowFailure> failures = encoder.value().encode(b.batch, rows, body);
  ASSERT_TRUE(failures.empty()) << failures[0].detail;
  ASSERT_TRUE(client.value()->send_block(body).ok());
  Status ended = client.value()->end_insert();
  ASSERT_TRUE(ended.ok()) << ended.error().to_string();

  EXPECT_EQ(server.must_query("SELECT * FROM " + table + " ORDER BY id FORMAT TabSeparated"),
            expected);

  // The client's own query path decodes the same values.
  auto result = client.value()->query("SELECT id, d18, arr2, lcn FROM " + table + " ORDER BY id");
  ASSERT_TRUE(result.ok()) << result.error().to_string();
  ASSERT_EQ(result->rows.size(), 2u);
  EXPECT_EQ(result->rows[0][1].value_or("?"), "-12.3400");
  EXPECT_EQ(result->rows[0][3].value_or("?"), "v");
  EXPECT_FALSE(result->rows[1][3].has_value());
}

TEST_P(ClickHouseTypes, ServerErrorsAreClassified) {
  clickhouse::ConnectionOptions options;
  options.protocol = GetParam();
  options.port = shared_clickhouse().tcp_port();
  options.http_port = shared_clickhouse().http_port();
  auto client = clickhouse::open_insert_client(options);
  ASSERT_TRUE(client.ok()) << client.error().to_string();
  auto header = client.value()->begin_insert("INSERT INTO default.no_such_table (a) VALUES");
  ASSERT_FALSE(header.ok());
  EXPECT_EQ(header.error().code(), ErrorCode::ServerError);
  EXPECT_EQ(header.error().server_code(), 60);  // UNKNOWN_TABLE
  EXPECT_FALSE(header.error().retriable());
}

INSTANTIATE_TEST_SUITE_P(Transports, ClickHouseTypes,
                         ::testing::Values(clickhouse::WireProtocol::Native,
                                           clickhouse::WireProtocol::Http),
                         [](const auto& p) {
                           return p.param == clickhouse::WireProtocol::Http ? "Http" : "Native";
                         });

TEST(HttpClient, CompressedAndPlainBodiesAndMultipleBlocks) {
  auto& server = shared_clickhouse();
  server.must_query("DROP TABLE IF EXISTS http_frames");
  server.must_query("CREATE TABLE http_frames (n UInt64, s String) ENGINE = MergeTree ORDER BY n");
  for (auto compression : {clickhouse::Compression::None, clickhouse::Compression::LZ4,
                           clickhouse::Compression::ZSTD}) {
    clickhouse::ConnectionOptions options;
    options.http_port = server.http_port();
    options.compression = compression;
    auto client = clickhouse::HttpClient::open(options);
    ASSERT_TRUE(client.ok()) << client.error().to_string();
    auto header = client.value()->begin_insert("INSERT INTO http_frames (s, n) VALUES");
    ASSERT_TRUE(header.ok()) << header.error().to_string();
    ASSERT_EQ(header->size(), 2u);
    EXPECT_EQ(header.value()[0].name, "s");
    EXPECT_EQ(header.value()[1].type, "UInt64");
    auto encoder = native::BlockEncoder::create({{"s", "String", 0, "s"}, {"n", "UInt64", 1, "n"}});
    ASSERT_TRUE(encoder.ok());
    for (int block = 0; block < 2; ++block) {
      BatchBuilder b(2);
      b.row({b.str("v" + std::to_string(block)), Cell::int64(block)});
      std::string body;
      std::vector<uint32_t> rows = b.all_rows();
      ASSERT_TRUE(encoder.value().encode(b.batch, rows, body).empty());
      ASSERT_TRUE(client.value()->send_block(body).ok());
    }
    Status ended = client.value()->end_insert();
    ASSERT_TRUE(ended.ok()) << ended.error().to_string();
  }
  EXPECT_EQ(server.must_query("SELECT n, count(), any(s) FROM http_frames GROUP BY n ORDER BY n"),
            "0\t3\tv0\n1\t3\tv1\n");
}

}  // namespace
}  // namespace sluice
