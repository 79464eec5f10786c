// Rules that connect sections of the file: every source_id a transform or the join names must
// exist; dedup and join keys, join output fields and mapping names must be fields of the
// schema at that point of the flow; column types must be ClickHouse types Sluice can write.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "config/did_you_mean.h"
#include "config/expression_checks.h"
#include "config/node_reader.h"
#include "config/pipeline_checks.h"
#include "config/text_util.h"
#include "native/encoder_factory.h"
#include "native/type_parser.h"

namespace sluice::config {
namespace {

using Step = std::variant<std::string_view, size_t>;

// The path and position of a value reached from the root by keys and list indexes.
Where locate(const YAML::Node& root, const Where& root_at, std::initializer_list<Step> steps) {
  // yaml-cpp's Node::operator= writes into the referenced node; reset() rebinds.
  YAML::Node node;
  node.reset(root);
  Where at = root_at;
  for (const Step& step : steps) {
    if (const auto* key = std::get_if<std::string_view>(&step)) {
      at = where_of(node, at, *key);
      node.reset(value_of(node, *key));
    } else {
      const size_t index = std::get<size_t>(step);
      const YAML::Node item = node.IsSequence() && index < node.size()
                                  ? node[index]
                                  : YAML::Node(YAML::NodeType::Undefined);
      at = where_of_item(item, at, index);
      node.reset(item);
    }
  }
  return at;
}

// The fields a source's records have at some point of the flow, and where they came from.
struct Schema {
  std::vector<std::string> names;
  std::string origin;        // "source \"orders\" (sources[0].schema_fields)", ...
  bool from_source = false;  // names are the source's schema_fields (no step changed them)
};

bool has(const Schema& schema, std::string_view name) {
  for (const std::string& field : schema.names) {
    if (field == name) return true;
  }
  return false;
}

std::string field_hint(const Schema& schema, std::string_view name, std::string_view verb) {
  std::vector<std::string_view> candidates(schema.names.begin(), schema.names.end());
  if (auto guess = closest_match(name, candidates)) return "did you mean " + quoted(*guess) + "?";
  const std::string choices = std::string(verb) + " one of: " + join(candidates, ", ");
  return schema.from_source ? "add it to schema_fields, or " + choices : choices;
}

std::string source_hint(const Pipeline& pipeline, std::string_view id) {
  std::vector<std::string_view> ids;
  for (const KafkaSource& source : pipeline.sources) ids.push_back(source.source_id);
  if (auto guess = closest_match(id, ids)) return "did you mean " + quoted(*guess) + "?";
  return "use one of the sources' source_id: " + join(ids, ", ");
}

class ReferenceChecker {
 public:
  ReferenceChecker(const YAML::Node& root, const Where& at, Diagnostics& diags,
                   const Pipeline& pipeline)
      : root_(root), at_(at), diags_(diags), pipeline_(pipeline), expressions_(pipeline) {
    for (size_t i = 0; i < pipeline.sources.size(); ++i) {
      const KafkaSource& source = pipeline.sources[i];
      Schema schema{{},
                    "source " + quoted(source.source_id) + " (sources[" + std::to_string(i) +
                        "].schema_fields)",
                    true};
      for (const SchemaField& field : source.schema_fields) schema.names.push_back(field.name);
      schemas_.emplace(source.source_id, std::move(schema));
    }
  }

  void run() {
    for (size_t i = 0; i < pipeline_.transforms.size(); ++i) check_transform(i);
    std::optional<Schema> upstream;
    if (pipeline_.join.enabled) {
      upstream = check_join();
    } else if (pipeline_.sources.size() == 1) {
      if (const Schema* schema = schema_of(pipeline_.sources[0].source_id)) upstream = *schema;
    }
    check_mapping(upstream);
  }

 private:
  const Schema* schema_of(const std::string& source_id) const {
    auto it = schemas_.find(source_id);
    return it == schemas_.end() ? nullptr : &it->second;
  }

