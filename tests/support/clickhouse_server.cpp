#include "support/clickhouse_server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <thread>

#include "support/http_client.h"

namespace sluice::testing {

namespace {

constexpr auto kStartTimeout = std::chrono::seconds(30);
constexpr auto kStopGrace = std::chrono::seconds(10);
constexpr int kStartAttempts = 5;

Result<std::string> find_server_binary() {
  if (const char* env = std::getenv("SLUICE_CLICKHOUSE_SERVER"); env != nullptr && *env != '\0') {
    return std::string(env);
  }
  for (const char* candidate : {"/usr/bin/clickhouse-server", "/usr/sbin/clickhouse-server"}) {
    if (::access(candidate, X_OK) == 0) return std::string(candidate);
  }
  return Error(ErrorCode::InvalidArgument,
               "clickhouse-server not found in /usr/bin or /usr/sbin; install clickhouse-server "
               "(scripts/install-deps.sh) or set SLUICE_CLICKHOUSE_SERVER");
}

// ClickHouse answers errors as "Code: 60, e.displayText() = ...".
int exception_code(const std::string& body) {
  if (body.rfind("Code: ", 0) != 0) return 0;
  return std::atoi(body.c_str() + 6);
}

std::string encode_settings(const ClickHouseServer::Settings& settings) {
  std::string out;
  for (const auto& [key, value] : settings) out += "&" + url_encode(key) + "=" + url_encode(value);
  return out;
}

Result<std::string> check_response(Result<HttpResponse> response, const std::string& sql) {
  if (!response.ok()) return response.error().with_context("clickhouse query \"" + sql + "\"");
  if (response->status != 200) {
    std::string body = response->body;
    while (!body.empty() && body.back() == '\n') body.pop_back();
    return Error(
        ErrorCode::ServerError,
        "clickhouse query \"" + sql + "\": HTTP " + std::to_string(response->status) + ": " + body,
        false, exception_code(body));
  }
  return std::move(response->body);
}

}  // namespace

Result<uint16_t> pick_free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return Error(ErrorCode::Io, std::string("socket: ") + std::strerror(errno));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    int e = errno;
    ::close(fd);
    return Error(ErrorCode::Io, std::string("bind 127.0.0.1:0: ") + std::strerror(e));
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

Result<std::unique_ptr<ClickHouseServer>> ClickHouseServer::start() {
  return start(ClickHouseServerOptions{});
}

Result<std::unique_ptr<ClickHouseServer>> ClickHouseServer::start(
    const ClickHouseServerOptions& options) {
  auto binary = find_server_binary();
  if (!binary.ok()) return binary.error();
  auto dir = TempDir::create("sluice-clickhouse");
  if (!dir.ok()) return dir.error();
  std::unique_ptr<ClickHouseServer> server(
      new ClickHouseServer(std::move(dir).value(), std::move(binary).value()));
  server->options_ = options;
  for (const char* sub : {"data", "tmp", "user_files", "log", "format_schemas"}) {
    std::error_code ec;
    std::filesystem::create_directories(server->dir_.file(sub), ec);
    if (ec) return Error(ErrorCode::Io, "mkdir " + server->dir_.file(sub) + ": " + ec.message());
  }
  Status last;
  // Free ports are only free "a moment ago": on a clash the server exits, and we retry.
  for (int attempt = 0; attempt < kStartAttempts; ++attempt) {
    auto tcp = pick_free_port();
    auto http = pick_free_port();
    if (!tcp.ok()) return tcp.error();
    if (!http.ok()) return http.error();
    if (tcp.value() == http.value()) continue;
    server->tcp_port_ = tcp.value();
    server->http_port_ = http.value();
    if (options.tls) {
      auto tcp_secure = pick_free_port();
      auto https = pick_free_port();
      if (!tcp_secure.ok()) return tcp_secure.error();
      if (!https.ok()) return https.error();
      server->tcp_secure_port_ = tcp_secure.value();
      server->https_port_ = https.value();
      const uint16_t ports[] = {tcp.value(), http.value(), tcp_secure.value(), https.value()};
      bool distinct = true;
      for (size_t i = 0; i < 4; ++i)
        for (size_t j = i + 1; j < 4; ++j) distinct = distinct && ports[i] != ports[j];
      if (!distinct) continue;
      SLUICE_RETURN_IF_ERROR(server->write_tls_config());
    }
    SLUICE_RETURN_IF_ERROR(server->write_config());
    last = server->launch();
    if (last.ok()) last = server->wait_ready(kStartTimeout);
    if (last.ok()) return server;
    const bool port_clash = server->logs_tail().find("Address already in use") != std::string::npos;
    if (server->process_) server->process_->kill_hard();
    server->process_.reset();
    if (!port_clash) break;
  }
  server->dir_.keep();  // leave the logs for a post-mortem
  return last.error().with_context("clickhouse-server (dir " + server->dir() + ")");
}

ClickHouseServer::~ClickHouseServer() {
  if (process_) process_->terminate(kStopGrace);
}

std::string ClickHouseServer::http_url() const {
  return "http://127.0.0.1:" + std::to_string(http_port_);
}

pid_t ClickHouseServer::pid() const {
  return process_ ? process_->pid() : -1;
}

Status ClickHouseServer::write_config() const {
  // The same templates as scripts/dev-clickhouse.sh.
  const std::string templates = std::string(SLUICE_SOURCE_DIR) + "/scripts/clickhouse/";
  auto config = read_file(templates + "config.xml.in");
  if (!config.ok()) return config.error();
  auto users = read_file(templates + "users.xml");
  if (!users.ok()) return users.error();
  std::string text = std::move(config).value();
  for (const auto& [from, to] : {std::pair<std::string, std::string>{"@DIR@", dir_.path()},
                                 {"@HTTP_PORT@", std::to_string(http_port_)},
                                 {"@TCP_PORT@", std::to_string(tcp_port_)}}) {
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at))
      text.replace(at, from.size(), to);
  }
  SLUICE_RETURN_IF_ERROR(write_file_atomically(dir_.file("config.xml"), text));
  return write_file_atomically(dir_.file("users.xml"), users.value());
}

