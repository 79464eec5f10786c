#include "config/field_readers.h"

#include "config/did_you_mean.h"
#include "config/field_builders.h"
#include "config/field_type.h"
#include "config/librdkafka_names.h"
#include "config/node_writer.h"
#include "config/text_util.h"

namespace sluice::config {
namespace {

bool is_lower_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// A valid id close to an invalid one ("My_Pipe" -> "my-pipe"), to offer in the hint.
std::string suggest_pipeline_id(std::string_view given) {
  std::string out;
  for (char c : to_lower(given)) {
    const char mapped = is_lower_alnum(c) ? c : '-';
    if (mapped == '-' && (out.empty() || out.back() == '-')) continue;
    out += mapped;
  }
  while (!out.empty() && (out.front() < 'a' || out.front() > 'z')) out.erase(out.begin());
  while (!out.empty() && out.back() == '-') out.pop_back();
  if (out.size() > 40) out.resize(40);
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

const ObjectSpec<Pipeline>& metadata_spec() {
  static const ObjectSpec<Pipeline> spec{
      .path = "metadata",
      .fields = {text_list_field({"tags", Need::Optional, "", "labels for the pipeline"},
                                 &Pipeline::tags)}};
  return spec;
}

}  // namespace

bool is_valid_pipeline_id(std::string_view id) {
  if (id.size() < 5 || id.size() > 40) return false;
  if (id.front() < 'a' || id.front() > 'z' || !is_lower_alnum(id.back())) return false;
  for (char c : id) {
    if (!is_lower_alnum(c) && c != '-') return false;
  }
  return id.find("--") == std::string_view::npos;
}

void read_version(const YAML::Node& value, const Where& at, Diagnostics& diags, Pipeline& out) {
  auto text = read_text(value, at, diags, {.trim = true});
  if (!text) return;
  // An empty version is v3, as in the reference. V2 files are recognised by the loader.
  if (text->empty() || equals_ignoring_case(*text, "v3")) {
    out.version = "v3";
    return;
  }
  diags.error(at, "unsupported pipeline file version " + quoted(*text),
              "Sluice reads V3 pipeline files: set version: v3");
}

void read_pipeline_id(const YAML::Node& value, const Where& at, Diagnostics& diags, Pipeline& out) {
  auto text = read_text(value, at, diags, {.trim = true});
  if (!text) return;
  const std::string& id = *text;
  if (is_valid_pipeline_id(id)) {
    out.pipeline_id = id;
    return;
  }
  bool shape_ok =
      !id.empty() && id.front() >= 'a' && id.front() <= 'z' && is_lower_alnum(id.back());
  for (char c : id) shape_ok = shape_ok && (is_lower_alnum(c) || c == '-');
  std::string why;
  if (id.size() < 5) {
    why = "it is too short (" + std::to_string(id.size()) + " characters, at least 5 are needed)";
  } else if (id.size() > 40) {
    why = "it is too long (" + std::to_string(id.size()) + " characters, at most 40 are allowed)";
  } else if (!shape_ok) {
    why =
        "it may only contain lowercase letters, digits and '-', start with a letter and end "
        "with a letter or digit";
  } else {
    why = "it must not contain \"--\"";
  }
  const std::string suggestion = suggest_pipeline_id(id);
  diags.error(at, quoted(id) + " is not a valid pipeline_id: " + why,
              is_valid_pipeline_id(suggestion) ? "try " + quoted(suggestion)
                                               : "use e.g. \"orders-to-clickhouse\"");
}

void read_resources(const YAML::Node& value, const Where& at, Diagnostics& diags, Pipeline& out) {
  // Kubernetes sizing means nothing to a single process; any content (maxAge or max_age, ...)
  // is accepted as long as the section is an object, and kept (as JSON) so that tools can
  // hand it on.
  if (!value.IsMap()) {
    diags.error(at, "expected an object (key: value pairs), got " + describe(value));
    return;
  }
  out.resources = to_json(value);
}

void read_join_type(const YAML::Node& value, const Where& at, Diagnostics& diags, JoinConfig& out) {
  const std::vector<std::string_view> kinds = {"temporal"};
  auto text = read_text(value, at, diags, {.trim = true});
  if (!text) return;
  if (text->empty() || equals_ignoring_case(*text, "temporal")) {
    out.type = "temporal";
    return;
  }
  auto guess = closest_match(*text, kinds);
  diags.error(at, quoted(*text) + " is not a supported join type (only temporal is)",
              guess ? "did you mean \"temporal\"?" : "use type: temporal");
}

void read_librdkafka_properties(const YAML::Node& value, const Where& at, Diagnostics& diags,
                                KafkaConnection& out) {
  if (!value.IsMap()) {
    diags.error(
        at, "expected an object of librdkafka properties (name: value), got " + describe(value));
    return;
  }
  std::vector<std::string_view> seen;
  for (const auto& entry : value) {
    if (!entry.first.IsScalar()) {
      diags.error(with_position(at, entry.first), "property names must be plain text");
      continue;
    }
    const std::string name(trim(entry.first.Scalar()));
    const Where name_at = with_position(at.key(name, at.line, at.column), entry.first);
    if (!entry.second.IsScalar()) {
      diags.error(name_at, "expected a property value (text, number or boolean), got " +
                               describe(entry.second));
      continue;
    }
    std::string problem, hint;
    if (!check_librdkafka_property(name, problem, hint)) {
      diags.error(name_at, problem, hint);
      continue;
    }
    bool repeated = false;
    for (const auto& [given, unused] : out.librdkafka) repeated = repeated || given == name;
    if (repeated) {
      diags.error(name_at, "property is given more than once", "keep one of them");
      continue;
    }
    out.librdkafka.emplace_back(name, entry.second.Scalar());
  }
}

void read_metadata(const YAML::Node& value, const Where& at, Diagnostics& diags, Pipeline& out) {
  read_object(metadata_spec(), value, at, diags, out);
}

void read_source_type(const YAML::Node& value, const Where& at, Diagnostics& diags,
                      KafkaSource& out) {
  auto text = read_text(value, at, diags, {.trim = true});
  if (!text) return;
  if (equals_ignoring_case(*text, "kafka")) {
    out.type = "kafka";
  } else if (to_lower(*text).starts_with("otlp.")) {
    diags.error(at, "OTLP sources are not supported; Sluice reads from Kafka",
                "send the data to a Kafka topic and use type: kafka");
  } else {
    const std::vector<std::string_view> kinds = {"kafka"};
    auto guess = closest_match(*text, kinds);
    diags.error(at, quoted(*text) + " is not a supported source type (only kafka is)",
                guess ? "did you mean \"kafka\"?" : "use type: kafka");
  }
}

void read_schema_version(const YAML::Node& value, const Where& at, Diagnostics& diags,
                         KafkaSource&) {
  if (read_text(value, at, diags)) {
    diags.warning(at, "ignored: it only applies to a schema registry, which is not supported yet",
                  "remove it");
  }
}

void read_field_type(const YAML::Node& value, const Where& at, Diagnostics& diags,
                     SchemaField& out) {
  if (auto type = read_type_name(value, at, diags)) {
    out.type = type->first;
    out.declared_type = type->second;
  }
}

void read_output_type(const YAML::Node& value, const Where& at, Diagnostics& diags,
                      StatelessOutput& out) {
  if (auto type = read_type_name(value, at, diags)) {
    out.output_type = type->first;
    out.declared_output_type = type->second;
  }
}

std::optional<std::pair<FieldType, std::string>> read_type_name(const YAML::Node& value,
                                                                const Where& at,
                                                                Diagnostics& diags) {
  auto text = read_text(
      value, at, diags,
      {.non_blank = true, .trim = true, .blank_hint = "use one of " + accepted_field_type_list()});
  if (!text) return std::nullopt;
  if (auto type = parse_field_type(*text)) return std::pair{*type, *text};
  const std::vector<std::string_view> spellings = accepted_field_type_spellings();
  auto guess = closest_match(*text, spellings);
  diags.error(
      at, quoted(*text) + " is not a known field type",
      guess ? "did you mean " + quoted(*guess) + "?" : "use one of " + accepted_field_type_list());
  return std::nullopt;
}

void read_skip_auth(const YAML::Node& value, const Where& at, Diagnostics& diags,
                    KafkaConnection&) {
  if (read_bool(value, at, diags)) {
    diags.warning(at, "ignored: legacy key; authentication follows mechanism",
                  "remove it, and use mechanism: NO_AUTH for no authentication");
  }
}

void read_clickhouse_host(const YAML::Node& value, const Where& at, Diagnostics& diags,
                          ClickHouseConnection& out) {
  auto text = read_text(value, at, diags,
                        {.non_blank = true,
                         .trim = true,
                         .blank_hint = "set it to the ClickHouse server's host name or address"});
  if (!text) return;
  const size_t scheme_end = text->find("://");
  if (scheme_end != std::string::npos) {
    std::string bare = text->substr(scheme_end + 3);
    bare = bare.substr(0, bare.find_first_of(":/"));
    diags.error(at, "must be a host name without a scheme, got " + quoted(*text),
                "write host: " + quoted(bare) + " and put the port in port");
    return;
  }
  out.host = *text;
}

}  // namespace sluice::config