  // Reports an unknown source_id at `where`; true when the id is known.
  bool known_source(const std::string& id, const Where& where) {
    if (id.empty()) return false;  // reported by the field itself
    if (schema_of(id) != nullptr) return true;
    if (pipeline_.sources.empty()) return false;
    diags_.error(where, quoted(id) + " is not the source_id of any source",
                 source_hint(pipeline_, id));
    return false;
  }

  // Whether transforms[i].type was a valid type (else the model holds the default).
  bool has_valid_type(size_t i) const {
    const YAML::Node transforms = value_of(root_, "transforms");
    const YAML::Node type = transforms.IsSequence() && i < transforms.size()
                                ? value_of(transforms[i], "type")
                                : YAML::Node(YAML::NodeType::Undefined);
    if (!type.IsScalar()) return false;
    const std::string name = to_lower(trim(type.Scalar()));
    return name == "dedup" || name == "filter" || name == "stateless";
  }

  void check_transform(size_t i) {
    const Transform& step = pipeline_.transforms[i];
    if (!has_valid_type(i)) return;
    const Where source_at = locate(root_, at_, {"transforms", i, "source_id"});
    if (!known_source(step.source_id, source_at)) return;
    const Schema& schema = schemas_.at(step.source_id);
    const std::string index = "transforms[" + std::to_string(i) + "]";
    if (step.type == TransformType::Dedup) {
      auto [first, inserted] = first_dedup_.emplace(step.source_id, i);
      if (!inserted) {
        diags_.error(locate(root_, at_, {"transforms", i, "type"}),
                     "source " + quoted(step.source_id) + " already has a dedup (transforms[" +
                         std::to_string(first->second) + "])",
                     "keep one dedup per source");
      }
      if (!step.dedup.key.empty() && !has(schema, step.dedup.key)) {
        diags_.error(locate(root_, at_, {"transforms", i, "config", "key"}),
                     quoted(step.dedup.key) + " is not a field of " + schema.origin,
                     field_hint(schema, step.dedup.key, "use"));
      }
    } else if (step.type == TransformType::Filter) {
      expressions_.check_filter(step.source_id, step.filter.expression,
                                locate(root_, at_, {"transforms", i, "config", "expression"}),
                                diags_);
    } else if (step.type == TransformType::Stateless) {
      std::vector<Where> expression_at;
      for (size_t k = 0; k < step.stateless.transforms.size(); ++k) {
        expression_at.push_back(
            locate(root_, at_, {"transforms", i, "config", "transforms", k, "expression"}));
      }
      expressions_.check_stateless(step.source_id, step.stateless, expression_at, diags_);
      Schema outputs{{}, "the outputs of " + index + " (stateless)"};
      std::map<std::string, size_t> first_with_name;
      for (size_t k = 0; k < step.stateless.transforms.size(); ++k) {
        const std::string& name = step.stateless.transforms[k].output_name;
        if (name.empty()) continue;
        auto [first, inserted] = first_with_name.emplace(name, k);
        if (!inserted) {
          diags_.error(
              locate(root_, at_, {"transforms", i, "config", "transforms", k, "output_name"}),
              quoted(name) + " is already the output_name of config.transforms[" +
                  std::to_string(first->second) + "]",
              "give each output its own name");
          continue;
        }
        outputs.names.push_back(name);
      }
      schemas_[step.source_id] = std::move(outputs);
    }
  }

  void check_side(std::string_view side, const JoinSide& join_side) {
    if (!known_source(join_side.source_id, locate(root_, at_, {"join", side, "source_id"}))) return;
    const Schema& schema = schemas_.at(join_side.source_id);
    if (!join_side.key.empty() && !has(schema, join_side.key)) {
      diags_.error(locate(root_, at_, {"join", side, "key"}),
                   quoted(join_side.key) + " is not a field of " + schema.origin,
                   field_hint(schema, join_side.key, "use"));
    }
  }

