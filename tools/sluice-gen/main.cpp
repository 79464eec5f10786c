// sluice-gen: seeded, deterministic benchmark/test event generator (shared/bench/README.md).
// Writes JSON events to a file and/or produces them to Kafka, then prints one JSON summary line
// that a checker compares with what landed in ClickHouse.
#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "event_producer.h"
#include "json_append.h"
#include "workload.h"

namespace {

using sluice::gen::EventProducer;

constexpr std::string_view kUsage =
    R"(usage: sluice-gen --workload NAME --count N --seed S
                  [--brokers LIST --topic T [--partitions P]] [--out FILE|-]
                  [--rate N/s] [--stamp] [--pad BYTES] [--users N]
                  [--malformed-every K] [-X librdkafka.property=value]...

Generates N events of a benchmark workload, deterministically for the seed (same seed and count:
byte-identical output; event i depends only on the seed and i).

  --workload NAME      w1: telemetry events shaped like shared/bench/telemetry_event.json (~1.6 KB)
                       w2: dedup events (~200 B), ~10% exact repeats of an earlier event_id
                       w3-orders / w3-users: the join's left (orders) and right (users) topics
                       w4: W2's shape plus status, amount, user_agent, url (filter + stateless)
  --count N            number of events
  --seed S             64-bit seed (default 1)
  --brokers LIST       produce to Kafka (bootstrap list, e.g. the dev Kafka's); needs --topic
  --topic T            topic to produce to
  --partitions P       event i goes to partition i % P (default: the topic's partition count)
  --out FILE|-         also write the events as JSON lines to FILE ("-": stdout; the summary then
                       goes to stderr)
  --rate N[/s]         produce at most N events per second (event i is due at start + i/N),
                       for latency runs; default: as fast as possible
  --stamp              append "produced_us": the wall clock (CLOCK_REALTIME, µs since the
                       epoch) when the event is handed to the producer (not deterministic)
  --pad BYTES          append "padding": a BYTES-long string (event-size scaling runs)
  --users N            W3: number of users (right side); orders reference ~N*1.05 (default 200000)
  --malformed-every K  every K-th event (i % K == K-1) is truncated, invalid JSON (dead-letter tests)
  -X key=value         extra librdkafka producer property (e.g. -X compression.type=lz4)

Producer defaults: enable.idempotence=true, linger.ms=20, batch.size=1000000. The run fails
(exit 1) if any delivery fails. The dev Kafka (librdkafka mock) keeps only 5 MiB per
partition; a warning is printed when a partition receives more, because a consumer that is not
keeping up would then silently lose data.

Summary (one JSON line on stdout, sums over valid events only):
  {"workload":"w1","events":N,"valid":V,"malformed":M,"bytes":B,<workload fields>,
   "partitions":P,"max_partition_bytes":..,"seconds":..}
  w1: sum_port, sum_version, sum_timestamp_s, distinct_request_ids
  w2: duplicates, distinct_event_ids, distinct_user_ids, sum_created_s, sum_created_s_distinct
  w3-orders: users, orders_with_user, distinct_user_ids, sum_amount_cents,
             sum_amount_cents_with_user; w3-users: distinct_user_ids
  w4: distinct_event_ids, paid, rows_after_filter (amount > 10 and status == 'paid'),
      sum_amount_cents, sum_amount_cents_filtered, sum_created_s
)";

constexpr uint64_t kMockPartitionBytes = 5ull * 1024 * 1024;

struct Options {
  std::string workload;
  uint64_t count = 0;
  bool have_count = false;
  uint64_t seed = 1;
  std::string brokers;
  std::string topic;
  int partitions = 0;
  std::string out;
  uint64_t malformed_every = 0;
  double rate = 0;
  bool stamp = false;
  uint64_t pad = 0;
  uint64_t users = 200'000;
  std::vector<std::pair<std::string, std::string>> kafka_overrides;
};

template <typename T>
bool parse_number(std::string_view text, T& out) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

int fail_usage(const std::string& message) {
  std::fprintf(stderr, "sluice-gen: %s (see --help)\n", message.c_str());
  return 2;
}

// Returns -1 to continue, otherwise the exit code.
int parse_args(int argc, char** argv, Options& opts) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::fwrite(kUsage.data(), 1, kUsage.size(), stdout);
      return 0;
    }
    if (arg == "--stamp") {
      opts.stamp = true;
      continue;
    }
    if (i + 1 >= argc) return fail_usage(std::string(arg) + " needs a value");
    std::string_view v = argv[++i];
    if (arg == "--workload") {
      opts.workload = v;
    } else if (arg == "--count") {
      if (!parse_number(v, opts.count))
        return fail_usage("--count \"" + std::string(v) + "\": expected a non-negative integer");
      opts.have_count = true;
    } else if (arg == "--seed") {
      if (!parse_number(v, opts.seed))
        return fail_usage("--seed \"" + std::string(v) + "\": expected an unsigned integer");
    } else if (arg == "--brokers") {
      opts.brokers = v;
    } else if (arg == "--topic") {
      opts.topic = v;
    } else if (arg == "--partitions") {
      if (!parse_number(v, opts.partitions) || opts.partitions < 1)
        return fail_usage("--partitions \"" + std::string(v) + "\": expected a positive integer");
    } else if (arg == "--out") {
      opts.out = v;
    } else if (arg == "--rate") {
      std::string_view n = v.ends_with("/s") ? v.substr(0, v.size() - 2) : v;
      uint64_t r = 0;
      if (!parse_number(n, r) || r == 0)
        return fail_usage("--rate \"" + std::string(v) + "\": expected N or N/s, N > 0");
      opts.rate = static_cast<double>(r);
    } else if (arg == "--pad") {
      if (!parse_number(v, opts.pad))
        return fail_usage("--pad \"" + std::string(v) + "\": expected a byte count");
    } else if (arg == "--users") {
      if (!parse_number(v, opts.users) || opts.users == 0)
        return fail_usage("--users \"" + std::string(v) + "\": expected a positive integer");
    } else if (arg == "--malformed-every") {
      if (!parse_number(v, opts.malformed_every) || opts.malformed_every < 1)
        return fail_usage("--malformed-every \"" + std::string(v) +
                          "\": expected a positive integer");
    } else if (arg == "-X") {
      size_t eq = v.find('=');
      if (eq == std::string_view::npos || eq == 0)
        return fail_usage("-X \"" + std::string(v) + "\": expected key=value");
      opts.kafka_overrides.emplace_back(std::string(v.substr(0, eq)),
                                        std::string(v.substr(eq + 1)));
    } else {
      return fail_usage("unknown option \"" + std::string(arg) + "\"");
    }
  }
  if (opts.workload.empty()) return fail_usage("--workload is required");
  if (!opts.have_count) return fail_usage("--count is required");
  if (opts.brokers.empty() != opts.topic.empty())
    return fail_usage("--brokers and --topic go together");
  if (opts.brokers.empty() && opts.out.empty())
    return fail_usage("nothing to do: give --brokers/--topic and/or --out");
  return -1;
}

}  // namespace

