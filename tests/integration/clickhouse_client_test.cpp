// Integration tests of the ClickHouse native client against a real server (Debian's 18.16,
// started by the shared test harness).
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "base/varint.h"
#include "clickhouse/connection.h"
#include "support/clickhouse_server.h"

namespace sluice::clickhouse {
namespace {

using testing::shared_clickhouse;
using Row = std::vector<std::optional<std::string>>;

ConnectionOptions options_for(Compression compression = Compression::LZ4) {
  ConnectionOptions o;
  o.port = shared_clickhouse().tcp_port();
  o.compression = compression;
  o.io_timeout = std::chrono::milliseconds(60000);
  return o;
}

std::unique_ptr<Connection> connect_or_die(Compression compression = Compression::LZ4) {
  auto conn = Connection::open(options_for(compression));
  if (!conn.ok()) {
    ADD_FAILURE() << conn.error().to_string();
    return nullptr;
  }
  return std::move(conn.value());
}

// Builds a Native block body (no BlockInfo), column by column.
class BlockBuilder {
 public:
  explicit BlockBuilder(size_t rows) : rows_(rows) {}

  void column(std::string_view name, std::string_view type, const std::string& data) {
    ++columns_;
    append_binary_string(body_, name);
    append_binary_string(body_, type);
    body_ += data;
  }
  std::string body() const {
    std::string out;
    append_varuint(out, columns_);
    append_varuint(out, rows_);
    return out + body_;
  }

