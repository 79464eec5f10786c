// TLS for both transports against a real ClickHouse 18.16 with a self-signed certificate that
// the test harness makes with `openssl req` (ClickHouseServerOptions::tls): native protocol on
// tcp_port_secure, HTTPS on https_port; trusted through ca_file, refused when not trusted,
// accepted with skip_certificate_verification.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "clickhouse/connection.h"
#include "clickhouse/http_client.h"
#include "clickhouse/insert_client.h"
#include "clickhouse/tls_transport.h"
#include "native/block_encoder.h"
#include "support/clickhouse_server.h"
#include "unit/native/native_test_util.h"

namespace sluice::clickhouse {
namespace {

using native::testing::BatchBuilder;

testing::ClickHouseServer& tls_server() {
  static std::unique_ptr<testing::ClickHouseServer> server = [] {
    auto started = testing::ClickHouseServer::start(testing::ClickHouseServerOptions{true});
    if (!started.ok()) {
      std::fprintf(stderr, "cannot start clickhouse-server with TLS: %s\n",
                   started.error().to_string().c_str());
      std::abort();
    }
    return std::move(started).value();
  }();
  return *server;
}

ConnectionOptions secure_options(WireProtocol protocol) {
  ConnectionOptions o;
  o.protocol = protocol;
  o.secure = true;
  o.port = tls_server().tcp_secure_port();
  o.http_port = tls_server().https_port();
  o.ca_file = tls_server().certificate_file();
  o.connect_timeout = std::chrono::milliseconds(10000);
  return o;
}

// Inserts rows 1..3 through `client` into `table` and checks them with the client's query().
void insert_and_read(InsertClient& client, const std::string& table) {
  tls_server().must_query("DROP TABLE IF EXISTS " + table);
  tls_server().must_query("CREATE TABLE " + table +
                          " (n UInt64, s String) ENGINE = MergeTree ORDER BY n");
  auto header = client.begin_insert("INSERT INTO " + table + " (n, s) VALUES");
  ASSERT_TRUE(header.ok()) << header.error().to_string();
  auto encoder = native::BlockEncoder::create({{"n", "UInt64", 0, "n"}, {"s", "String", 1, "s"}});
  ASSERT_TRUE(encoder.ok());
  BatchBuilder b(2);
  for (int i = 1; i <= 3; ++i) b.row({Cell::int64(i), b.str("row" + std::to_string(i))});
  std::string body;
  std::vector<uint32_t> rows = b.all_rows();
  ASSERT_TRUE(encoder.value().encode(b.batch, rows, body).empty());
  ASSERT_TRUE(client.send_block(body).ok());
  Status ended = client.end_insert();
  ASSERT_TRUE(ended.ok()) << ended.error().to_string();
  auto result = client.query("SELECT sum(n), max(s) FROM " + table);
  ASSERT_TRUE(result.ok()) << result.error().to_string();
  ASSERT_EQ(result->rows.size(), 1u);
  EXPECT_EQ(result->rows[0][0].value_or("?"), "6");
  EXPECT_EQ(result->rows[0][1].value_or("?"), "row3");
}

TEST(ClickHouseTls, NativeTrustedThroughCaFile) {
  auto conn = Connection::open(secure_options(WireProtocol::Native));
  ASSERT_TRUE(conn.ok()) << conn.error().to_string();
  EXPECT_TRUE(conn.value()->ping().ok());
  insert_and_read(*conn.value(), "tls_native");
}

TEST(ClickHouseTls, HttpsTrustedThroughCaFile) {
  auto client = open_insert_client(secure_options(WireProtocol::Http));
  ASSERT_TRUE(client.ok()) << client.error().to_string();
  EXPECT_EQ(client.value()->server().major, 18u);
  EXPECT_TRUE(client.value()->ping().ok());
  insert_and_read(*client.value(), "tls_https");
}

TEST(ClickHouseTls, ByNameLocalhost) {
  ConnectionOptions o = secure_options(WireProtocol::Native);
  o.host = "localhost";  // SNI + DNS-name check against subjectAltName DNS:localhost
  auto conn = Connection::open(o);
  ASSERT_TRUE(conn.ok()) << conn.error().to_string();
}

TEST(ClickHouseTls, UntrustedCertificateIsRefused) {
  for (WireProtocol protocol : {WireProtocol::Native, WireProtocol::Http}) {
    ConnectionOptions o = secure_options(protocol);
    o.ca_file.clear();  // system roots: the self-signed certificate is not among them
    auto client = open_insert_client(o);
    ASSERT_FALSE(client.ok());
    EXPECT_EQ(client.error().code(), ErrorCode::Network);
    EXPECT_FALSE(client.error().retriable());
    EXPECT_NE(client.error().message().find("certificate verify failed"), std::string::npos)
        << client.error().message();
  }
}

TEST(ClickHouseTls, WrongServerNameIsRefused) {
  ConnectionOptions o = secure_options(WireProtocol::Native);
  o.tls_server_name = "clickhouse.example.com";
  auto conn = Connection::open(o);
  ASSERT_FALSE(conn.ok());
  EXPECT_NE(conn.error().message().find("certificate verify failed"), std::string::npos)
      << conn.error().message();
}

TEST(ClickHouseTls, SkipVerificationAcceptsAnyCertificate) {
  for (WireProtocol protocol : {WireProtocol::Native, WireProtocol::Http}) {
    ConnectionOptions o = secure_options(protocol);
    o.ca_file.clear();
    o.tls_server_name = "clickhouse.example.com";
    o.skip_certificate_verification = true;
    auto client = open_insert_client(o);
    ASSERT_TRUE(client.ok()) << client.error().to_string();
    auto result = client.value()->query("SELECT 1 + 1");
    ASSERT_TRUE(result.ok()) << result.error().to_string();
    EXPECT_EQ(result->rows[0][0].value_or("?"), "2");
  }
}

TEST(ClickHouseTls, MissingCaFileIsAConfigurationError) {
  ConnectionOptions o = secure_options(WireProtocol::Native);
  o.ca_file = tls_server().dir() + "/no-such.crt";
  auto conn = Connection::open(o);
  ASSERT_FALSE(conn.ok());
  EXPECT_FALSE(conn.error().retriable());
  EXPECT_NE(conn.error().message().find("cannot load CA file"), std::string::npos)
      << conn.error().message();
}

TEST(ClickHouseTls, PlainClientOnTlsPortFailsCleanly) {
  auto tcp = TlsTransport::connect("127.0.0.1", tls_server().tcp_port(), TlsOptions{},
                                   std::chrono::milliseconds(3000));
  ASSERT_FALSE(tcp.ok());  // a TLS client on the plain port: the handshake fails
}

}  // namespace
}  // namespace sluice::clickhouse
