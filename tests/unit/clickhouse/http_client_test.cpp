#include "clickhouse/http_client.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "base/varint.h"
#include "clickhouse/http_response_reader.h"
#include "clickhouse/memory_transport.h"
#include "clickhouse/protocol.h"
#include "clickhouse/result_decoder.h"
#include "clickhouse/wire_reader.h"

namespace sluice::clickhouse {
namespace {

TEST(InsertStatement, ParsesTargetAndColumns) {
  auto s = parse_insert_statement("INSERT INTO `db`.`t` (`a`, b, \"c d\", `e\\`f`) VALUES");
  ASSERT_TRUE(s.ok()) << s.error().to_string();
  EXPECT_EQ(s->target, "`db`.`t`");
  EXPECT_EQ(s->column_list, "(`a`, b, \"c d\", `e\\`f`)");
  EXPECT_EQ(s->columns, (std::vector<std::string>{"a", "b", "c d", "e`f"}));

  auto bare = parse_insert_statement("  insert into db.t  ");
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ(bare->target, "db.t");
  EXPECT_TRUE(bare->columns.empty());
  EXPECT_TRUE(bare->column_list.empty());
}

TEST(InsertStatement, RejectsOtherStatements) {
  for (const char* sql : {"SELECT 1", "INSERT INTO t (a VALUES", "INSERT INTO (a) VALUES",
                          "INSERT INTO t (a) VALUES (1)", "INSERT t VALUES"}) {
    auto s = parse_insert_statement(sql);
    EXPECT_FALSE(s.ok()) << sql;
    if (!s.ok()) {
      EXPECT_EQ(s.error().code(), ErrorCode::InvalidArgument);
    }
  }
}

TEST(HttpExceptionCode, BothServerGenerations) {
  EXPECT_EQ(http_exception_code("Code: 60, e.displayText() = DB::Exception: Table x"), 60);
  EXPECT_EQ(http_exception_code("Code: 516. DB::Exception: default: Authentication failed"), 516);
  EXPECT_EQ(http_exception_code("Bad Gateway"), 0);
  EXPECT_EQ(http_exception_code(""), 0);
}

Result<HttpResponse> parse_response(const std::string& bytes, size_t chunk = 7) {
  auto state = std::make_shared<MemoryTransport::State>();
  state->to_client = bytes;
  state->max_read_chunk = chunk;  // split everywhere, headers included
  MemoryTransport transport(state);
  return read_http_response(transport, std::chrono::milliseconds(100));
}

TEST(HttpResponseReader, ContentLengthChunkedAndUntilClose) {
  auto fixed = parse_response("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloEXTRA");
  ASSERT_TRUE(fixed.ok()) << fixed.error().to_string();
  EXPECT_EQ(fixed->status, 200);
  EXPECT_EQ(fixed->body, "hello");

  auto chunked = parse_response(
      "HTTP/1.1 500 Internal Server Error\r\nTransfer-Encoding: chunked\r\n"
      "X-ClickHouse-Exception-Code: 241\r\n\r\n4\r\nCode\r\nA\r\n: 241. oom\r\n0\r\n\r\n");
  ASSERT_TRUE(chunked.ok()) << chunked.error().to_string();
  EXPECT_EQ(chunked->status, 500);
  EXPECT_EQ(chunked->exception_code, 241);
  EXPECT_EQ(chunked->body, "Code: 241. oom");

  auto until_close = parse_response("HTTP/1.0 200 OK\r\nConnection: close\r\n\r\nOk.\n");
  ASSERT_TRUE(until_close.ok()) << until_close.error().to_string();
  EXPECT_EQ(until_close->body, "Ok.\n");
}

TEST(HttpResponseReader, MalformedOrTruncated) {
  auto bad = parse_response("SSH-2.0-OpenSSH\r\n\r\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code(), ErrorCode::Protocol);
  auto truncated = parse_response("HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\nshort");
  ASSERT_FALSE(truncated.ok());
  EXPECT_EQ(truncated.error().code(), ErrorCode::Network);
}

TEST(ResultDecoder, NativeFormatWithoutBlockInfo) {
  // What HTTP FORMAT Native returns: ncols, nrows, then name, type, data per column.
  std::string body;
  append_varuint(body, 2);
  append_varuint(body, 2);
  append_binary_string(body, "n");
  append_binary_string(body, "UInt8");
  body += std::string("\x01\x02", 2);
  append_binary_string(body, "s");
  append_binary_string(body, "Nullable(String)");
  body += std::string("\x00\x01", 2);
  append_binary_string(body, "x");
  append_binary_string(body, "");
  auto state = std::make_shared<MemoryTransport::State>();
  state->to_client = body;
  MemoryTransport transport(state);
  WireReader in(transport, std::chrono::milliseconds(100));
  ResultDecoder decoder(kClientRevision);
  decoder.set_block_info(false);
  DecodedBlock block;
  Status st = decoder.read_block(in, block);
  ASSERT_TRUE(st.ok()) << st.error().to_string();
  ASSERT_EQ(block.rows, 2u);
  EXPECT_EQ(block.columns[1].type, "Nullable(String)");
  EXPECT_EQ(block.values[0][1].value_or("?"), "2");
  EXPECT_EQ(block.values[1][0].value_or("?"), "x");
  EXPECT_FALSE(block.values[1][1].has_value());
  EXPECT_EQ(in.buffered(), 0u);
}

}  // namespace
}  // namespace sluice::clickhouse