 private:
  size_t rows_;
  size_t columns_ = 0;
  std::string body_;
};

std::string u64_column(const std::vector<uint64_t>& v) {
  std::string out;
  for (uint64_t x : v) append_fixed(out, x);
  return out;
}

std::string string_column(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) append_binary_string(out, s);
  return out;
}

std::string nullable_string_column(const std::vector<std::optional<std::string>>& v) {
  std::string out;
  for (const auto& s : v) out.push_back(s ? 0 : 1);
  for (const auto& s : v) append_binary_string(out, s.value_or(""));
  return out;
}

std::string array_string_column(const std::vector<std::vector<std::string>>& v) {
  std::string out;
  uint64_t offset = 0;
  for (const auto& a : v) append_fixed(out, offset += a.size());
  for (const auto& a : v) {
    for (const auto& s : a) append_binary_string(out, s);
  }
  return out;
}

std::string datetime_column(const std::vector<uint32_t>& v) {
  std::string out;
  for (uint32_t x : v) append_fixed(out, x);
  return out;
}

// UUIDs as (high, low) halves, the order they travel in.
std::string uuid_column(const std::vector<std::pair<uint64_t, uint64_t>>& v) {
  std::string out;
  for (auto [hi, lo] : v) {
    append_fixed(out, hi);
    append_fixed(out, lo);
  }
  return out;
}

TEST(ClickHouseClientTest, HelloAndPing) {
  auto conn = connect_or_die();
  ASSERT_TRUE(conn);
  EXPECT_EQ(conn->server().name, "ClickHouse");
  EXPECT_GT(conn->server().revision, 0u);
  EXPECT_EQ(conn->revision(), std::min<uint64_t>(54450, conn->server().revision));
  EXPECT_FALSE(conn->server().timezone.empty());
  Status st = conn->ping();
  ASSERT_TRUE(st.ok()) << st.error().to_string();
  ASSERT_TRUE(conn->ping().ok());
  auto version = conn->query("SELECT version()");
  ASSERT_TRUE(version.ok()) << version.error().to_string();
  ASSERT_EQ(version->rows.size(), 1u);
  EXPECT_EQ(*version->rows[0][0], std::to_string(conn->server().major) + "." +
                                      std::to_string(conn->server().minor) + "." +
                                      std::to_string(conn->server().patch));
}

TEST(ClickHouseClientTest, WrongPasswordIsServerError) {
  ConnectionOptions o = options_for();
  o.password = "nope";
  auto conn = Connection::open(o);
  ASSERT_FALSE(conn.ok());
  EXPECT_EQ(conn.error().code(), ErrorCode::ServerError);
  EXPECT_EQ(conn.error().server_code(), 193);
}

struct Literal {
  std::string expr;
  std::string type;
  std::optional<std::string> text;
};

class SelectLiteralsTest : public ::testing::TestWithParam<Compression> {};

TEST_P(SelectLiteralsTest, EveryDecodedType) {
  const std::vector<Literal> literals = {
      {"toUInt8(255)", "UInt8", "255"},
      {"toUInt16(65535)", "UInt16", "65535"},
      {"toUInt32(4294967295)", "UInt32", "4294967295"},
      {"toUInt64(18446744073709551615)", "UInt64", "18446744073709551615"},
      {"toInt8(-128)", "Int8", "-128"},
      {"toInt16(-32768)", "Int16", "-32768"},
      {"toInt32(-2147483648)", "Int32", "-2147483648"},
      {"toInt64(-9223372036854775808)", "Int64", "-9223372036854775808"},
      {"toFloat32(0.1)", "Float32", "0.1"},
      {"toFloat64(0.1)", "Float64", "0.1"},
      {"1e300", "Float64", "1e300"},
      {"1/3", "Float64", "0.3333333333333333"},
      {"-1.5e-7", "Float64", "-1.5e-7"},
      {"'h\\xC3\\xA9llo\\tworld'", "String", "h\xC3\xA9llo\tworld"},
      {"toFixedString('ab', 4)", "FixedString(4)", std::string("ab\0\0", 4)},
      {"toDate('2024-01-02')", "Date", "2024-01-02"},
      {"toDateTime('2024-01-02 03:04:05')", "", "2024-01-02 03:04:05"},
      {"toUUID('11111111-2222-3333-4444-555555555555')", "UUID",
       "11111111-2222-3333-4444-555555555555"},
      {"toDecimal64(12.3, 4)", "Decimal(18, 4)", "12.3000"},
      {"toDecimal32(-1.5, 2)", "Decimal(9, 2)", "-1.50"},
      {"toDecimal128(-7, 3)", "Decimal(38, 3)", "-7.000"},
      {"CAST('b' AS Enum8('a' = 1, 'b' = 2))", "Enum8('a' = 1, 'b' = 2)", "b"},
      {"CAST('y' AS Enum16('x' = -300, 'y' = 1000))", "Enum16('x' = -300, 'y' = 1000)", "y"},
      {"CAST(NULL AS Nullable(String))", "Nullable(String)", std::nullopt},
      {"toNullable('x')", "Nullable(String)", "x"},
      {"['a', 'b\\'c']", "Array(String)", "['a','b\\'c']"},
      {"[[1, 2], []]", "Array(Array(UInt8))", "[[1,2],[]]"},
      {"[NULL, 1]", "Array(Nullable(UInt8))", "[NULL,1]"},
      {"tuple(1, 'a', toDate('2000-01-01'))", "Tuple(UInt8, String, Date)", "(1,'a','2000-01-01')"},
      {"toLowCardinality('lc')", "LowCardinality(String)", "lc"},
      {"NULL", "Nullable(Nothing)", std::nullopt},
  };
  std::string sql = "SELECT ";
  for (size_t i = 0; i < literals.size(); ++i) {
    if (i) sql += ", ";
    sql += literals[i].expr + " AS c" + std::to_string(i);
  }
  auto conn = connect_or_die(GetParam());
  ASSERT_TRUE(conn);
  auto result = conn->query(sql);
  ASSERT_TRUE(result.ok()) << result.error().to_string();
  ASSERT_EQ(result->columns.size(), literals.size());
  ASSERT_EQ(result->rows.size(), 1u);
  for (size_t i = 0; i < literals.size(); ++i) {
    SCOPED_TRACE(literals[i].expr);
    EXPECT_EQ(result->columns[i].name, "c" + std::to_string(i));
    if (!literals[i].type.empty()) {
      EXPECT_EQ(result->columns[i].type, literals[i].type);
    }
    EXPECT_EQ(result->rows[0][i], literals[i].text);
  }
}

INSTANTIATE_TEST_SUITE_P(AllCompressions, SelectLiteralsTest,
                         ::testing::Values(Compression::None, Compression::LZ4, Compression::ZSTD));

// 18.16 writes a zero-row LowCardinality granule when all arrays of a block are empty
// (ClickHouse issue #3907); its own client cannot read that, ours must.
TEST(ClickHouseClientTest, ArrayOfLowCardinalityAllEmpty) {
  auto conn = connect_or_die();
  ASSERT_TRUE(conn);
  ASSERT_TRUE(conn->execute("DROP TABLE IF EXISTS ch_client_lc").ok());
  Status st = conn->execute(
      "CREATE TABLE ch_client_lc (id UInt8, a Array(LowCardinality(String)), "
      "n LowCardinality(Nullable(String))) ENGINE = Memory",
      {{"allow_experimental_low_cardinality_type", "1"}});
  ASSERT_TRUE(st.ok()) << st.error().to_string();
  ASSERT_TRUE(shared_clickhouse()
                  .query("INSERT INTO ch_client_lc VALUES (1, [], NULL), (2, [], 'v'), (3, [], '')")
                  .ok());
  auto result = conn->query("SELECT id, a, n FROM ch_client_lc WHERE id <= 3 ORDER BY id");
  ASSERT_TRUE(result.ok()) << result.error().to_string();
  ASSERT_EQ(result->rows.size(), 3u);
  EXPECT_EQ(result->rows[0], (Row{"1", "[]", std::nullopt}));
  EXPECT_EQ(result->rows[1], (Row{"2", "[]", "v"}));
  EXPECT_EQ(result->rows[2], (Row{"3", "[]", ""}));
  ASSERT_TRUE(conn->ping().ok());

  ASSERT_TRUE(
      shared_clickhouse().query("INSERT INTO ch_client_lc VALUES (4, ['p', 'q', 'p'], 'w')").ok());
  result = conn->query("SELECT id, a, n FROM ch_client_lc WHERE id = 4");
  ASSERT_TRUE(result.ok()) << result.error().to_string();
  ASSERT_EQ(result->columns.size(), 3u);
  EXPECT_EQ(result->columns[1].type, "Array(LowCardinality(String))");
  EXPECT_EQ(result->columns[2].type, "LowCardinality(Nullable(String))");
  ASSERT_EQ(result->rows.size(), 1u);
  EXPECT_EQ(result->rows[0], (Row{"4", "['p','q','p']", "w"}));
  ASSERT_TRUE(conn->execute("DROP TABLE ch_client_lc").ok());
}

class InsertRoundTripTest : public ::testing::TestWithParam<Compression> {};

TEST_P(InsertRoundTripTest, HandBuiltBlockReadsBackExactly) {
  auto conn = connect_or_die(GetParam());
  ASSERT_TRUE(conn);
  const std::string table = "ch_client_rt_" + std::to_string(static_cast<int>(GetParam()));
  ASSERT_TRUE(conn->execute("DROP TABLE IF EXISTS " + table).ok());
  Status st = conn->execute("CREATE TABLE " + table +
                            " (id UInt64, s String, ns Nullable(String), arr Array(String), "
                            "ts DateTime, u UUID) ENGINE = MergeTree ORDER BY id");
  ASSERT_TRUE(st.ok()) << st.error().to_string();

  auto header = conn->begin_insert("INSERT INTO " + table + " (id, s, ns, arr, ts, u) VALUES");
  ASSERT_TRUE(header.ok()) << header.error().to_string();
  const std::vector<ColumnHeader> expected_header = {
      {"id", "UInt64"},         {"s", "String"},    {"ns", "Nullable(String)"},
      {"arr", "Array(String)"}, {"ts", "DateTime"}, {"u", "UUID"}};
  EXPECT_EQ(header.value(), expected_header);

  BlockBuilder block(3);
  block.column("id", "UInt64", u64_column({1, 2, 18446744073709551615ULL}));
  block.column("s", "String", string_column({"", "tab\there", std::string("nul\0byte", 8)}));
  block.column("ns", "Nullable(String)", nullable_string_column({std::nullopt, "x", ""}));
  block.column("arr", "Array(String)", array_string_column({{}, {"a", "b'c"}, {""}}));
  block.column("ts", "DateTime", datetime_column({0, 1700000000, 4294967295u}));
  block.column("u", "UUID",
               uuid_column({{0, 0},
                            {0x1111111122223333ULL, 0x4444555555555555ULL},
                            {0xffffffffffffffffULL, 0x0123456789abcdefULL}}));
  st = conn->send_block(block.body());
  ASSERT_TRUE(st.ok()) << st.error().to_string();
  st = conn->end_insert();
  ASSERT_TRUE(st.ok()) << st.error().to_string();

  auto result = conn->query("SELECT id, s, ns, arr, ts, u FROM " + table + " ORDER BY id");
  ASSERT_TRUE(result.ok()) << result.error().to_string();
  ASSERT_EQ(result->rows.size(), 3u);
  EXPECT_EQ(result->rows[0], (Row{"1", "", std::nullopt, "[]", "1970-01-01 00:00:00",
                                  "00000000-0000-0000-0000-000000000000"}));
  EXPECT_EQ(result->rows[1], (Row{"2", "tab\there", "x", "['a','b\\'c']", "2023-11-14 22:13:20",
                                  "11111111-2222-3333-4444-555555555555"}));
  EXPECT_EQ(result->rows[2], (Row{"18446744073709551615", std::string("nul\0byte", 8), "", "['']",
                                  "2106-02-07 06:28:15", "ffffffff-ffff-ffff-0123-456789abcdef"}));
  // The server's own text agrees on the UUID and DateTime encodings.
  auto http =
      shared_clickhouse().query("SELECT toString(u), toString(ts) FROM " + table + " WHERE id = 2");
  ASSERT_TRUE(http.ok()) << http.error().to_string();
  EXPECT_EQ(http.value(), "11111111-2222-3333-4444-555555555555\t2023-11-14 22:13:20\n");
  ASSERT_TRUE(conn->execute("DROP TABLE " + table).ok());
}

INSTANTIATE_TEST_SUITE_P(AllCompressions, InsertRoundTripTest,
                         ::testing::Values(Compression::None, Compression::LZ4, Compression::ZSTD));

TEST(ClickHouseClientTest, InsertIntoMissingTableKeepsConnectionUsable) {
  auto conn = connect_or_die();
  ASSERT_TRUE(conn);
  auto header = conn->begin_insert("INSERT INTO ch_client_no_such_table (a) VALUES");
  ASSERT_FALSE(header.ok());
  EXPECT_EQ(header.error().code(), ErrorCode::ServerError);
  EXPECT_EQ(header.error().server_code(), 60);
  EXPECT_FALSE(header.error().retriable());
  EXPECT_EQ(header.error().message().rfind("Code: 60. DB::Exception: ", 0), 0u)
      << header.error().message();
  EXPECT_EQ(header.error().message().find('\n'), std::string::npos);
  EXPECT_FALSE(conn->broken());
  ASSERT_TRUE(conn->ping().ok());
  auto one = conn->query("SELECT 1");
  ASSERT_TRUE(one.ok()) << one.error().to_string();
  EXPECT_EQ(one->rows.at(0).at(0), "1");
}

TEST(ClickHouseClientTest, ServerExceptionInSelect) {
  auto conn = connect_or_die();
  ASSERT_TRUE(conn);
  auto result = conn->query("SELECT throwIf(number = 3) FROM system.numbers LIMIT 10");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().server_code(), 395);
  EXPECT_FALSE(conn->broken());
  EXPECT_TRUE(conn->ping().ok());
}

