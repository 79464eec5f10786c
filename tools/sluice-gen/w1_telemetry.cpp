#include "w1_telemetry.h"

#include <array>
#include <string_view>

#include "json_append.h"
#include "rng.h"

namespace sluice::gen {

namespace {

template <size_t N>
std::string_view pick(Rng& rng, const std::array<std::string_view, N>& list) {
  return list[rng.below(N)];
}

constexpr std::array<std::string_view, 8> kApps = {"checkout", "payments", "catalog",  "search",
                                                   "gateway",  "accounts", "shipping", "notifier"};
constexpr std::array<std::string_view, 6> kAppVersions = {"staging",    "v1.4.2", "v1.5.0",
                                                          "v2.0.0-rc1", "canary", "stable"};
constexpr std::array<std::string_view, 5> kClusters = {
    "eu-west-prod-03.example.internal", "eu-west-prod-04.example.internal",
    "us-east-prod-01.example.internal", "ap-south-stg-02.example.internal",
    "us-west-dev-01.example.internal"};
constexpr std::array<std::string_view, 5> kComponents = {"", "", "api", "worker", "db-proxy"};
constexpr std::array<std::string_view, 5> kComponentTypes = {"scheduler", "service", "job",
                                                             "sidecar", "cron"};
constexpr std::array<std::string_view, 4> kEnvs = {"test", "prod", "staging", "dev"};
constexpr std::array<std::string_view, 6> kSites = {"ams02", "fra01", "nyc01",
                                                    "sjc03", "sin01", "lon02"};
constexpr std::array<std::string_view, 4> kContainerNames = {"app", "sidecar", "envoy", "init"};
constexpr std::array<std::string_view, 5> kNamespaces = {"development", "production", "staging",
                                                         "platform", "data"};
constexpr std::array<std::string_view, 3> kLogAgents = {"logstash", "fluent-bit", "vector"};
constexpr std::array<std::string_view, 4> kLogTypes = {"main", "access", "audit", "gc"};
constexpr std::array<std::string_view, 10> kLoggers = {
    "com.example.datasource.DynamicRoutingDataSource",
    "com.example.checkout.CartController",
    "com.example.payments.gateway.StripeClient",
    "org.springframework.web.servlet.DispatcherServlet",
    "org.hibernate.engine.jdbc.spi.SqlExceptionHelper",
    "io.netty.channel.DefaultChannelPipeline",
    "com.zaxxer.hikari.pool.HikariPool",
    "com.example.search.IndexRefresher",
    "com.example.accounts.SessionFilter",
    "reactor.netty.http.server.AccessLog"};
constexpr std::array<std::string_view, 3> kLoggerTypes = {"appender", "async", "console"};
constexpr std::array<std::string_view, 6> kMethods = {"GET", "GET", "GET", "POST", "PUT", "DELETE"};
constexpr std::array<std::string_view, 8> kUris = {
    "/api/v1/products", "/api/v1/cart",     "/api/v1/orders", "/api/v2/payments/authorize",
    "/health",          "/api/v1/users/me", "/metrics",       "/api/v1/search"};
constexpr std::array<std::string_view, 6> kUserAgents = {
    "PostmanRuntime/7.28.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Version/17.2 Mobile/15E148 Safari/604.1",
    "curl/8.4.0",
    "okhttp/4.12.0",
    "kube-probe/1.28"};
constexpr std::array<std::string_view, 8> kStatus = {"200", "200", "200", "201",
                                                     "204", "404", "500", "503"};
constexpr std::array<std::string_view, 12> kTags = {
    "audit", "system",  "application", "unified", "security", "billing",
    "infra", "latency", "frontend",    "backend", "pci",      "experiment"};
constexpr std::array<std::string_view, 6> kThreads = {
    "health-checker-readOnlyDatabase", "http-nio-8080-exec-12", "main",
    "kafka-producer-network-thread",   "scheduling-1",          "reactor-http-epoll-3"};
constexpr std::array<std::string_view, 3> kTypes = {"access", "app", "audit"};
constexpr std::array<std::string_view, 24> kWords = {
    "request",   "completed", "with",     "status",     "after",   "retry",   "budget", "was",
    "exhausted", "on",        "upstream", "pool",       "primary", "replica", "client", "will",
    "back",      "off",       "timeout",  "connection", "reset",   "by",      "peer",   "cache"};

// Log levels weighted like a busy service: mostly INFO, some DEBUG/WARN, few ERROR.
std::string_view pick_level(Rng& rng) {
  uint64_t r = rng.below(100);
  if (r < 55) return "INFO";
  if (r < 75) return "DEBUG";
  if (r < 88) return "WARN";
  if (r < 97) return "ERROR";
  return "TRACE";
}

// 2026-02-16T00:00:00Z, the sample event's day.
constexpr int64_t kDayStartMicros = 1'771'200'000'000'000;
constexpr int64_t kMicrosPerDay = 86'400'000'000;

// A bijection on 62-bit values, so request ids (index -> id) never collide, while still looking
// random. Multiplying by an odd constant and xor-shifting right are both invertible modulo 2^62.
uint64_t scramble62(uint64_t x) {
  constexpr uint64_t kMask = (1ull << 62) - 1;
  x &= kMask;
  x = (x * 0x9E3779B97F4A7C15ull) & kMask;
  x ^= x >> 29;
  x = (x * 0xBF58476D1CE4E5B9ull) & kMask;
  x ^= x >> 32;
  return x;
}

// UUID version 4 layout: version nibble 4, variant bits 10.
void append_uuid_v4(std::string& out, uint64_t hi, uint64_t lo62) {
  hi = (hi & ~0xF000ull) | 0x4000ull;
  uint64_t lo = (lo62 & ((1ull << 62) - 1)) | (1ull << 63);
  append_uuid(out, hi, lo);
}

void append_ip(std::string& out, Rng& rng) {
  out += '"';
  append_int(out, rng.between(1, 223));
  for (int i = 0; i < 3; ++i) {
    out += '.';
    append_int(out, rng.between(0, 255));
  }
  out += '"';
}

// Variable-length text (about 40..600 bytes, mean about 320). A few messages carry JSON escapes
// (\" and \t and \\) so parsers downstream are exercised on them too.
void append_message(std::string& out, Rng& rng, std::string_view status) {
  const size_t target = 40 + rng.below(560);
  const size_t start = out.size();
  out += '"';
  if (rng.chance_percent(40)) {
    out += "v=2&cid=";
    append_int(out, rng.between(100'000'000, 999'999'999));
    out += "&t=pageview&dl=https%3A%2F%2Fshop.example.com%2F";
    out += kWords[rng.below(kWords.size())];
    out += "&ul=en-us&sr=1920x1080&z=";
    append_int(out, rng.between(1'000'000'000, 1'999'999'999));
    out += ' ';
  }
  out += "request completed with status ";
  out += status;
  if (rng.chance_percent(5)) out += R"( for \"guest\" user\tpath C:\\tmp)";
  while (out.size() - start < target) {
    out += ' ';
    out += kWords[rng.below(kWords.size())];
  }
  out += '"';
}

}  // namespace

W1Telemetry::W1Telemetry(uint64_t seed) : seed_(seed), request_key_(mix64(seed ^ 0x5EED)) {}

void W1Telemetry::append_event(uint64_t index, bool tally, std::string& out) {
  Rng rng = Rng::for_event(seed_, index);
  const int64_t ts = kDayStartMicros + static_cast<int64_t>(rng.below(kMicrosPerDay));
  const int64_t version = rng.between(1, 9999);
  const int64_t port = rng.between(1024, 65535);
  const size_t app = rng.below(kApps.size());
  const std::string_view site = pick(rng, kSites);
  const uint64_t pod = mix64(seed_ ^ (app * 1000 + rng.below(40)));  // ~40 pods per app
  const std::string_view status = pick(rng, kStatus);

  out += '{';
  append_key(out, "timestamp");
  out += '"';
  append_timestamp(out, ts);
  out += "Z\",";
  append_key(out, "@version");
  append_int(out, version);
  out += ',';
  append_key(out, "account_id");
  append_int(out, rng.between(100'000'000'000'000, 999'999'999'999'999));
  out += ',';
  append_key(out, "app_name");
  append_raw_string(out, kApps[app]);
  out += ',';
  append_key(out, "app_version");
  append_raw_string(out, pick(rng, kAppVersions));
  out += ',';
  append_key(out, "client_ip");
  append_ip(out, rng);
  out += ',';
  append_key(out, "cluster_name");
  append_raw_string(out, pick(rng, kClusters));
  out += ',';
  append_key(out, "component");
  append_raw_string(out, pick(rng, kComponents));
  out += ',';
  append_key(out, "component_type");
  append_raw_string(out, pick(rng, kComponentTypes));
  out += ',';
  append_key(out, "container.image.name");
  out += "\"registry.example.internal:443/shop/";
  out += kApps[app];
  out += ":build-";
  append_padded(out, rng.below(10000), 4);
  out += '-';
  append_hex(out, pod >> 48, 4);
  out += '-';
  append_hex(out, pod, 8);
  out += "\",";
  append_key(out, "env_name");
  append_raw_string(out, pick(rng, kEnvs));
  out += ',';
  append_key(out, "extension_id");
  append_uuid_v4(out, rng.next(), rng.next());
  out += ',';
  append_key(out, "host");
  out += '"';
  out += site;
  out += "-c0";
  append_int(out, rng.between(1, 9));
  out += "-app";
  append_padded(out, rng.below(100), 2);
  out += ".int.example.com\",";
  // hostname and kubernetes.pod.name are the same pod name, as in the sample.
  std::string pod_name(kApps[app]);
  pod_name += '-';
  append_hex(pod_name, pod >> 8, 6);
  pod_name += '-';
  append_hex(pod_name, pod >> 32, 5);
  append_key(out, "hostname");
  append_raw_string(out, pod_name);
  out += ',';
  append_key(out, "kubernetes.container.id");
  append_uuid_v4(out, mix64(pod), mix64(pod + 1));
  out += ',';
  append_key(out, "kubernetes.container.name");
  append_raw_string(out, pick(rng, kContainerNames));
  out += ',';
  append_key(out, "kubernetes.namespace");
  append_raw_string(out, pick(rng, kNamespaces));
  out += ',';
  append_key(out, "kubernetes.pod.name");
  append_raw_string(out, pod_name);
  out += ',';
  append_key(out, "location");
  append_raw_string(out, site);
  out += ',';
  append_key(out, "log_agent");
  append_raw_string(out, pick(rng, kLogAgents));
  out += ',';
  append_key(out, "log_format");
  append_raw_string(out, "json");
  out += ',';
  append_key(out, "log_level");
  append_raw_string(out, pick_level(rng));
  out += ',';
  append_key(out, "log_type");
  append_raw_string(out, pick(rng, kLogTypes));
  out += ',';
  append_key(out, "logger_name");
  append_raw_string(out, pick(rng, kLoggers));
  out += ',';
  append_key(out, "logger_type");
  append_raw_string(out, pick(rng, kLoggerTypes));
  out += ',';
  append_key(out, "logstash_producer");
  out += '"';
  out += site;
  out += "-c01-lss0";
  append_int(out, rng.between(1, 4));
  out += "\",";
  append_key(out, "message");
  append_message(out, rng, status);
  out += ',';
  append_key(out, "modified_timestamp");
  out += rng.chance_percent(10) ? "true" : "false";
  out += ',';
  append_key(out, "port");
  append_int(out, port);
  out += ',';
  append_key(out, "producer_time");
  out += '"';
  append_timestamp(out, ts + rng.between(50, 5000));  // no zone suffix, as in the sample
  out += "\",";
  append_key(out, "request_id");
  append_uuid_v4(out, mix64(request_key_ ^ index), scramble62(index ^ request_key_));
  out += ',';
  append_key(out, "request_method");
  append_raw_string(out, pick(rng, kMethods));
  out += ',';
  append_key(out, "request_uri");
  append_raw_string(out, pick(rng, kUris));
  out += ',';
  append_key(out, "request_user_agent");
  append_raw_string(out, pick(rng, kUserAgents));
  out += ',';
  append_key(out, "status_code");
  append_raw_string(out, status);
  out += ',';
  append_key(out, "tags");
  out += '[';
  const uint64_t tag_count = 1 + rng.below(6);
  const uint64_t first_tag = rng.below(kTags.size());
  for (uint64_t t = 0; t < tag_count; ++t) {
    if (t > 0) out += ',';
    append_raw_string(out, kTags[(first_tag + t * 5) % kTags.size()]);
  }
  out += "],";
  append_key(out, "thread");
  append_raw_string(out, pick(rng, kThreads));
  out += ',';
  append_key(out, "type");
  append_raw_string(out, pick(rng, kTypes));
  out += '}';

  if (tally) {
    ++valid_;
    sum_port_ += port;
    sum_version_ += version;
    sum_timestamp_s_ += ts / 1'000'000;
  }
}

void W1Telemetry::append_summary_fields(std::string& out) const {
  out += ",\"sum_port\":";
  append_int(out, sum_port_);
  out += ",\"sum_version\":";
  append_int(out, sum_version_);
  out += ",\"sum_timestamp_s\":";
  append_int(out, sum_timestamp_s_);
  out += ",\"distinct_request_ids\":";
  append_int(out, static_cast<int64_t>(valid_));
}

}  // namespace sluice::gen
