#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "clickhouse/http_response_reader.h"
#include "clickhouse/insert_client.h"
#include "clickhouse/transport.h"

namespace sluice::clickhouse {

// The parts of an INSERT statement HttpClient needs: "INSERT INTO <target> [(<columns>)] VALUES"
// (keywords in any case; identifiers bare or in backquotes/double quotes).
struct InsertStatement {
  std::string target;                // as written, e.g. "`db`.`t`"
  std::string column_list;           // as written, including the parentheses; may be empty
  std::vector<std::string> columns;  // unquoted names
};
Result<InsertStatement> parse_insert_statement(std::string_view sql);

// "Code: 60, e.displayText() = ..." (18.x) or "Code: 60. DB::Exception: ..." (newer): 60; 0 if
// the text does not start like that.
int http_exception_code(std::string_view body);

// ClickHouse over HTTP(S) on options.http_port: the fallback transport for inserts.
//
// INSERT: begin_insert asks DESCRIBE TABLE for the columns' exact types (the HTTP interface has
// no insert header); send_block collects block bodies; end_insert POSTs them as one
// `INSERT INTO <target> (<cols>) FORMAT Native` request (several blocks back to back), in
// ClickHouse's compressed framing with decompress=1 unless options.compression is None. The rows
// are in the table when end_insert succeeds. Queries run with default_format=Native and
// wait_end_of_query=1 (so a failure is an HTTP error, never a truncated 200) and are decoded as
// Connection decodes them.
//
// Each request uses its own TCP (or TLS, when options.secure) connection with
// "Connection: close": one connect per insert is negligible at the intended insert rate (about
// one per second per table) and leaves no idle connection to go stale. Authentication uses the
// X-ClickHouse-User/-Key headers; the database goes as the `database` parameter.
// Errors: a non-200 answer is ServerError with the exception code (from the
// X-ClickHouse-Exception-Code header or the body), retriable per error_codes.h; socket problems
// are Network/Timeout (retriable). broken() is always false: there is no connection to lose.
class HttpClient final : public InsertClient {
 public:
  // Checks the server with `SELECT version(), timezone()` and fills server().
  static Result<std::unique_ptr<HttpClient>> open(const ConnectionOptions& options);
  ~HttpClient() override;

  const ServerInfo& server() const override { return server_; }
  uint64_t revision() const override { return 0; }

  Status ping() override;
  Status execute(std::string_view sql, const Settings& settings = {}) override;
  Result<QueryResult> query(std::string_view sql, const Settings& settings = {}) override;
  Result<std::vector<ColumnHeader>> begin_insert(std::string_view insert_sql,
                                                 const Settings& settings = {}) override;
  Status send_block(std::string_view native_block_body) override;
  Status end_insert() override;
  bool broken() const override { return false; }

  // One HTTP exchange (exposed for tests): `target` is the path and query string.
  using Response = HttpResponse;
  Result<Response> request(std::string_view method, const std::string& target,
                           std::string_view body);

 private:
  explicit HttpClient(const ConnectionOptions& options) : options_(options) {}
  Result<std::unique_ptr<Transport>> connect() const;
  std::string target(const Settings& settings, std::string_view extra) const;
  // POSTs and returns the body of a 200 answer, or the server's error.
  Result<std::string> post(std::string_view sql_for_errors, const std::string& target,
                           std::string_view body);

  ConnectionOptions options_;
  ServerInfo server_;
  bool inserting_ = false;
  std::string insert_sql_;  // "INSERT INTO <target> (<cols>) FORMAT Native"
  Settings insert_settings_;
  std::string insert_body_;
};

}  // namespace sluice::clickhouse