TEST(ClickHouseClientTest, SettingsAreTypedAndUnknownOnesRefused) {
  auto conn = connect_or_die();
  ASSERT_TRUE(conn);
  auto result = conn->query(
      "SELECT name, value FROM system.settings WHERE name IN ('max_threads', "
      "'network_zstd_compression_level', 'send_logs_level', 'insert_deduplicate') ORDER BY name",
      {{"max_threads", "3"},
       {"network_zstd_compression_level", "-3"},
       {"send_logs_level", "none"},
       {"insert_deduplicate", "0"}});
  ASSERT_TRUE(result.ok()) << result.error().to_string();
  ASSERT_EQ(result->rows.size(), 4u);
  EXPECT_EQ(result->rows[0], (Row{"insert_deduplicate", "0"}));
  EXPECT_EQ(result->rows[1], (Row{"max_threads", "3"}));
  EXPECT_EQ(result->rows[2], (Row{"network_zstd_compression_level", "-3"}));
  EXPECT_EQ(result->rows[3], (Row{"send_logs_level", "none"}));

  if (conn->revision() < 54429) {
    auto refused = conn->query("SELECT 1", {{"insert_deduplication_token", "abc"}});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code(), ErrorCode::InvalidArgument);
    EXPECT_FALSE(conn->broken());
  }
  EXPECT_TRUE(conn->ping().ok());
}

