#pragma once
// Shared pieces of the end-to-end tests: a dev Kafka, the shared ClickHouse server, the
// generator and the `sluice` binary, driven as a user would drive them.

#include <gtest/gtest.h>
#include <simdjson.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <thread>

#include "support/clickhouse_server.h"
#include "support/dev_kafka.h"
#include "support/generator.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace sluice::testing {

inline std::string binary(const std::string& relative) {
  return std::string(SLUICE_BINARY_DIR) + "/" + relative;
}

// What sluice-gen says it produced (its one JSON summary line).
struct GenSummary {
  uint64_t events = 0, valid = 0, malformed = 0, sum_port = 0, sum_version = 0;
};

// A member of sluice-gen's summary that must be there.
inline uint64_t json_uint(const std::string& line, const std::string& key) {
  int64_t value = json_int(line, key);
  if (value < 0) ADD_FAILURE() << "no " << key << " in " << line;
  return value < 0 ? 0 : static_cast<uint64_t>(value);
}

inline uint64_t to_u64(const std::string& tsv) {
  return std::stoull(tsv.empty() ? "0" : tsv);
}

class PipelineFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    auto dir = TempDir::create("sluice-e2e");
    ASSERT_TRUE(dir.ok()) << dir.error().message();
    dir_ = std::make_unique<TempDir>(std::move(dir).value());
    clickhouse_ = &shared_clickhouse();
  }

  // `more`: further topics as "name:partitions" (a join's right topic: the second source's).
  void start_kafka(const std::string& topic, int partitions,
                   const std::vector<std::string>& more = {}) {
    topic_ = topic;
    topics_ = {topic};
    std::vector<std::string> specs = {topic + ":" + std::to_string(partitions)};
    for (const std::string& m : more) {
      topics_.push_back(m.substr(0, m.find(':')));
      specs.push_back(m);
    }
    auto kafka = DevKafka::start(specs, 1);
    ASSERT_TRUE(kafka.ok()) << kafka.error().message();
    kafka_ = std::move(kafka).value();
  }

  GenSummary generate(uint64_t count, uint64_t seed, int partitions, uint64_t malformed_every = 0,
                      const std::string& workload = "w1") {
    std::vector<std::string> extra;
    if (malformed_every > 0) extra = {"--malformed-every", std::to_string(malformed_every)};
    std::string line = generate_to(topic_, workload, count, seed, partitions, extra);
    GenSummary s;
    s.events = json_uint(line, "events");
    s.valid = json_uint(line, "valid");
    s.malformed = json_uint(line, "malformed");
    if (workload == "w1") {  // other workloads' sums: json_uint(gen_line_, ...)
      s.sum_port = json_uint(line, "sum_port");
      s.sum_version = json_uint(line, "sum_version");
    }
    return s;
  }

  // Runs sluice-gen into `topic`; returns its summary line (also in gen_line_).
  std::string generate_to(const std::string& topic, const std::string& workload, uint64_t count,
                          uint64_t seed, int partitions, const std::vector<std::string>& extra) {
    std::vector<std::string> argv = {"--workload",   workload,
                                     "--count",      std::to_string(count),
                                     "--seed",       std::to_string(seed),
                                     "--brokers",    kafka_->bootstrap(),
                                     "--topic",      topic,
                                     "--partitions", std::to_string(partitions)};
    argv.insert(argv.end(), extra.begin(), extra.end());
    gen_line_ = run_gen(*dir_, argv, std::chrono::minutes(3));
    return gen_line_;
  }

  // examples/w1-telemetry.yaml pointed at this test's Kafka topic and ClickHouse table, and
  // the table created from the pipeline's own mapping.
  std::string prepare_w1_pipeline(const std::string& table, uint64_t max_batch_size,
                                  const std::string& max_delay = "1s") {
    return prepare_pipeline("examples/w1-telemetry.yaml", table, max_batch_size, max_delay);
  }

  // An example pipeline (path relative to the source tree) set up the same way.
  std::string prepare_pipeline(const std::string& example, const std::string& table,
                               uint64_t max_batch_size, const std::string& max_delay = "1s") {
    YAML::Node p = YAML::LoadFile(std::string(SLUICE_SOURCE_DIR) + "/" + example);
    std::string id = "e2e-" + table;
    std::replace(id.begin(), id.end(), '_', '-');
    p["pipeline_id"] = id;
    for (size_t i = 0; i < p["sources"].size(); ++i) {  // source i reads topics_[i]
      YAML::Node source = p["sources"][i];
      if (i < topics_.size()) source["topic"] = topics_[i];
      source["consumer_group_initial_offset"] = "earliest";
      source["connection_params"]["brokers"] = std::vector<std::string>{kafka_->bootstrap()};
    }
    YAML::Node sink = p["sink"];
    sink["connection_params"]["host"] = "127.0.0.1";
    sink["connection_params"]["port"] = std::to_string(clickhouse_->tcp_port());
    sink["connection_params"]["database"] = "default";
    sink["table"] = table;
    sink["max_batch_size"] = max_batch_size;
    sink["max_delay_time"] = max_delay;

    std::string ddl = "CREATE TABLE " + table + " (";
    bool first = true;
    for (const auto& m : sink["mapping"]) {
      ddl += (first ? "`" : ", `") + m["column_name"].as<std::string>() + "` " +
             m["column_type"].as<std::string>();
      first = false;
    }
    ddl += ") ENGINE = MergeTree ORDER BY tuple()";
    clickhouse_->must_query("DROP TABLE IF EXISTS " + table);
    clickhouse_->must_query(ddl);

    YAML::Emitter out;
    out << p;
    std::string path = dir_->file(table + ".yaml");
    std::ofstream(path) << out.c_str() << "\n";
    return path;
  }

  std::unique_ptr<Process> start_sluice(const std::string& pipeline_path, const std::string& log,
                                        const std::vector<std::string>& extra_args = {}) {
    ProcessOptions o;
    o.argv = {binary("sluice"),
              "run",
              pipeline_path,
              "--dead-letter",
              dead_letter_path(),
              "--kafka-property",
              "session.timeout.ms=6000",
              "--status-interval",
              "1"};
    o.argv.insert(o.argv.end(), extra_args.begin(), extra_args.end());
    o.stderr_path = dir_->file(log);
    o.stdout_path = dir_->file(log + ".out");
    o.append_output = true;
    auto p = Process::spawn(o);
    EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().message());
    return p.ok() ? std::move(p).value() : nullptr;
  }

  std::string state_dir() const { return dir_->file("state"); }

  // Runs sluice on `pipeline` (with the test's state directory) until `done` holds, then stops it
  // with SIGINT; returns its log.
  std::string run_until(const std::string& pipeline, const std::string& log,
                        const std::function<bool()>& done,
                        const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"--state-dir", state_dir()};
    args.insert(args.end(), extra.begin(), extra.end());
    auto sluice = start_sluice(pipeline, log, args);
    EXPECT_NE(sluice, nullptr);
    if (!sluice) return "";
    EXPECT_TRUE(wait_until(done, std::chrono::seconds(120), sluice.get()))
        << tail_of_file(dir_->file(log));
    EXPECT_TRUE(sluice->signal(SIGINT).ok());
    auto status = sluice->wait(std::chrono::seconds(30));
    EXPECT_TRUE(status.ok() && status->success()) << tail_of_file(dir_->file(log));
    return read_file(dir_->file(log)).value_or("");
  }
  std::string log_of(const std::string& log) const {
    return read_file(dir_->file(log)).value_or("");
  }
  static bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
  }

  std::string dead_letter_path() const { return dir_->file("dead_letters.jsonl"); }
  // Lines of the dead-letter log (containing `must_contain`, if given).
  uint64_t dead_letter_lines(const std::string& must_contain = "") const {
    std::ifstream in(dead_letter_path());
    uint64_t n = 0;
    for (std::string line; std::getline(in, line);)
      if (must_contain.empty() || line.find(must_contain) != std::string::npos) ++n;
    return n;
  }

  uint64_t scalar(const std::string& sql) {
    std::string out = clickhouse_->must_query(sql);
    while (!out.empty() && (out.back() == '\n')) out.pop_back();
    return to_u64(out);
  }

  // Polls until `done` holds or `timeout` passes; the sluice process must stay alive.
  bool wait_until(const std::function<bool()>& done, std::chrono::seconds timeout,
                  Process* sluice = nullptr) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (done()) return true;
      if (sluice != nullptr && !sluice->running()) return done();
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    return done();
  }

  std::unique_ptr<TempDir> dir_;
  ClickHouseServer* clickhouse_ = nullptr;
  std::unique_ptr<DevKafka> kafka_;
  std::string topic_;
  std::vector<std::string> topics_;  // topic_, then start_kafka's `more`
  std::string gen_line_;             // sluice-gen's summary line of the last generate()
};

}  // namespace sluice::testing
