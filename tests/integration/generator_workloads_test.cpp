// sluice-gen's benchmark workloads (issue 5): each is deterministic for a seed, and the summary
// it prints matches what a consumer reads back from the dev Kafka.
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/dev_kafka.h"
#include "support/generator.h"
#include "support/kafka_consumer.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace sluice::testing {
namespace {

// "amount":123.45 -> 12345
int64_t json_cents(const std::string& json, const std::string& key) {
  const std::string needle = "\"" + key + "\":";
  size_t pos = json.find(needle);
  if (pos == std::string::npos) return -1;
  pos += needle.size();
  size_t dot = json.find('.', pos);
  return std::strtoll(json.c_str() + pos, nullptr, 10) * 100 +
         std::strtoll(json.c_str() + dot + 1, nullptr, 10);
}

std::string file_text(const std::string& path) {
  auto text = read_file(path);
  EXPECT_TRUE(text.ok()) << path;
  return text.ok() ? text.value() : "";
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

constexpr int kCount = 3000;

class GeneratorWorkload : public ::testing::TestWithParam<const char*> {};

TEST_P(GeneratorWorkload, IsDeterministicForASeed) {
  auto dir = TempDir::create("gen-det");
  ASSERT_TRUE(dir.ok());
  const std::string w = GetParam();
  auto gen = [&](const char* seed, const std::string& file, int count) {
    run_gen(*dir, {"--workload", w, "--count", std::to_string(count), "--seed", seed, "--users",
                   "500", "--out", dir->file(file)});
    return file_text(dir->file(file));
  };
  const std::string a = gen("7", "a.json", kCount);
  const std::string b = gen("7", "b.json", kCount);
  const std::string c = gen("8", "c.json", kCount);
  const std::string prefix = gen("7", "d.json", kCount / 3);
  ASSERT_EQ(lines_of(a).size(), static_cast<size_t>(kCount));
  EXPECT_EQ(a, b) << "same seed must give byte-identical output";
  EXPECT_NE(a, c) << "another seed must give other events";
  EXPECT_EQ(a.substr(0, prefix.size()), prefix) << "a shorter run is a prefix of a longer one";
}

TEST_P(GeneratorWorkload, SummaryMatchesWhatAConsumerReads) {
  auto dir = TempDir::create("gen-kafka");
  ASSERT_TRUE(dir.ok());
  const std::string w = GetParam();
  auto kafka = DevKafka::start({w + ":8"});
  ASSERT_TRUE(kafka.ok()) << kafka.error().to_string();
  const std::string summary =
      run_gen(*dir, {"--workload", w, "--count", std::to_string(kCount), "--seed", "3", "--users",
                     "500", "--brokers", (*kafka)->bootstrap(), "--topic", w, "--partitions", "8",
                     "--out", dir->file("events.json")});
  ASSERT_FALSE(summary.empty());
  auto messages = read_all((*kafka)->bootstrap(), w);
  ASSERT_TRUE(messages.ok()) << messages.error().to_string();

  EXPECT_EQ(json_int(summary, "events"), kCount);
  ASSERT_EQ(messages->size(), static_cast<size_t>(kCount));
  int64_t bytes = 0;
  std::multiset<std::string> consumed;
  for (const auto& m : *messages) {
    bytes += static_cast<int64_t>(m.value.size());
    consumed.insert(m.value);
    // Event i goes to partition i % 8: every partition got kCount / 8 events (3000 = 8 * 375).
  }
  EXPECT_EQ(json_int(summary, "bytes"), bytes);
  const auto written = lines_of(file_text(dir->file("events.json")));
  EXPECT_EQ(consumed, std::multiset<std::string>(written.begin(), written.end()))
      << "what Kafka holds equals the --out file";
  std::map<int32_t, int> per_partition;
  for (const auto& m : *messages) ++per_partition[m.partition];
  for (const auto& [p, n] : per_partition) EXPECT_EQ(n, kCount / 8) << "partition " << p;

  std::set<std::string> keys;
  std::set<std::string> users;
  if (w == "w1") {
    int64_t sum_port = 0;
    for (const auto& m : *messages) {
      keys.insert(json_string(m.value, "request_id"));
      sum_port += json_int(m.value, "port");
    }
    EXPECT_EQ(json_int(summary, "distinct_request_ids"), static_cast<int64_t>(keys.size()));
    EXPECT_EQ(json_int(summary, "sum_port"), sum_port);
  } else if (w == "w2") {
    for (const auto& m : *messages) {
      keys.insert(json_string(m.value, "event_id"));
      users.insert(json_string(m.value, "user_id"));
    }
    const int64_t duplicates = json_int(summary, "duplicates");
    EXPECT_EQ(duplicates, kCount - static_cast<int64_t>(keys.size()));
    EXPECT_GT(duplicates, kCount * 7 / 100) << "about 10% repeats";
    EXPECT_LT(duplicates, kCount * 13 / 100) << "about 10% repeats";
    EXPECT_EQ(json_int(summary, "distinct_event_ids"), static_cast<int64_t>(keys.size()));
    EXPECT_EQ(json_int(summary, "distinct_user_ids"), static_cast<int64_t>(users.size()));
    // A repeat is the original event byte for byte.
    std::map<std::string, std::string> first;
    for (const auto& line : written) {
      auto [it, inserted] = first.emplace(json_string(line, "event_id"), line);
      if (!inserted) {
        EXPECT_EQ(it->second, line);
      }
    }
  } else if (w == "w3-orders") {
    int64_t with_user = 0;
    int64_t sum = 0;
    std::set<std::string> known;
    {
      auto udir = TempDir::create("gen-users");
      ASSERT_TRUE(udir.ok());
      run_gen(*udir, {"--workload", "w3-users", "--count", "500", "--seed", "3", "--out",
                      udir->file("users.json")});
      for (const auto& line : lines_of(file_text(udir->file("users.json"))))
        known.insert(json_string(line, "user_id"));
    }
    ASSERT_EQ(known.size(), 500u);
    for (const auto& m : *messages) {
      keys.insert(json_string(m.value, "order_id"));
      const std::string user = json_string(m.value, "user_id");
      users.insert(user);
      sum += json_cents(m.value, "amount");
      if (known.count(user) != 0) ++with_user;
    }
    EXPECT_EQ(keys.size(), static_cast<size_t>(kCount));
    EXPECT_EQ(json_int(summary, "orders_with_user"), with_user);
    EXPECT_LT(with_user, kCount) << "some orders have no user";
    EXPECT_EQ(json_int(summary, "sum_amount_cents"), sum);
    EXPECT_EQ(json_int(summary, "distinct_user_ids"), static_cast<int64_t>(users.size()));
  } else if (w == "w3-users") {
    for (const auto& m : *messages) keys.insert(json_string(m.value, "user_id"));
    EXPECT_EQ(json_int(summary, "distinct_user_ids"), static_cast<int64_t>(keys.size()));
  } else if (w == "w4") {
    int64_t filtered = 0;
    int64_t sum_filtered = 0;
    for (const auto& m : *messages) {
      keys.insert(json_string(m.value, "event_id"));
      const int64_t cents = json_cents(m.value, "amount");
      if (cents > 1000 && json_string(m.value, "status") == "paid") {
        ++filtered;
        sum_filtered += cents;
      }
      EXPECT_FALSE(json_string(m.value, "url").empty());
      EXPECT_FALSE(json_string(m.value, "user_agent").empty());
    }
    EXPECT_EQ(keys.size(), static_cast<size_t>(kCount));
    EXPECT_EQ(json_int(summary, "rows_after_filter"), filtered);
    EXPECT_EQ(json_int(summary, "sum_amount_cents_filtered"), sum_filtered);
    EXPECT_GT(filtered, 0);
    EXPECT_LT(filtered, kCount);
  }
}

INSTANTIATE_TEST_SUITE_P(Workloads, GeneratorWorkload,
                         ::testing::Values("w1", "w2", "w3-orders", "w3-users", "w4"),
                         [](const ::testing::TestParamInfo<const char*>& param_info) {
                           std::string name = param_info.param;
                           for (char& c : name)
                             if (c == '-') c = '_';
                           return name;
                         });

TEST(GeneratorOptions, StampAndPadAppendFields) {
  auto dir = TempDir::create("gen-opts");
  ASSERT_TRUE(dir.ok());
  run_gen(*dir, {"--workload", "w2", "--count", "5", "--pad", "100", "--stamp", "--rate", "1000/s",
                 "--out", dir->file("e.json")});
  for (const auto& line : lines_of(file_text(dir->file("e.json")))) {
    EXPECT_EQ(json_string(line, "padding").size(), 100u);
    EXPECT_GT(json_int(line, "produced_us"), 1'700'000'000'000'000);
    EXPECT_EQ(line.back(), '}');
  }
}

}  // namespace
}  // namespace sluice::testing