// Log packets arrive uncompressed in the middle of a compressed result.
TEST(ClickHouseClientTest, LogPacketsAreSkipped) {
  auto conn = connect_or_die(Compression::LZ4);
  ASSERT_TRUE(conn);
  auto result = conn->query("SELECT count() FROM (SELECT number FROM system.numbers LIMIT 1000)",
                            {{"send_logs_level", "trace"}});
  ASSERT_TRUE(result.ok()) << result.error().to_string();
  ASSERT_EQ(result->rows.size(), 1u);
  EXPECT_TRUE(conn->ping().ok());
}

TEST(ClickHouseClientTest, HundredThousandRowsInSeveralBlocks) {
  auto conn = connect_or_die(Compression::LZ4);
  ASSERT_TRUE(conn);
  ASSERT_TRUE(conn->execute("DROP TABLE IF EXISTS ch_client_big").ok());
  ASSERT_TRUE(conn->execute("CREATE TABLE ch_client_big (id UInt64, s String) "
                            "ENGINE = MergeTree ORDER BY id")
                  .ok());
  auto header = conn->begin_insert("INSERT INTO ch_client_big (id, s) VALUES");
  ASSERT_TRUE(header.ok()) << header.error().to_string();
  constexpr uint64_t kRows = 100000;
  constexpr uint64_t kBlocks = 4;
  uint64_t next = 0;
  for (uint64_t b = 0; b < kBlocks; ++b) {
    std::vector<uint64_t> ids;
    std::vector<std::string> strings;
    for (uint64_t i = 0; i < kRows / kBlocks; ++i, ++next) {
      ids.push_back(next);
      strings.push_back("row-" + std::to_string(next));
    }
    BlockBuilder block(ids.size());
    block.column("id", "UInt64", u64_column(ids));
    block.column("s", "String", string_column(strings));
    Status st = conn->send_block(block.body());
    ASSERT_TRUE(st.ok()) << st.error().to_string();
  }
  Status st = conn->end_insert();
  ASSERT_TRUE(st.ok()) << st.error().to_string();
  auto result = conn->query("SELECT count(), sum(id), uniqExact(s) FROM ch_client_big");
  ASSERT_TRUE(result.ok()) << result.error().to_string();
  EXPECT_EQ(result->rows.at(0), (Row{"100000", "4999950000", "100000"}));
  auto all = conn->query("SELECT id, s FROM ch_client_big ORDER BY id");
  ASSERT_TRUE(all.ok()) << all.error().to_string();
  ASSERT_EQ(all->rows.size(), kRows);
  EXPECT_EQ(all->rows[99999], (Row{"99999", "row-99999"}));
  ASSERT_TRUE(conn->execute("DROP TABLE ch_client_big").ok());
}

}  // namespace
}  // namespace sluice::clickhouse
