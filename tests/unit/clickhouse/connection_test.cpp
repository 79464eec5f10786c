// Connection against a scripted in-memory server: exact bytes for negotiated revision 54412
// (ClickHouse 18.16) and 54450, exceptions, and the broken-connection rule.
#include "clickhouse/connection.h"

#include <gtest/gtest.h>

#include "base/varint.h"
#include "clickhouse/memory_transport.h"

namespace sluice::clickhouse {
namespace {

std::string str(std::string_view s) {
  std::string out;
  append_binary_string(out, s);
  return out;
}

std::string bytes(std::initializer_list<int> b) {
  std::string out;
  for (int x : b) out.push_back(static_cast<char>(x));
  return out;
}

// 18.16.1's reply, 29 bytes (protocol reference §4.2).
std::string server_hello_54412() {
  return bytes({0x00}) + str("ClickHouse") + bytes({18, 16, 0x8C, 0xA9, 0x03}) + str("Etc/UTC") +
         str("vm") + bytes({0x01});
}

std::string end_of_stream() {
  return bytes({0x05});
}

std::string exception_packet(int32_t code, std::string_view name, std::string_view message,
                             bool nested_follows = false) {
  std::string out = bytes({0x02});
  append_fixed(out, code);
  out += str(name) + str(message) + str("0. stack frame\n1. another\n");
  out.push_back(nested_follows ? 1 : 0);
  return out;
}

struct Fixture {
  std::shared_ptr<MemoryTransport::State> state = std::make_shared<MemoryTransport::State>();
  std::unique_ptr<Connection> conn;