int main(int argc, char** argv) {
  Options opts;
  if (int rc = parse_args(argc, argv, opts); rc >= 0) return rc;
  auto workload = sluice::gen::make_workload(opts.workload, opts.seed, opts.users);
  if (workload == nullptr) {
    return fail_usage("--workload \"" + opts.workload +
                      "\": unknown; known: " + std::string(sluice::gen::known_workloads()));
  }
  const auto started = std::chrono::steady_clock::now();

  std::unique_ptr<EventProducer> producer;
  int partitions = opts.partitions;
  if (!opts.brokers.empty()) {
    auto created = EventProducer::create(opts.brokers, opts.topic, opts.kafka_overrides);
    if (!created.ok()) {
      std::fprintf(stderr, "sluice-gen: %s\n", created.error().to_string().c_str());
      return 1;
    }
    producer = std::move(created).value();
    if (partitions == 0) {
      auto count = producer->partition_count(std::chrono::seconds(10));
      if (!count.ok()) {
        std::fprintf(stderr, "sluice-gen: %s\n", count.error().to_string().c_str());
        return 1;
      }
      partitions = count.value();
    }
  }
  if (partitions == 0) partitions = 1;

  FILE* out = nullptr;
  const bool out_is_stdout = opts.out == "-";
  if (out_is_stdout) {
    out = stdout;
  } else if (!opts.out.empty()) {
    out = std::fopen(opts.out.c_str(), "wb");
    if (out == nullptr) {
      std::fprintf(stderr, "sluice-gen: cannot write %s: %s\n", opts.out.c_str(),
                   std::strerror(errno));
      return 1;
    }
  }
  std::vector<char> out_buffer(1 << 20);
  if (out != nullptr) std::setvbuf(out, out_buffer.data(), _IOFBF, out_buffer.size());

  std::vector<uint64_t> partition_bytes(static_cast<size_t>(partitions), 0);
  uint64_t total_bytes = 0;
  uint64_t malformed = 0;
  std::string event;
  event.reserve(4096 + opts.pad);
  std::string padding;
  if (opts.pad > 0) {
    padding = ",\"padding\":\"";
    for (uint64_t k = 0; k < opts.pad; ++k) padding += static_cast<char>('a' + k % 26);
    padding += "\"}";
  }
  const auto paced_start = std::chrono::steady_clock::now();
  for (uint64_t i = 0; i < opts.count; ++i) {
    const bool corrupt = opts.malformed_every > 0 && (i + 1) % opts.malformed_every == 0;
    event.clear();
    workload->append_event(i, !corrupt, event);
    if (opts.rate > 0) {
      const auto due =
          paced_start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                            std::chrono::duration<double>(i / opts.rate));
      if (std::chrono::steady_clock::now() < due) std::this_thread::sleep_until(due);
    }
    if (!padding.empty()) {
      event.pop_back();  // the closing brace
      event += padding;
    }
    if (opts.stamp) {
      event.pop_back();
      event += ",\"produced_us\":";
      sluice::gen::append_int(event, std::chrono::duration_cast<std::chrono::microseconds>(
                                         std::chrono::system_clock::now().time_since_epoch())
                                         .count());
      event += '}';
    }
    if (corrupt) {
      // Cut mid-object: never valid JSON, still plausible bytes for a dead-letter store.
      event.resize(event.size() / 2);
      ++malformed;
    }
    total_bytes += event.size();
    const auto partition = static_cast<int32_t>(i % static_cast<uint64_t>(partitions));
    partition_bytes[static_cast<size_t>(partition)] += event.size();
    if (out != nullptr) {
      event += '\n';
      if (std::fwrite(event.data(), 1, event.size(), out) != event.size()) {
        std::fprintf(stderr, "sluice-gen: write %s: %s\n", opts.out.c_str(), std::strerror(errno));
        return 1;
      }
      event.pop_back();
    }
    if (producer != nullptr) {
      sluice::Status st = producer->produce(partition, event);
      if (!st.ok()) {
        std::fprintf(stderr, "sluice-gen: %s\n", st.error().to_string().c_str());
        return 1;
      }
    }
  }
  if (out != nullptr && std::fflush(out) != 0) {
    std::fprintf(stderr, "sluice-gen: write %s: %s\n", opts.out.c_str(), std::strerror(errno));
    return 1;
  }
  if (out != nullptr && !out_is_stdout) std::fclose(out);

  int rc = 0;
  if (producer != nullptr) {
    sluice::Status st = producer->flush(std::chrono::minutes(5));
    if (!st.ok()) {
      std::fprintf(stderr, "sluice-gen: %s\n", st.error().to_string().c_str());
      rc = 1;
    }
  }
  const uint64_t max_partition_bytes =
      *std::max_element(partition_bytes.begin(), partition_bytes.end());
  if (producer != nullptr && max_partition_bytes > kMockPartitionBytes) {
    std::fprintf(stderr,
                 "sluice-gen: warning: up to %llu bytes went to one partition; the dev Kafka "
                 "(librdkafka mock) keeps only 5 MiB per partition, so older events may already be "
                 "gone. Use more partitions (--partitions / TOPIC:PARTITIONS).\n",
                 static_cast<unsigned long long>(max_partition_bytes));
  }

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::string summary = "{\"workload\":\"";
  summary += workload->name();
  summary += "\",\"events\":";
  sluice::gen::append_int(summary, static_cast<int64_t>(opts.count));
  summary += ",\"valid\":";
  sluice::gen::append_int(summary, static_cast<int64_t>(opts.count - malformed));
  summary += ",\"malformed\":";
  sluice::gen::append_int(summary, static_cast<int64_t>(malformed));
  summary += ",\"bytes\":";
  sluice::gen::append_int(summary, static_cast<int64_t>(total_bytes));
  workload->append_summary_fields(summary);
  summary += ",\"partitions\":";
  sluice::gen::append_int(summary, partitions);
  summary += ",\"max_partition_bytes\":";
  sluice::gen::append_int(summary, static_cast<int64_t>(max_partition_bytes));
  char secs[32];
  std::snprintf(secs, sizeof secs, "%.3f", seconds);
  summary += ",\"seconds\":";
  summary += secs;
  summary += "}\n";
  std::fputs(summary.c_str(), out_is_stdout ? stderr : stdout);
  return rc;
}