Status ClickHouseServer::write_tls_config() const {
  const std::string crt = dir_.file("server.crt");
  const std::string key = dir_.file("server.key");
  if (::access(crt.c_str(), R_OK) != 0) {
    const std::string command =
        "openssl req -subj /CN=localhost -addext subjectAltName=IP:127.0.0.1,DNS:localhost "
        "-new -newkey rsa:2048 -days 30 -nodes -x509 -keyout '" +
        key + "' -out '" + crt + "' >'" + dir_.file("openssl.log") + "' 2>&1";
    if (std::system(command.c_str()) != 0)
      return Error(ErrorCode::Io, "openssl req failed: " + tail_of_file(dir_.file("openssl.log")));
  }
  std::error_code ec;
  std::filesystem::create_directories(dir_.file("config.d"), ec);
  if (ec) return Error(ErrorCode::Io, "mkdir config.d: " + ec.message());
  const std::string tls = R"(<?xml version="1.0"?>
<yandex>
  <https_port>)" + std::to_string(https_port_) +
                          R"(</https_port>
  <tcp_port_secure>)" + std::to_string(tcp_secure_port_) +
                          R"(</tcp_port_secure>
  <openSSL>
    <server>
      <certificateFile>)" +
                          crt +
                          R"(</certificateFile>
      <privateKeyFile>)" + key +
                          R"(</privateKeyFile>
      <verificationMode>none</verificationMode>
      <loadDefaultCAFile>true</loadDefaultCAFile>
      <cacheSessions>true</cacheSessions>
      <disableProtocols>sslv2,sslv3</disableProtocols>
      <preferServerCiphers>true</preferServerCiphers>
    </server>
    <client>
      <loadDefaultCAFile>true</loadDefaultCAFile>
      <verificationMode>none</verificationMode>
      <invalidCertificateHandler><name>AcceptCertificateHandler</name></invalidCertificateHandler>
    </client>
  </openSSL>
