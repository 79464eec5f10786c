#include "config/v2_migration.h"

#include <string>
#include <vector>

#include "base/base64.h"
#include "config/node_reader.h"
#include "config/text_util.h"

namespace sluice::config {
namespace {

// yaml-cpp's Node::operator= writes into the referenced node; clone() gives an independent
// copy, so the migrated tree never aliases (or changes) the V2 document.
YAML::Node copy(const YAML::Node& node) {
  if (!node.IsDefined()) return YAML::Node(YAML::NodeType::Null);
  return YAML::Clone(node);
}

std::string text_of(const YAML::Node& node) {
  return node.IsScalar() ? std::string(trim(node.Scalar())) : std::string();
}

bool enabled(const YAML::Node& section) {
  const YAML::Node flag = value_of(section, "enabled");
  return flag.IsScalar() && equals_ignoring_case(trim(flag.Scalar()), "true");
}

// V2 stored the sink password in base64; a value that does not decode to text is kept.
std::string v2_password(const std::string& given) {
  std::string decoded;
  if (given.empty() || !base64_decode(given, decoded) || decoded.empty()) return given;
  for (unsigned char c : decoded) {
    if (c < 0x20 || c == 0x7f) return given;
  }
  return decoded;
}

struct V2Field {
  std::string source_id, name, type, column_name, column_type;
};

std::vector<V2Field> schema_fields_of(const YAML::Node& root) {
  std::vector<V2Field> out;
  const YAML::Node fields = value_of(value_of(root, "schema"), "fields");
  if (!fields.IsSequence()) return out;
  for (const auto& field : fields) {
    out.push_back({text_of(value_of(field, "source_id")), text_of(value_of(field, "name")),
                   text_of(value_of(field, "type")), text_of(value_of(field, "column_name")),
                   text_of(value_of(field, "column_type"))});
  }
  return out;
}

}  // namespace

bool is_v2_document(const YAML::Node& root) {
  const YAML::Node version = value_of(root, "version");
  if (version.IsScalar() && equals_ignoring_case(trim(version.Scalar()), "v2")) return true;
  if (!is_absent(version)) return false;
  for (std::string_view key :
       {"source", "pipeline_resources", "stateless_transformation", "filter", "schema"}) {
    if (value_of(root, key).IsDefined()) return true;
  }
  return false;
}

YAML::Node migrate_v2(const YAML::Node& root, const Where& at, Diagnostics& diags) {
  YAML::Node out(YAML::NodeType::Map);
  out["version"] = "v3";
  for (const char* key : {"pipeline_id", "name", "metadata"}) {
    if (value_of(root, key).IsDefined()) out[key] = copy(value_of(root, key));
  }
  const std::vector<V2Field> schema = schema_fields_of(root);

  // source.topics[] -> sources[]; per-topic deduplication -> dedup transforms.
  const YAML::Node source = value_of(root, "source");
  const YAML::Node topics = value_of(source, "topics");
  YAML::Node sources(YAML::NodeType::Sequence);
  YAML::Node transforms(YAML::NodeType::Sequence);
  std::vector<std::string> source_ids;
  if (!source.IsDefined() && value_of(root, "sources").IsDefined()) {
    diags.error(where_of(root, at, "version"),
                "version is v2, but the file has the V3 layout (sources[])", "set version: v3");
    return out;
  }
  if (!topics.IsSequence() || topics.size() == 0) {
    diags.error(where_of(source, where_of(root, at, "source"), "topics"),
                "a V2 source needs topics[] to be migrated",
                "list the topics, each {name, ...}, or write the file in V3");
  } else {
    for (const auto& topic : topics) {
      YAML::Node s(YAML::NodeType::Map);
      const std::string name = text_of(value_of(topic, "name"));
      std::string id = text_of(value_of(topic, "id"));
      if (id.empty()) id = name;
      source_ids.push_back(id);
      s["type"] = value_of(source, "type").IsDefined() ? copy(value_of(source, "type"))
                                                       : YAML::Node("kafka");
      s["source_id"] = id;
      if (value_of(source, "connection_params").IsDefined())
        s["connection_params"] = copy(value_of(source, "connection_params"));
      if (value_of(topic, "name").IsDefined()) s["topic"] = copy(value_of(topic, "name"));
      if (value_of(topic, "consumer_group_initial_offset").IsDefined()) {
        s["consumer_group_initial_offset"] = copy(value_of(topic, "consumer_group_initial_offset"));
      }
      YAML::Node fields(YAML::NodeType::Sequence);
      for (const V2Field& field : schema) {
        if (!field.source_id.empty() && field.source_id != id && field.source_id != name) continue;
        YAML::Node f(YAML::NodeType::Map);
        f["name"] = field.name;
        f["type"] = field.type;
        fields.push_back(f);
      }
      s["schema_fields"] = fields;
      sources.push_back(s);

      const YAML::Node dedup = value_of(topic, "deduplication");
      if (enabled(dedup)) {
        YAML::Node t(YAML::NodeType::Map);
        t["type"] = "dedup";
        t["source_id"] = id;
        YAML::Node config(YAML::NodeType::Map);
        const YAML::Node key = value_of(dedup, "id_field").IsDefined() ? value_of(dedup, "id_field")
                                                                       : value_of(dedup, "key");
        config["key"] = copy(key);
        config["time_window"] = copy(value_of(dedup, "time_window"));
        t["config"] = config;
        transforms.push_back(t);
      }
    }
  }
  out["sources"] = sources;
  const std::string first_id = source_ids.empty() ? std::string() : source_ids.front();

  // filter{enabled, expression}: V2 dropped matching records, V3 keeps them.
  const YAML::Node filter = value_of(root, "filter");
  if (enabled(filter)) {
    YAML::Node t(YAML::NodeType::Map);
    t["type"] = "filter";
    t["source_id"] = first_id;
    YAML::Node config(YAML::NodeType::Map);
    const std::string expression = text_of(value_of(filter, "expression"));
    config["expression"] = "!(" + expression + ")";
    t["config"] = config;
    transforms.push_back(t);
    diags.warning(where_of(filter, where_of(root, at, "filter"), "expression"),
                  "V2 filters drop the records that match, V3 filters keep them; the migrated "
                  "expression is negated: !(" +
                      expression + ")",
                  "check the filter in the output of `sluice migrate`");
  }
  // stateless_transformation{enabled, source_id, config.transform[]}.
  const YAML::Node stateless = value_of(root, "stateless_transformation");
  if (enabled(stateless)) {
    YAML::Node t(YAML::NodeType::Map);
    t["type"] = "stateless";
    const std::string id = text_of(value_of(stateless, "source_id"));
    t["source_id"] = id.empty() ? first_id : id;
    YAML::Node config(YAML::NodeType::Map);
    config["transforms"] = copy(value_of(value_of(stateless, "config"), "transform"));
    t["config"] = config;
    transforms.push_back(t);
  }
  if (transforms.size() > 0) out["transforms"] = transforms;

  // join.sources[]{source_id, join_key, time_window, orientation} -> left/right_source.
  const YAML::Node join = value_of(root, "join");
  const bool joined = enabled(join);
  if (joined) {
    YAML::Node j(YAML::NodeType::Map);
    j["enabled"] = true;
    j["type"] =
        value_of(join, "type").IsDefined() ? copy(value_of(join, "type")) : YAML::Node("temporal");
    const YAML::Node sides = value_of(join, "sources");
    for (size_t i = 0; sides.IsSequence() && i < sides.size(); ++i) {
      const YAML::Node side = sides[i];
      const std::string orientation = to_lower(text_of(value_of(side, "orientation")));
      YAML::Node s(YAML::NodeType::Map);
      s["source_id"] = copy(value_of(side, "source_id"));
      s["key"] = copy(value_of(side, "join_key"));
      s["time_window"] = copy(value_of(side, "time_window"));
      if (orientation == "left" || orientation == "right") {
        j[orientation + "_source"] = s;
      } else {
        diags.error(where_of_item(side, where_of(join, where_of(root, at, "join"), "sources"), i),
                    "orientation must be left or right to be migrated",
                    "set orientation: left on one side and right on the other");
      }
    }
    YAML::Node outputs(YAML::NodeType::Sequence);
    for (const V2Field& field : schema) {
      YAML::Node o(YAML::NodeType::Map);
      o["source_id"] = field.source_id.empty() ? first_id : field.source_id;
      o["name"] = field.name;
      o["output_name"] = field.column_name.empty() ? field.name : field.column_name;
      if (!field.column_name.empty()) outputs.push_back(o);
    }
    j["output_fields"] = outputs;
    out["join"] = j;
  }

  // sink: flat or nested connection fields; table_mapping[] (preferred), mapping[], or the
  // columns of schema.fields.
  const YAML::Node sink = value_of(root, "sink");
  YAML::Node s(YAML::NodeType::Map);
  s["type"] = "clickhouse";
  const YAML::Node nested = value_of(sink, "connection_params");
  YAML::Node connection(YAML::NodeType::Map);
  for (const char* key : {"host", "port", "http_port", "database", "username", "password", "secure",
                          "skip_certificate_verification"}) {
    const YAML::Node value =
        value_of(nested, key).IsDefined() ? value_of(nested, key) : value_of(sink, key);
    if (!value.IsDefined()) continue;
    connection[key] = std::string(key) == "password" && value.IsScalar()
                          ? YAML::Node(v2_password(value.Scalar()))
                          : copy(value);
  }
  s["connection_params"] = connection;
  for (const char* key : {"table", "max_batch_size", "max_delay_time"}) {
    if (value_of(sink, key).IsDefined()) s[key] = copy(value_of(sink, key));
  }
  YAML::Node mapping(YAML::NodeType::Sequence);
  const YAML::Node given = value_of(sink, "table_mapping").IsDefined()
                               ? value_of(sink, "table_mapping")
                               : value_of(sink, "mapping");
  if (given.IsSequence() && given.size() > 0) {
    for (const auto& entry : given) {
      YAML::Node m(YAML::NodeType::Map);
      const YAML::Node name = value_of(entry, "field_name").IsDefined()
                                  ? value_of(entry, "field_name")
                                  : value_of(entry, "name");
      m["name"] = joined && value_of(entry, "column_name").IsDefined()
                      ? copy(value_of(entry, "column_name"))
                      : copy(name);
      m["column_name"] = copy(value_of(entry, "column_name"));
      m["column_type"] = copy(value_of(entry, "column_type"));
      mapping.push_back(m);
    }
  } else {
    for (const V2Field& field : schema) {
      if (field.column_name.empty()) continue;
      YAML::Node m(YAML::NodeType::Map);
      m["name"] = joined ? field.column_name : field.name;
      m["column_name"] = field.column_name;
      m["column_type"] = field.column_type;
      mapping.push_back(m);
    }
  }
  s["mapping"] = mapping;
  out["sink"] = s;

  if (value_of(root, "pipeline_resources").IsDefined())
    out["resources"] = copy(value_of(root, "pipeline_resources"));
  return out;
}

}  // namespace sluice::config