  Status open(std::string server_bytes, Compression compression = Compression::None) {
    state->to_client = std::move(server_bytes);
    ConnectionOptions o;
    o.compression = compression;
    o.os_user = "u";
    o.client_hostname = "vm";
    auto c = Connection::open(o, std::make_unique<MemoryTransport>(state));
    if (!c.ok()) return c.error();
    conn = std::move(c.value());
    state->from_client.clear();
    return Status::success();
  }
};

const std::string kEmptyDataPacket =
    bytes({0x02, 0x00, 0x01, 0x00, 0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00});

TEST(ConnectionTest, HelloBytesAndNegotiatedRevision) {
  auto state = std::make_shared<MemoryTransport::State>();
  state->to_client = server_hello_54412();
  ConnectionOptions o;
  o.password = "pw";
  auto conn = Connection::open(o, std::make_unique<MemoryTransport>(state));
  ASSERT_TRUE(conn.ok()) << conn.error().to_string();
  // 54450 = B2 A9 03.
  EXPECT_EQ(state->from_client, bytes({0x00}) + str("sluice") +
                                    bytes({0x01, 0x00, 0xB2, 0xA9, 0x03}) + str("default") +
                                    str("default") + str("pw"));
  const ServerInfo& info = (*conn)->server();
  EXPECT_EQ(info.name, "ClickHouse");
  EXPECT_EQ(info.major, 18u);
  EXPECT_EQ(info.minor, 16u);
  EXPECT_EQ(info.patch, 1u);
  EXPECT_EQ(info.revision, 54412u);
  EXPECT_EQ(info.timezone, "Etc/UTC");
  EXPECT_EQ(info.display_name, "vm");
  EXPECT_EQ((*conn)->revision(), 54412u);
}

TEST(ConnectionTest, QueryBytesAtRevision54412) {
  Fixture f;
  ASSERT_TRUE(f.open(server_hello_54412()).ok());
  f.state->to_client = end_of_stream();
  Status st = f.conn->execute("SELECT 1", {{"max_threads", "1"},
                                           {"send_logs_level", "trace"},
                                           {"network_zstd_compression_level", "-3"}});
  ASSERT_TRUE(st.ok()) << st.error().to_string();
  const std::string expected =
      bytes({0x01}) + str("") +                                          // Query, query_id
      bytes({0x01}) + str("") + str("") + str("[::ffff:127.0.0.1]:0") +  // INITIAL, user, id
      bytes({0x01}) + str("u") + str("vm") + str("sluice") +             // TCP, os_user, host, name
      bytes({0x01, 0x00, 0xB2, 0xA9, 0x03}) +                            // 1.0, announced 54450
      str("") + bytes({0x00}) +                                          // quota_key, patch
      str("max_threads") + bytes({0x01}) +                               // typed: VarUInt
      str("send_logs_level") + str("trace") +                            // typed: String
      str("network_zstd_compression_level") + bytes({0x05}) +            // typed: zig-zag -3
      bytes({0x00}) +                                                    // end of settings
      bytes({0x02, 0x00}) + str("SELECT 1") +                            // Complete, no compression
      kEmptyDataPacket;
  EXPECT_EQ(f.state->from_client, expected);
}

TEST(ConnectionTest, QueryBytesAtRevision54450) {
  Fixture f;
  std::string hello = bytes({0x00}) + str("ClickHouse") + bytes({24, 3}) +
                      bytes({0xB6, 0xA9, 0x03}) /* 54454 */ + str("UTC") + str("srv") +
                      bytes({0x07});
  ASSERT_TRUE(f.open(hello, Compression::LZ4).ok());
  EXPECT_EQ(f.conn->revision(), 54450u);
  f.state->to_client = end_of_stream();
  ASSERT_TRUE(f.conn->execute("SELECT 1", {{"insert_deduplication_token", "t"}}).ok());
  std::string expected = bytes({0x01}) + str("") + bytes({0x01}) + str("") + str("") +
                         str("[::ffff:127.0.0.1]:0") + std::string(8, '\0') +  // start time
                         bytes({0x01}) + str("u") + str("vm") + str("sluice") +
                         bytes({0x01, 0x00, 0xB2, 0xA9, 0x03}) + str("") +
                         bytes({0x00}) +  // distributed_depth
                         bytes({0x00}) +  // patch
                         bytes({0x00}) +  // no trace context
                         str("insert_deduplication_token") + bytes({0x01}) + str("t") +
                         bytes({0x00}) +  // end of settings
                         str("") +        // interserver hash
                         bytes({0x02, 0x01}) + str("SELECT 1");
  ASSERT_GT(f.state->from_client.size(), expected.size());
  EXPECT_EQ(f.state->from_client.substr(0, expected.size()), expected);
  // Then the empty block as a compressed Data packet: type, raw table name, one LZ4 frame.
  std::string rest = f.state->from_client.substr(expected.size());
  EXPECT_EQ(rest.substr(0, 2), bytes({0x02, 0x00}));
  EXPECT_EQ(static_cast<uint8_t>(rest[2 + 16]), 0x82);
}

TEST(ConnectionTest, UnknownSettingIsRefusedBeforeSending) {
  Fixture f;
  ASSERT_TRUE(f.open(server_hello_54412()).ok());
  Status st = f.conn->execute("SELECT 1", {{"insert_deduplication_token", "x"}});
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code(), ErrorCode::InvalidArgument);
  EXPECT_TRUE(f.state->from_client.empty());
  EXPECT_FALSE(f.conn->broken());
  st = f.conn->execute("SELECT 1", {{"max_threads", "many"}});
  EXPECT_EQ(st.error().code(), ErrorCode::InvalidArgument);
}

TEST(ConnectionTest, ExceptionDecodesToServerErrorAndConnectionStaysUsable) {
  Fixture f;
  ASSERT_TRUE(f.open(server_hello_54412()).ok());
  f.state->to_client =
      exception_packet(60, "DB::Exception", "DB::Exception: Table default.nope doesn't exist.");
  auto header = f.conn->begin_insert("INSERT INTO nope VALUES");
  ASSERT_FALSE(header.ok());
  EXPECT_EQ(header.error().code(), ErrorCode::ServerError);
  EXPECT_EQ(header.error().server_code(), 60);
  EXPECT_FALSE(header.error().retriable());
  EXPECT_EQ(header.error().message(), "Code: 60. DB::Exception: Table default.nope doesn't exist.");
  EXPECT_FALSE(f.conn->broken());
  f.state->to_client = bytes({0x04});  // Pong
  EXPECT_TRUE(f.conn->ping().ok());
}

TEST(ConnectionTest, ModernAndNestedExceptions) {
  Fixture f;
  ASSERT_TRUE(f.open(server_hello_54412()).ok());
  f.state->to_client = exception_packet(252, "DB::Exception", "Too many parts (300)\nmore", true) +
                       exception_packet(1, "DB::Exception", "inner").substr(1);
  Status st = f.conn->execute("INSERT INTO t SELECT 1");
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().message(), "Code: 252. DB::Exception: Too many parts (300)");
  EXPECT_TRUE(st.error().retriable());
  EXPECT_EQ(st.error().server_code(), 252);
  EXPECT_FALSE(f.conn->broken());
}

