#include "control_command.h"

#include <charconv>
#include <cstring>
#include <vector>

namespace sluice::devkafka {

namespace {

std::vector<std::string> split_words(std::string_view line) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
    size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') ++i;
    if (i > start) words.emplace_back(line.substr(start, i - start));
  }
  return words;
}

bool parse_int(std::string_view text, int& out) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

// Protocol ApiKeys the mock implements, so commands can say `err Produce ...`.
struct ApiKeyName {
  const char* name;
  int16_t key;
};
constexpr ApiKeyName kApiKeys[] = {
    {"Produce", 0},          {"Fetch", 1},
    {"ListOffsets", 2},      {"Metadata", 3},
    {"OffsetCommit", 8},     {"OffsetFetch", 9},
    {"FindCoordinator", 10}, {"JoinGroup", 11},
    {"Heartbeat", 12},       {"LeaveGroup", 13},
    {"SyncGroup", 14},       {"ApiVersion", 18},
    {"InitProducerId", 22},  {"AddPartitionsToTxn", 24},
    {"AddOffsetsToTxn", 25}, {"EndTxn", 26},
    {"TxnOffsetCommit", 28},
};

bool parse_api_key(std::string_view text, int16_t& out) {
  int value = 0;
  if (parse_int(text, value)) {
    if (value < 0 || value > 32767) return false;
    out = static_cast<int16_t>(value);
    return true;
  }
  for (const auto& entry : kApiKeys) {
    if (strncasecmp(entry.name, text.data(), text.size()) == 0 &&
        std::strlen(entry.name) == text.size()) {
      out = entry.key;
      return true;
    }
  }
  return false;
}

// Accepts a number (e.g. 6, -195) or librdkafka's name without the RD_KAFKA_RESP_ERR_ prefix
// (e.g. NOT_LEADER_FOR_PARTITION, _TRANSPORT).
bool parse_error_code(std::string_view text, rd_kafka_resp_err_t& out) {
  int value = 0;
  if (parse_int(text, value)) {
    out = static_cast<rd_kafka_resp_err_t>(value);
    return true;
  }
  const rd_kafka_err_desc* descs = nullptr;
  size_t count = 0;
  rd_kafka_get_err_descs(&descs, &count);
  for (size_t i = 0; i < count; ++i) {
    const char* name = descs[i].name;
    if (name != nullptr && std::strlen(name) == text.size() &&
        strncasecmp(name, text.data(), text.size()) == 0) {
      out = descs[i].code;
      return true;
    }
  }
  return false;
}

std::string answer(const std::string& command, rd_kafka_resp_err_t err) {
  if (err == RD_KAFKA_RESP_ERR_NO_ERROR) return "ok " + command;
  return "error " + command + ": " + rd_kafka_err2name(err) + " (" + rd_kafka_err2str(err) + ")";
}

std::string usage_error(const std::string& command, const char* usage) {
  return "error " + command + ": usage: " + usage;
}

}  // namespace

std::string_view command_help() {
  return R"(Control commands (one per line, on stdin or on the --control FIFO; each gets exactly one
answer line on stderr: "ok <command>" or "error <command>: <reason>"):
  down <broker>                      take a broker down (-1: all brokers); clients see connection refused
  up <broker>                        bring a broker back (-1: all)
  rtt <broker> <ms>                  add <ms> of latency to every response of a broker (-1: all)
  create <topic> <partitions> [rf]   create a topic (rf defaults to 1)
  leader <topic> <partition> <broker>  move a partition's leadership (-1: leaderless)
  coord <group|txn> <key> <broker>   set the group or transaction coordinator
  err <apikey> <errcode> [count]     the next <count> (default 1) requests of <apikey>, cluster-wide,
                                     fail with <errcode>; e.g. `err Produce NOT_LEADER_FOR_PARTITION 3`,
                                     `err Fetch _TRANSPORT` (disconnects the client)
  brokererr <broker> <apikey> <errcode> [rtt_ms] [count]
                                     the same, for one broker, answered after rtt_ms
  clearerr <apikey>                  drop queued cluster-wide errors of <apikey>
  topicerr <topic> <errcode>         Metadata answers <errcode> for the topic (0 clears)
  help                               print this text
<apikey> is a number or a name: Produce(0) Fetch(1) ListOffsets(2) Metadata(3) OffsetCommit(8)
OffsetFetch(9) FindCoordinator(10) JoinGroup(11) Heartbeat(12) LeaveGroup(13) SyncGroup(14)
ApiVersion(18) InitProducerId(22). <errcode> is a Kafka error number or librdkafka's name
(NOT_LEADER_FOR_PARTITION=6, MSG_SIZE_TOO_LARGE=10, REQUEST_TIMED_OUT=7, _TRANSPORT=-195, ...).
Brokers are numbered 1..N.
)";
}

