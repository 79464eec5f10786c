#include "config/librdkafka_names.h"

#include <librdkafka/rdkafka.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <utility>

#include "config/did_you_mean.h"
#include "config/text_util.h"

namespace sluice::config {
namespace {

// The table rd_kafka_conf_properties_show() prints: `name | C/P | range | default | ...`,
// where C/P is C (consumer), P (producer) or * (both), with a header row and `---` rows.
std::vector<std::string> read_property_table() {
  char* buffer = nullptr;
  size_t size = 0;
  FILE* out = open_memstream(&buffer, &size);
  if (out == nullptr) return {};
  rd_kafka_conf_properties_show(out);
  std::fclose(out);
  std::unique_ptr<char, decltype(&std::free)> owned(buffer, &std::free);
  std::vector<std::string> names;
  std::string_view text(buffer, size);
  while (!text.empty()) {
    const size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    const size_t bar = line.find('|');
    if (bar == std::string_view::npos) continue;
    const std::string_view name = trim(line.substr(0, bar));
    std::string_view rest = line.substr(bar + 1);
    const std::string_view scope = trim(rest.substr(0, rest.find('|')));
    if (name.empty() || name == "Property" || name.find(' ') != std::string_view::npos ||
        name.starts_with("-"))
      continue;
    if (scope != "C" && scope != "*") continue;
    names.emplace_back(name);
  }
  return names;
}

// Set from the pipeline or required by Sluice's delivery guarantee (offsets are committed
// only after ClickHouse acknowledged the rows), so they cannot be overridden.
constexpr std::pair<std::string_view, std::string_view> kReserved[] = {
    {"group.id", "the consumer group is sluice-<pipeline_id>"},
    {"enable.auto.commit", "Sluice commits offsets itself, after ClickHouse acknowledged"},
    {"enable.auto.offset.store", "Sluice stores offsets itself, after ClickHouse acknowledged"},
    {"bootstrap.servers", "set brokers instead"},
    {"metadata.broker.list", "set brokers instead"},
    {"security.protocol", "set protocol instead"},
    {"sasl.mechanisms", "set mechanism instead"},
    {"sasl.mechanism", "set mechanism instead"},
    {"sasl.username", "set username instead"},
    {"sasl.password", "set password instead"},
    {"auto.offset.reset", "set consumer_group_initial_offset instead"},
};

}  // namespace

const std::vector<std::string>& librdkafka_consumer_property_names() {
  static const std::vector<std::string> names = read_property_table();
  return names;
}

bool check_librdkafka_property(std::string_view name, std::string& problem, std::string& hint) {
  for (const auto& [reserved, why] : kReserved) {
    if (name == reserved) {
      problem = "cannot be set here: " + std::string(why);
      hint = "remove it from librdkafka";
      return false;
    }
  }
  const std::vector<std::string>& names = librdkafka_consumer_property_names();
  for (const std::string& known : names) {
    if (known == name) return true;
  }
  std::vector<std::string_view> candidates(names.begin(), names.end());
  problem = "unknown librdkafka consumer property " + quoted(name);
  if (auto guess = closest_match(name, candidates)) {
    hint = "did you mean " + quoted(*guess) + "?";
  } else {
    hint = "see librdkafka's CONFIGURATION.md for the consumer properties";
  }
  return false;
}

}  // namespace sluice::config