  Schema check_join() {
    const JoinConfig& join = pipeline_.join;
    Schema output{{}, "the join's output fields (join.output_fields)"};
    if (pipeline_.sources.size() != 2) {
      diags_.error(
          locate(root_, at_, {"join", "enabled"}),
          "a join needs exactly 2 sources, " + std::to_string(pipeline_.sources.size()) + " given",
          pipeline_.sources.size() < 2 ? "add the second source to sources"
                                       : "keep the two sources the join reads");
    }
    check_side("left_source", join.left);
    check_side("right_source", join.right);
    if (!join.left.source_id.empty() && join.left.source_id == join.right.source_id) {
      diags_.error(locate(root_, at_, {"join", "right_source", "source_id"}),
                   "is the same source as left_source; a join reads two different sources",
                   "use the other source here");
    }
    std::map<std::string, size_t> first_with_name;
    for (size_t i = 0; i < join.output_fields.size(); ++i) {
      const JoinOutputField& field = join.output_fields[i];
      if (!known_source(field.source_id,
                        locate(root_, at_, {"join", "output_fields", i, "source_id"})))
        continue;
      const Schema& schema = schemas_.at(field.source_id);
      if (!field.name.empty() && !has(schema, field.name)) {
        diags_.error(locate(root_, at_, {"join", "output_fields", i, "name"}),
                     quoted(field.name) + " is not a field of " + schema.origin,
                     field_hint(schema, field.name, "use"));
      }
      if (field.output_name.empty()) continue;
      auto [first, inserted] = first_with_name.emplace(field.output_name, i);
      if (!inserted) {
        diags_.error(locate(root_, at_, {"join", "output_fields", i}),
                     "the output name " + quoted(field.output_name) +
                         " is already used by join.output_fields[" + std::to_string(first->second) +
                         "]",
                     "set a distinct output_name");
        continue;
      }
      output.names.push_back(field.output_name);
    }
    return output;
  }

  void check_mapping(const std::optional<Schema>& upstream) {
    const std::vector<MappingEntry>& mapping = pipeline_.sink.mapping;
    for (size_t i = 0; i < mapping.size(); ++i) {
      const MappingEntry& entry = mapping[i];
      if (upstream && !upstream->names.empty() && !entry.name.empty() &&
          !has(*upstream, entry.name)) {
        diags_.error(locate(root_, at_, {"sink", "mapping", i, "name"}),
                     quoted(entry.name) + " is not a field of " + upstream->origin,
                     field_hint(*upstream, entry.name, "map"));
      }
      if (!entry.column_type.empty()) check_column_type(i, entry.column_type);
    }
  }

  void check_column_type(size_t i, const std::string& column_type) {
    const Where where = locate(root_, at_, {"sink", "mapping", i, "column_type"});
    auto parsed = native::parse_type(column_type);
    if (!parsed.ok()) {
      diags_.error(where,
                   quoted(column_type) + " is not a ClickHouse type: " + parsed.error().message(),
                   "use the column's type as SHOW CREATE TABLE prints it, e.g. String, Int64, "
                   "Float64, DateTime64(3), Nullable(String)");
      return;
    }
    auto encoder = native::make_encoder(parsed.value());
    if (!encoder.ok()) {
      diags_.error(where,
                   quoted(column_type) +
                       " is a ClickHouse type Sluice cannot write: " + encoder.error().message(),
                   "change the column to a supported type (see docs/configuration.md)");
    }
  }

  const YAML::Node& root_;
  const Where& at_;
  Diagnostics& diags_;
  const Pipeline& pipeline_;
  ExpressionChecker expressions_;          // filter/stateless expressions against the step's fields
  std::map<std::string, Schema> schemas_;  // by source_id, as of the step being checked
  std::map<std::string, size_t> first_dedup_;
};

}  // namespace

void check_references(const YAML::Node& root, const Where& at, Diagnostics& diags,
                      const Pipeline& out) {
  ReferenceChecker(root, at, diags, out).run();
}

}  // namespace sluice::config