bool parse_topic_spec(std::string_view text, TopicSpec& out, std::string& error) {
  size_t colon = text.find(':');
  out = TopicSpec{};
  out.name = std::string(text.substr(0, colon));
  if (out.name.empty()) {
    error = "topic \"" + std::string(text) + "\": empty topic name; expected TOPIC:PARTITIONS";
    return false;
  }
  if (colon == std::string_view::npos) return true;
  std::string_view rest = text.substr(colon + 1);
  size_t colon2 = rest.find(':');
  if (!parse_int(rest.substr(0, colon2), out.partitions) || out.partitions < 1) {
    error = "topic \"" + std::string(text) + "\": partitions must be a positive integer";
    return false;
  }
  if (colon2 != std::string_view::npos &&
      (!parse_int(rest.substr(colon2 + 1), out.replication) || out.replication < 1)) {
    error = "topic \"" + std::string(text) + "\": replication factor must be a positive integer";
    return false;
  }
  return true;
}

std::string execute_command(MockCluster& cluster, std::string_view line) {
  std::vector<std::string> w = split_words(line);
  if (w.empty() || w[0][0] == '#') return "";
  std::string command;
  for (const auto& word : w) command += (command.empty() ? "" : " ") + word;
  const std::string& verb = w[0];
  int a = 0;
  int b = 0;
  int16_t api = 0;
  rd_kafka_resp_err_t code = RD_KAFKA_RESP_ERR_NO_ERROR;

  if (verb == "down" || verb == "up") {
    if (w.size() != 2 || !parse_int(w[1], a)) return usage_error(command, "down|up <broker>");
    return answer(command, verb == "down" ? cluster.set_broker_down(a) : cluster.set_broker_up(a));
  }
  if (verb == "rtt") {
    if (w.size() != 3 || !parse_int(w[1], a) || !parse_int(w[2], b) || b < 0)
      return usage_error(command, "rtt <broker> <ms>");
    return answer(command, cluster.set_broker_rtt(a, b));
  }
  if (verb == "create") {
    int rf = 1;
    if (w.size() < 3 || w.size() > 4 || !parse_int(w[2], a) || a < 1 ||
        (w.size() == 4 && (!parse_int(w[3], rf) || rf < 1)))
      return usage_error(command, "create <topic> <partitions> [replication]");
    return answer(command, cluster.create_topic(w[1], a, rf));
  }
  if (verb == "leader") {
    if (w.size() != 4 || !parse_int(w[2], a) || !parse_int(w[3], b))
      return usage_error(command, "leader <topic> <partition> <broker>");
    return answer(command, cluster.set_leader(w[1], a, b));
  }
  if (verb == "coord") {
    if (w.size() != 4 || (w[1] != "group" && w[1] != "txn") || !parse_int(w[3], a))
      return usage_error(command, "coord <group|txn> <key> <broker>");
    return answer(command, cluster.set_coordinator(w[1], w[2], a));
  }
  if (verb == "err") {
    int count = 1;
    if (w.size() < 3 || w.size() > 4 || !parse_api_key(w[1], api) ||
        !parse_error_code(w[2], code) || (w.size() == 4 && (!parse_int(w[3], count) || count < 1)))
      return usage_error(command, "err <apikey> <errcode> [count]");
    cluster.push_request_errors(api, code, count);
    return answer(command, RD_KAFKA_RESP_ERR_NO_ERROR);
  }
  if (verb == "brokererr") {
    int rtt = 0;
    int count = 1;
    if (w.size() < 4 || w.size() > 6 || !parse_int(w[1], a) || !parse_api_key(w[2], api) ||
        !parse_error_code(w[3], code) || (w.size() >= 5 && (!parse_int(w[4], rtt) || rtt < 0)) ||
        (w.size() == 6 && (!parse_int(w[5], count) || count < 1)))
      return usage_error(command, "brokererr <broker> <apikey> <errcode> [rtt_ms] [count]");
    return answer(command, cluster.push_broker_errors(a, api, code, rtt, count));
  }
  if (verb == "clearerr") {
    if (w.size() != 2 || !parse_api_key(w[1], api))
      return usage_error(command, "clearerr <apikey>");
    cluster.clear_request_errors(api);
    return answer(command, RD_KAFKA_RESP_ERR_NO_ERROR);
  }
  if (verb == "topicerr") {
    if (w.size() != 3 || !parse_error_code(w[2], code))
      return usage_error(command, "topicerr <topic> <errcode>");
    cluster.set_topic_error(w[1], code);
    return answer(command, RD_KAFKA_RESP_ERR_NO_ERROR);
  }
  if (verb == "help") {
    std::string text(command_help());
    // Keep the one-answer-line contract: the help text goes out as comment-like lines first.
    std::string out;
    size_t pos = 0;
    while (pos < text.size()) {
      size_t nl = text.find('\n', pos);
      out += "  | " + text.substr(pos, nl - pos) + "\n";
      pos = nl == std::string::npos ? text.size() : nl + 1;
    }
    return out + "ok help";
  }
  return "error " + command + ": unknown command \"" + verb +
         "\" (known: down up rtt create leader coord err brokererr clearerr topicerr help)";
}

}  // namespace sluice::devkafka
