#pragma once

#include <yaml-cpp/yaml.h>

#include <chrono>
#include <functional>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/diagnostic.h"
#include "config/node_reader.h"

// The declarative building blocks of the pipeline file format. Every option is one FieldSpec
// row (key, type, default, documentation, check and where it is stored), grouped into one
// ObjectSpec per object of the file. The same rows drive parsing, validation, the wording of
// errors ("add \"table\": <doc>") and the generated reference (config/reference_doc.h), so an
// option is declared once. The tables themselves live in config/pipeline_spec.cpp.
namespace sluice::config {

enum class Need { Optional, Required };

struct FieldInfo {
  std::string_view key = {};
  Need need = Need::Optional;
  std::string_view default_value = {};  // as documented; empty when there is none
  std::string_view doc = {};            // a noun phrase: "the ClickHouse table to insert into"
};

// Reads one present, non-null value into the target object, reporting problems.
template <typename T>
using NodeReader = std::function<void(const YAML::Node& value, const Where& at, Diagnostics&, T&)>;

template <typename T>
struct FieldSpec {
  FieldInfo info;
  std::string_view type;                  // "string", "bool", "duration", "[object]", ...
  std::vector<std::string_view> choices;  // allowed values, for the docs
  NodeReader<T> read;
};

template <typename T>
struct ObjectSpec {
  std::string_view path = {};  // where the object sits, e.g. "sources[].connection_params"
  std::vector<FieldSpec<T>> fields = {};
  NodeReader<T> check = {};  // rules across fields; runs after every field was read (may be empty)
  bool open = false;         // any key accepted (nothing is validated inside)
};

// A documentation-only view of an ObjectSpec, independent of the target type.
struct ObjectDoc {
  std::string_view path;
  struct Row {
    FieldInfo info;
    std::string_view type;
    std::vector<std::string_view> choices;
  };
  std::vector<Row> rows;
};

template <typename T>
ObjectDoc document(const ObjectSpec<T>& spec) {
  ObjectDoc doc{spec.path, {}};
  for (const FieldSpec<T>& field : spec.fields)
    doc.rows.push_back({field.info, field.type, field.choices});
  return doc;
}

inline std::string add_hint(const FieldInfo& info) {
  return "add \"" + std::string(info.key) + "\": " + std::string(info.doc);
}

// Reads `node` as the object described by `spec` into `out`: unknown and repeated keys,
// missing required keys, each field's own checks, then the object's cross-field checks.
template <typename T>
void read_object(const ObjectSpec<T>& spec, const YAML::Node& node, const Where& at,
                 Diagnostics& diags, T& out) {
  if (!node.IsMap()) {
    diags.error(at, "expected an object (key: value pairs), got " + describe(node));
    return;
  }
  if (spec.open) return;
  std::vector<std::string_view> known;
  for (const FieldSpec<T>& field : spec.fields) known.push_back(field.info.key);
  check_keys(node, at, known, diags);
  for (const FieldSpec<T>& field : spec.fields) {
    const YAML::Node value = value_of(node, field.info.key);
    const Where where = where_of(node, at, field.info.key);
    if (is_absent(value)) {
      if (field.info.need == Need::Required) {
        if (value.IsDefined()) {
          diags.error(where, "required key has no value",
                      "set it to " + std::string(field.info.doc));
        } else {
          diags.error(where, "required key is missing", add_hint(field.info));
        }
      }
      continue;
    }
    field.read(value, where, diags, out);
  }
  if (spec.check) spec.check(node, at, diags, out);
}

}  // namespace sluice::config
