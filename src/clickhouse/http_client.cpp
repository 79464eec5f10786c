#include "clickhouse/http_client.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstring>

#include "clickhouse/compressed_frame.h"
#include "clickhouse/error_codes.h"
#include "clickhouse/http_response_reader.h"
#include "clickhouse/protocol.h"
#include "clickhouse/tcp_transport.h"
#include "clickhouse/tls_transport.h"
#include "clickhouse/wire_reader.h"

#include "base/text.h"

namespace sluice::clickhouse {
namespace {

constexpr uint64_t kRevision18 = 54412;  // how 18.x writes Native (the LowCardinality quirk)

std::string url_encode(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

Error protocol_error(std::string message) {
  return Error(ErrorCode::Protocol, "HTTP: " + std::move(message));
}

// Serves a response body to WireReader.
class StringTransport final : public Transport {
 public:
  explicit StringTransport(std::string_view data) : data_(data) {}
  Result<size_t> read_some(char* buf, size_t size, std::chrono::milliseconds) override {
    if (pos_ == data_.size()) return Error(ErrorCode::Protocol, "HTTP: result ends mid-block");
    size_t n = std::min(size, data_.size() - pos_);
    std::memcpy(buf, data_.data() + pos_, n);
    pos_ += n;
    return n;
  }
  Status write_all(std::string_view, std::chrono::milliseconds) override {
    return Error(ErrorCode::Internal, "write to a response body");
  }
  void close() override {}
  bool at_end() const { return pos_ == data_.size(); }

 private:
  std::string_view data_;
  size_t pos_ = 0;
};

// Reads one identifier (bare, `quoted` or "quoted") at sql[pos]; appends its unquoted name.
bool read_identifier(std::string_view sql, size_t& pos, std::string& name) {
  if (pos >= sql.size()) return false;
  const char q = sql[pos];
  if (q == '`' || q == '"') {
    for (++pos; pos < sql.size(); ++pos) {
      if (sql[pos] == '\\' && pos + 1 < sql.size()) {
        name += sql[++pos];
      } else if (sql[pos] == q) {
        ++pos;
        return true;
      } else {
        name += sql[pos];
      }
    }
    return false;
  }
  const size_t start = pos;
  while (pos < sql.size() &&
         (std::isalnum(static_cast<unsigned char>(sql[pos])) || sql[pos] == '_' || sql[pos] == '.'))
    ++pos;
  name.append(sql.substr(start, pos - start));
  return pos > start;
}

void skip_space(std::string_view sql, size_t& pos) {
  while (pos < sql.size() && std::isspace(static_cast<unsigned char>(sql[pos]))) ++pos;
}

bool keyword(std::string_view sql, size_t& pos, std::string_view word) {
  skip_space(sql, pos);
  if (sql.size() - pos < word.size() || to_lower(sql.substr(pos, word.size())) != word)
    return false;
  pos += word.size();
  return true;
}

}  // namespace

int http_exception_code(std::string_view body) {
  if (body.substr(0, 6) != "Code: ") return 0;
  int code = 0;
  std::from_chars(body.data() + 6, body.data() + body.size(), code);
  return code;
}

Result<InsertStatement> parse_insert_statement(std::string_view sql) {
  auto bad = [&] {
    return Error(
        ErrorCode::InvalidArgument,
        "expected INSERT INTO <table> [(<columns>)] VALUES, got \"" + std::string(sql) + "\"");
  };
  size_t pos = 0;
  if (!keyword(sql, pos, "insert") || !keyword(sql, pos, "into")) return bad();
  skip_space(sql, pos);
  InsertStatement out;
  const size_t target_start = pos;
  for (;;) {  // db.table, each part bare or quoted
    std::string ignored;
    if (!read_identifier(sql, pos, ignored)) return bad();
    if (pos < sql.size() && sql[pos] == '.') {
      ++pos;
      continue;
    }
    break;
  }
  out.target = std::string(sql.substr(target_start, pos - target_start));
  skip_space(sql, pos);
  if (pos < sql.size() && sql[pos] == '(') {
    const size_t list_start = pos++;
    for (;;) {
      skip_space(sql, pos);
      std::string name;
      if (!read_identifier(sql, pos, name)) return bad();
      out.columns.push_back(std::move(name));
      skip_space(sql, pos);
      if (pos < sql.size() && sql[pos] == ',') {
        ++pos;
        continue;
      }
      if (pos < sql.size() && sql[pos] == ')') {
        ++pos;
        break;
      }
      return bad();
    }
    out.column_list = std::string(sql.substr(list_start, pos - list_start));
  }
  size_t end = pos;
  if (keyword(sql, end, "values")) pos = end;
  skip_space(sql, pos);
  if (pos != sql.size()) return bad();
  return out;
}

HttpClient::~HttpClient() = default;

Result<std::unique_ptr<HttpClient>> HttpClient::open(const ConnectionOptions& options) {
  std::unique_ptr<HttpClient> client(new HttpClient(options));
  auto info = client->query("SELECT version(), timezone()");
  const std::string where = std::string(options.secure ? "https" : "http") + "://" + options.host +
                            ":" + std::to_string(options.http_port);
  if (!info.ok()) return info.error().with_context("ClickHouse " + where);
  if (info->rows.size() != 1 || info->rows[0].size() != 2 || !info->rows[0][0])
    return Error(ErrorCode::Protocol, "ClickHouse " + where + ": unexpected answer to version()");
  ServerInfo& s = client->server_;
  s.name = "ClickHouse";
  s.display_name = options.host;
  s.timezone = info->rows[0][1].value_or("");
  uint64_t* parts[] = {&s.major, &s.minor, &s.patch};
  std::string_view v = *info->rows[0][0];
  for (uint64_t* part : parts) {
    auto r = std::from_chars(v.data(), v.data() + v.size(), *part);
    v.remove_prefix(static_cast<size_t>(r.ptr - v.data()));
    if (!v.empty() && v.front() == '.') v.remove_prefix(1);
  }
  return client;
}

Result<std::unique_ptr<Transport>> HttpClient::connect() const {
  if (options_.secure) {
    TlsOptions tls;
    tls.server_name = options_.tls_server_name;
    tls.ca_file = options_.ca_file;
    tls.skip_certificate_verification = options_.skip_certificate_verification;
    auto t =
        TlsTransport::connect(options_.host, options_.http_port, tls, options_.connect_timeout);
    if (!t.ok()) return t.error();
    return std::unique_ptr<Transport>(std::move(t).value());
  }
  auto t = TcpTransport::connect(options_.host, options_.http_port, options_.connect_timeout);
  if (!t.ok()) return t.error();
  return std::unique_ptr<Transport>(std::move(t).value());
}

Result<HttpClient::Response> HttpClient::request(std::string_view method, const std::string& target,
                                                 std::string_view body) {
  auto transport = connect();
  if (!transport.ok()) return transport.error();
  std::string head = std::string(method) + " " + target + " HTTP/1.1\r\nHost: " + options_.host +
                     ":" + std::to_string(options_.http_port) +
                     "\r\nConnection: close\r\nUser-Agent: " + options_.client_name +
                     "\r\nX-ClickHouse-User: " + options_.user +
                     "\r\nX-ClickHouse-Key: " + options_.password +
                     "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  Transport& t = *transport.value();
  SLUICE_RETURN_IF_ERROR(t.write_all(head, options_.io_timeout));
  if (!body.empty()) SLUICE_RETURN_IF_ERROR(t.write_all(body, options_.io_timeout));
  auto response = read_http_response(t, options_.io_timeout);
  t.close();
  return response;
}

std::string HttpClient::target(const Settings& settings, std::string_view extra) const {
  std::string out = "/?database=" + url_encode(options_.database);
  for (const auto& [name, value] : settings)
    out += "&" + url_encode(name) + "=" + url_encode(value);
  if (!extra.empty()) out += "&" + std::string(extra);
  return out;
}

Result<std::string> HttpClient::post(std::string_view sql_for_errors, const std::string& target,
                                     std::string_view body) {
  auto response = request("POST", target, body);
  if (!response.ok()) return response.error();
  Response& r = response.value();
  if (r.status == 200) return std::move(r.body);
  const int code = r.exception_code != 0 ? r.exception_code : http_exception_code(r.body);
  std::string text(trim(r.body));
  // Without a ClickHouse code (a proxy, an overloaded server): 5xx may pass, 4xx will not.
  const bool retriable = code != 0 ? is_retriable_server_code(code) : r.status >= 500;
  return Error(ErrorCode::ServerError,
               "ClickHouse HTTP " + std::to_string(r.status) + " for \"" +
                   std::string(sql_for_errors.substr(0, 200)) + "\": " + text,
               retriable, code);
}

Status HttpClient::ping() {
  auto response = request("GET", "/ping", "");
  if (!response.ok()) return response.error();
  if (response->status != 200)
    return Error(ErrorCode::ServerError,
                 "ClickHouse /ping answered HTTP " + std::to_string(response->status), true);
  return Status::success();
}

Status HttpClient::execute(std::string_view sql, const Settings& settings) {
  if (inserting_) return Error(ErrorCode::InvalidArgument, "execute() during an insert");
  auto body = post(sql, target(settings, ""), sql);
  if (!body.ok()) return body.error();
  return Status::success();
}

Result<QueryResult> HttpClient::query(std::string_view sql, const Settings& settings) {
  if (inserting_) return Error(ErrorCode::InvalidArgument, "query() during an insert");
  auto body = post(sql, target(settings, "default_format=Native&wait_end_of_query=1"), sql);
  if (!body.ok()) return body.error();
  StringTransport source(body.value());
  WireReader in(source, options_.io_timeout);
  // Before open() knows the version, the first query is version() itself: no LowCardinality.
  ResultDecoder decoder(server_.major != 0 && server_.major < 19 ? kRevision18 : kClientRevision);
  decoder.set_block_info(false);
  QueryResult result;
  while (in.buffered() > 0 || !source.at_end()) {
    DecodedBlock block;
    SLUICE_RETURN_IF_ERROR(decoder.read_block(in, block));
    if (result.columns.empty()) result.columns = block.columns;
    if (block.rows > 0 && block.columns.size() != result.columns.size())
      return protocol_error("result blocks disagree on the column count");
    for (size_t r = 0; r < block.rows; ++r) {
      auto& row = result.rows.emplace_back();
      for (auto& column : block.values) row.push_back(std::move(column[r]));
    }
  }
  return result;
}

Result<std::vector<ColumnHeader>> HttpClient::begin_insert(std::string_view insert_sql,
                                                           const Settings& settings) {
  if (inserting_) return Error(ErrorCode::InvalidArgument, "begin_insert() during an insert");
  auto statement = parse_insert_statement(insert_sql);
  if (!statement.ok()) return statement.error();
  auto described = query("DESCRIBE TABLE " + statement->target, settings);
  if (!described.ok()) return described.error();
  // DESCRIBE: name, type, default_type, default_expression, ...
  std::vector<ColumnHeader> header;
  const auto& rows = described->rows;
  auto text = [](const std::optional<std::string>& v) { return v.value_or(""); };
  if (statement->columns.empty()) {
    for (const auto& row : rows) {
      if (row.size() < 3) return protocol_error("DESCRIBE TABLE returned too few columns");
      const std::string kind = text(row[2]);
      if (kind == "MATERIALIZED" || kind == "ALIAS") continue;
      header.push_back(ColumnHeader{text(row[0]), text(row[1])});
    }
  } else {
    for (const std::string& name : statement->columns) {
      auto it = std::find_if(rows.begin(), rows.end(), [&](const auto& row) {
        return row.size() >= 2 && text(row[0]) == name;
      });
      if (it == rows.end())
        return Error(ErrorCode::ServerError,
                     "No such column " + name + " in table " + statement->target, false,
                     16 /* NO_SUCH_COLUMN_IN_TABLE */);
      header.push_back(ColumnHeader{name, text((*it)[1])});
    }
  }
  insert_sql_ = "INSERT INTO " + statement->target +
                (statement->column_list.empty() ? "" : " " + statement->column_list) +
                " FORMAT Native";
  insert_settings_ = settings;
  insert_body_.clear();
  inserting_ = true;
  return header;
}

Status HttpClient::send_block(std::string_view native_block_body) {
  if (!inserting_) return Error(ErrorCode::InvalidArgument, "send_block() outside an insert");
  insert_body_.append(native_block_body);
  return Status::success();
}

Status HttpClient::end_insert() {
  if (!inserting_) return Error(ErrorCode::InvalidArgument, "end_insert() outside an insert");
  inserting_ = false;
  if (insert_body_.empty()) return Status::success();  // nothing to insert
  std::string extra = "query=" + url_encode(insert_sql_);
  std::string framed;
  std::string_view body = insert_body_;
  if (options_.compression != Compression::None) {
    const FrameMethod method =
        options_.compression == Compression::ZSTD ? FrameMethod::ZSTD : FrameMethod::LZ4;
    SLUICE_RETURN_IF_ERROR(compress(insert_body_, method, framed));
    body = framed;
    extra += "&decompress=1";
  }
  auto answer = post(insert_sql_, target(insert_settings_, extra), body);
  insert_body_.clear();
  if (!answer.ok()) return answer.error();
  return Status::success();
}

}  // namespace sluice::clickhouse