TEST(ConnectionTest, HandshakeExceptionIsReturned) {
  Fixture f;
  Status st = f.open(
      exception_packet(193, "DB::Exception", "DB::Exception: Wrong password for user default"));
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code(), ErrorCode::ServerError);
  EXPECT_EQ(st.error().server_code(), 193);
}

TEST(ConnectionTest, UnknownPacketBreaksTheConnection) {
  Fixture f;
  ASSERT_TRUE(f.open(server_hello_54412()).ok());
  f.state->to_client = bytes({0x63});
  Status st = f.conn->execute("SELECT 1");
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code(), ErrorCode::Protocol);
  EXPECT_TRUE(f.conn->broken());
  f.state->to_client = bytes({0x04});
  Status again = f.conn->ping();
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code(), ErrorCode::Protocol);
}

TEST(ConnectionTest, ServerHangupIsRetriableNetworkError) {
  Fixture f;
  ASSERT_TRUE(f.open(server_hello_54412()).ok());
  f.state->to_client = bytes({0x03, 0x01});  // Progress cut short
  Status st = f.conn->execute("SELECT 1");
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code(), ErrorCode::Network);
  EXPECT_TRUE(st.error().retriable());
  EXPECT_TRUE(f.conn->broken());
}

// A full SELECT as 18.16 answers it: header, data, ProfileInfo, Progress, empty, end.
TEST(ConnectionTest, QueryReadsRowsAndSkipsSideChannels) {
  Fixture f;
  ASSERT_TRUE(f.open(server_hello_54412()).ok());
  const std::string info = bytes({0x01, 0x00, 0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0x00});
  std::string header =
      bytes({0x01}) + str("") + info + bytes({0x01, 0x00}) + str("v") + str("String");
  std::string data = bytes({0x01}) + str("") + info + bytes({0x01, 0x02}) + str("v") +
                     str("String") + str("18.16.1") + str("x");
  std::string profile = bytes({0x06, 0x01, 0x01, 0x08, 0x00, 0x00, 0x01});
  std::string progress = bytes({0x03, 0x01, 0x01, 0x00});
  std::string empty = bytes({0x01}) + str("") + info + bytes({0x00, 0x00});
  f.state->to_client = header + data + profile + progress + empty + end_of_stream();
  f.state->max_read_chunk = 3;
  auto result = f.conn->query("SELECT version()");
  ASSERT_TRUE(result.ok()) << result.error().to_string();
  ASSERT_EQ(result->columns.size(), 1u);
  EXPECT_EQ(result->columns[0].name, "v");
  EXPECT_EQ(result->columns[0].type, "String");
  ASSERT_EQ(result->rows.size(), 2u);
  EXPECT_EQ(result->rows[0][0], "18.16.1");
  EXPECT_EQ(result->rows[1][0], "x");
}

TEST(ConnectionTest, InsertBytes) {
  Fixture f;
  ASSERT_TRUE(f.open(server_hello_54412()).ok());
  const std::string info = bytes({0x01, 0x00, 0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0x00});
  f.state->to_client =
      bytes({0x01}) + str("") + info + bytes({0x01, 0x00}) + str("id") + str("UInt64");
  auto header = f.conn->begin_insert("INSERT INTO t (id) VALUES");
  ASSERT_TRUE(header.ok()) << header.error().to_string();
  ASSERT_EQ(header->size(), 1u);
  EXPECT_EQ((*header)[0], (ColumnHeader{"id", "UInt64"}));
  EXPECT_FALSE(f.conn->ping().ok());  // refused while inserting
  EXPECT_FALSE(f.conn->broken());
  f.state->from_client.clear();
  std::string body =
      bytes({0x01, 0x01}) + str("id") + str("UInt64") + std::string("\x07\0\0\0\0\0\0\0", 8);
  ASSERT_TRUE(f.conn->send_block(body).ok());
  EXPECT_EQ(f.state->from_client, bytes({0x02, 0x00}) + info + body);
  f.state->from_client.clear();
  f.state->to_client = end_of_stream();
  ASSERT_TRUE(f.conn->end_insert().ok());
  EXPECT_EQ(f.state->from_client, kEmptyDataPacket);
}

}  // namespace
}  // namespace sluice::clickhouse