</yandex>
)";
  return write_file_atomically(dir_.file("config.d/tls.xml"), tls);
}

Status ClickHouseServer::launch() {
  ProcessOptions options;
  options.argv = {binary_, "--config-file=" + dir_.file("config.xml")};
  options.stdout_path = dir_.file("stdout.log");
  options.stderr_path = dir_.file("stdout.log");
  options.append_output = true;
  options.cwd = dir_.path();
  auto process = Process::spawn(options);
  if (!process.ok()) return process.error();
  process_ = std::move(process).value();
  return Status::success();
}

Status ClickHouseServer::wait_ready(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto ping = http_request("127.0.0.1", http_port_, "GET", "/ping", "", std::chrono::seconds(2));
    if (ping.ok() && ping->status == 200) return Status::success();
    if (auto st = process_->poll()) {
      return Error(ErrorCode::Io,
                   "exited during start-up (" + st->to_string() + "); log tail:\n" + logs_tail());
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      return Error(ErrorCode::Timeout,
                   "/ping on port " + std::to_string(http_port_) + " did not answer within " +
                       std::to_string(timeout.count()) + " ms; log tail:\n" + logs_tail());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

std::string ClickHouseServer::logs_tail() const {
  std::string tail = tail_of_file(dir_.file("log/server.err.log"));
  std::string out = tail_of_file(dir_.file("stdout.log"), 1000);
  if (!out.empty()) tail += (tail.empty() ? "" : "\n--- stdout/stderr ---\n") + out;
  return tail.empty() ? "(no log output)" : tail;
}

Result<std::string> ClickHouseServer::query(const std::string& sql, const Settings& settings) {
  std::string target = "/?" + std::string("database=default") + encode_settings(settings);
  return check_response(http_request("127.0.0.1", http_port_, "POST", target, sql), sql);
}

Result<std::string> ClickHouseServer::insert(const std::string& insert_sql, const std::string& data,
                                             const Settings& settings) {
  std::string target = "/?query=" + url_encode(insert_sql) + encode_settings(settings);
  return check_response(http_request("127.0.0.1", http_port_, "POST", target, data), insert_sql);
}

std::string ClickHouseServer::must_query(const std::string& sql, const Settings& settings) {
  auto result = query(sql, settings);
  if (!result.ok()) {
    ADD_FAILURE() << result.error().to_string();
    return "";
  }
  return std::move(result).value();
}

Status ClickHouseServer::stop() {
  if (!process_) return Status::success();
  ExitStatus st = process_->terminate(kStopGrace);
  process_.reset();
  if (!st.success() && !st.killed_by(SIGTERM)) {
    return Error(ErrorCode::Internal, "clickhouse-server stopped with " + st.to_string() +
                                          "; log tail:\n" + logs_tail());
  }
  return Status::success();
}

Status ClickHouseServer::restart() {
  SLUICE_RETURN_IF_ERROR(stop());
  SLUICE_RETURN_IF_ERROR(launch());
  return wait_ready(kStartTimeout);
}

void ClickHouseServer::kill_hard() {
  if (!process_) return;
  process_->kill_hard();
  process_.reset();
}

ClickHouseServer& shared_clickhouse() {
  // Destroyed by static destruction at exit, which stops the server and removes its dir.
  static std::unique_ptr<ClickHouseServer> server = [] {
    auto started = ClickHouseServer::start();
    if (!started.ok()) {
      std::fprintf(stderr, "shared_clickhouse: cannot start: %s\n",
                   started.error().to_string().c_str());
      std::abort();
    }
    return std::move(started).value();
  }();
  return *server;
}

}  // namespace sluice::testing
