#pragma once

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace sluice::testing {

struct ClickHouseServerOptions {
  // Also listen with TLS (native tcp_port_secure and https_port) using a self-signed
  // certificate for IP 127.0.0.1 and DNS localhost, made with `openssl req` in the temp dir
  // (certificate_file(), usable as the CA file that trusts it). Needs the openssl binary.
  bool tls = false;
};

// A private clickhouse-server (Debian's 18.16) for one test process: its own temp directory
// (config, data, logs), free ports on 127.0.0.1, stopped and removed on destruction.
// Starting takes about 0.1-0.2 s. The binary is $SLUICE_CLICKHOUSE_SERVER, else
// /usr/bin/clickhouse-server or /usr/sbin/clickhouse-server. Not thread-safe, except that
// query() may be called from several threads at once.
class ClickHouseServer {
 public:
  using Settings = std::vector<std::pair<std::string, std::string>>;

  // Writes config.xml/users.xml into a fresh temp dir, starts the server and waits (up to 30 s)
  // until /ping answers. On failure the error quotes the tail of the server's error log.
  static Result<std::unique_ptr<ClickHouseServer>> start();
  static Result<std::unique_ptr<ClickHouseServer>> start(const ClickHouseServerOptions& options);
  ~ClickHouseServer();  // SIGTERM, SIGKILL after 10 s, then the temp dir is removed
  ClickHouseServer(const ClickHouseServer&) = delete;
  ClickHouseServer& operator=(const ClickHouseServer&) = delete;

  uint16_t tcp_port() const { return tcp_port_; }
  uint16_t http_port() const { return http_port_; }
  // With ClickHouseServerOptions::tls only (0 otherwise).
  uint16_t tcp_secure_port() const { return tcp_secure_port_; }
  uint16_t https_port() const { return https_port_; }
  std::string certificate_file() const { return dir_.file("server.crt"); }
  // "http://127.0.0.1:<http_port>" for code under test.
  std::string http_url() const;
  const std::string& dir() const { return dir_.path(); }
  // PID of the running server, or -1 while stopped.
  pid_t pid() const;

  // Runs `sql` via HTTP POST and returns the body (TSV unless the query says FORMAT ...).
  // `settings` go as URL parameters, e.g. {{"allow_experimental_low_cardinality_type", "1"}}.
  // A non-200 answer is ErrorCode::ServerError with the body as message and the ClickHouse
  // exception code as server_code.
  Result<std::string> query(const std::string& sql, const Settings& settings = {});
  // Sends `data` as the body of `insert_sql` (e.g. "INSERT INTO t FORMAT JSONEachRow").
  Result<std::string> insert(const std::string& insert_sql, const std::string& data,
                             const Settings& settings = {});
  // query(), or ADD_FAILURE() with the error and "" — for tests.
  std::string must_query(const std::string& sql, const Settings& settings = {});

  // Graceful stop (SIGTERM, SIGKILL after 10 s); data dir and ports are kept for restart().
  Status stop();
  // Starts again (stopping first if running) on the same dir and ports; waits for /ping.
  Status restart();
  // SIGKILL without any shutdown, for crash tests. restart() brings it back.
  void kill_hard();

 private:
  ClickHouseServer(TempDir dir, std::string binary)
      : dir_(std::move(dir)), binary_(std::move(binary)) {}
  Status write_config() const;
  Status write_tls_config() const;
  Status launch();
  Status wait_ready(std::chrono::milliseconds timeout);
  std::string logs_tail() const;

  TempDir dir_;
  std::string binary_;
  uint16_t tcp_port_ = 0;
  uint16_t http_port_ = 0;
  uint16_t tcp_secure_port_ = 0;
  uint16_t https_port_ = 0;
  ClickHouseServerOptions options_;
  std::unique_ptr<Process> process_;
};

// One server per test process, started on first use and stopped at exit. Aborts the test
// program with the error if the server cannot start (nothing useful can run without it).
ClickHouseServer& shared_clickhouse();

// A port on 127.0.0.1 that was free a moment ago (bind to port 0, read it, close). Another
// process may take it before it is used; callers retry on "address in use".
Result<uint16_t> pick_free_port();

}  // namespace sluice::testing
