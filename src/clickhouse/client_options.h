#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "clickhouse/result_decoder.h"

namespace sluice::clickhouse {

enum class Compression { None, LZ4, ZSTD };

// How inserts reach the server: the native TCP protocol (default) or HTTP(S) with FORMAT Native
// (the fallback where only the HTTP port is reachable). See insert_client.h.
enum class WireProtocol { Native, Http };

struct ConnectionOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 9000;  // native protocol port (9000; 9440 is the usual TLS port)
  WireProtocol protocol = WireProtocol::Native;
  uint16_t http_port = 8123;  // for WireProtocol::Http (8443 is the usual HTTPS port)
  // TLS for either protocol. The certificate is verified against `ca_file` (PEM) or, when that
  // is empty, the system's roots, and against `host` (or `tls_server_name` when set), unless
  // skip_certificate_verification.
  bool secure = false;
  bool skip_certificate_verification = false;
  std::string ca_file;
  std::string tls_server_name;
  std::string database = "default", user = "default", password;
  std::chrono::milliseconds connect_timeout{5000}, io_timeout{300000};
  // Native: applies to Data blocks in both directions; the server answers with its own
  // network_compression_method (LZ4 by default) and we decode all three methods.
  // HTTP: LZ4/ZSTD send the insert body in ClickHouse's compressed framing (decompress=1);
  // None sends it plain. Responses are never compressed.
  Compression compression = Compression::LZ4;
  std::string client_name = "sluice";
  // Reported in ClientInfo (system.query_log). Empty: detected ($USER, gethostname()).
  std::string os_user, client_hostname;
};

// Values in text form, like clickhouse-client's TSV but not TSV-escaped; std::nullopt = NULL.
struct QueryResult {
  std::vector<ColumnHeader> columns;
  std::vector<std::vector<std::optional<std::string>>> rows;
};

}  // namespace sluice::clickhouse
