#include "config/expression_checks.h"

#include <string_view>

#include "config/did_you_mean.h"
#include "config/text_util.h"
#include "expr/glassflow_functions.h"
#include "expr/program.h"

namespace sluice::config {
namespace {

expr::Value zero_value(FieldType type) {
  switch (type) {
    case FieldType::Int:
    case FieldType::UInt:
    case FieldType::Float:
      return expr::Value(0.0);  // JSON numbers: GlassFlow's env holds float64 for every kind
    case FieldType::Bool:
      return expr::Value(false);
    case FieldType::Array:
      return expr::Value(expr::Array{});
    case FieldType::Map:
      return expr::Value(expr::Map{});
    case FieldType::String:
    case FieldType::DateTime:
      return expr::Value("");
  }
  return expr::Value();
}

// Puts `value` at the dotted path `name` (`user.age` -> {"user": {"age": value}}).
void put(expr::Map& into, std::string_view name, expr::Value value) {
  const size_t dot = name.find('.');
  const std::string head(name.substr(0, dot));
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == name.size()) {
    auto it = into.find(std::string(name));
    // A map built from dotted names keeps its keys even if the object itself is also listed.
    if (it == into.end() || it->second.kind() != expr::Kind::Map) {
      into.insert_or_assign(std::string(name), std::move(value));
    }
    return;
  }
  expr::Map inner;
  auto it = into.find(head);
  if (it != into.end() && it->second.kind() == expr::Kind::Map) inner = it->second.as_map();
  put(inner, name.substr(dot + 1), std::move(value));
  into.insert_or_assign(head, expr::Value(std::move(inner)));
}

std::vector<std::string_view> top_names(const expr::Map& record) {
  std::vector<std::string_view> names;
  for (const auto& [name, value] : record) names.push_back(name);
  return names;
}

std::string function_names_hint(std::string_view name, bool helpers) {
  std::vector<std::string_view> names;
  for (const auto& [fn, unused] : expr::builtin_functions().all()) names.push_back(fn);
  if (helpers) {
    for (const auto& [fn, unused] : expr::glassflow_functions().all()) names.push_back(fn);
  }
  if (auto guess = closest_match(name, names)) return "did you mean " + std::string(*guess) + "()?";
  return helpers ? "use an expr-lang builtin or a GlassFlow helper (parseQuery, toInt, "
                   "waterfall, ...)"
                 : "filters can use the expr-lang builtins only (len, upper, int, ...); the "
                   "GlassFlow helpers are for stateless transforms";
}

// What to do about a compile error, from expr's message.
std::string hint_for(const expr::ExprError& error, const std::string& expression,
                     const expr::Map& record, bool helpers) {
  const std::string& m = error.message;
  auto has = [&](std::string_view s) { return m.find(s) != std::string::npos; };
  if (m.rfind("unknown name ", 0) == 0) {
    const std::string name = m.substr(13);
    const size_t at = expression.find(name);
    size_t after = at == std::string::npos ? at : at + name.size();
    while (after != std::string::npos && after < expression.size() && expression[after] == ' ')
      ++after;
    if (after != std::string::npos && after < expression.size() && expression[after] == '(') {
      return quoted(name) + " is not a function; " + function_names_hint(name, helpers);
    }
    const std::vector<std::string_view> names = top_names(record);
    if (auto guess = closest_match(name, names)) return "did you mean " + quoted(*guess) + "?";
    return "add it to the source's schema_fields, or use one of: " + join(names, ", ");
  }
  if (has("(mismatched types float64 and int)") && has(": %")) {
    return "numbers are float in expressions: write int(field) % 2";
  }
  if (has("mismatched types float64 and int") || has("mismatched types int and float64")) {
    return "numeric fields are float in expressions: convert with int(...)";
  }
  if (has("mismatched types string and") || has("and string)")) {
    return "compare a string field with a quoted string (status == '5'), or convert it with "
           "int(...) or float(...)";
  }
  if (has("used as condition") || has("(mismatched type")) {
    return "a condition must be a bool: compare the field, e.g. field != \"\"";
  }
  if (m.rfind("error parsing regexp", 0) == 0) {
    return "matches uses Go's RE2 syntax (no look-around or back-references); in a quoted "
           "string escape backslashes (\"a\\\\.c\") or use a `raw string`";
  }
  if (has("cannot use") && has("as argument")) {
    return "convert the argument first, e.g. string(field) or int(field)";
  }
  if (has("arguments")) return "check the number of arguments of the call";
  return "check the expression's syntax (expr-lang: == != < > and or not in matches ...)";
}

}  // namespace

ExpressionChecker::ExpressionChecker(const Pipeline& pipeline) {
  for (const KafkaSource& source : pipeline.sources) {
    std::vector<Field>& fields = fields_[source.source_id];
    for (const SchemaField& field : source.schema_fields) {
      fields.push_back({field.name, field.type});
    }
  }
}

namespace {

struct ZeroEnv {
  expr::Map record;
  std::map<std::string, expr::Type> types;
};

template <typename Fields>
ZeroEnv zero_env(const Fields& fields) {
  ZeroEnv env;
  for (const auto& field : fields) put(env.record, field.name, zero_value(field.type));
  for (const auto& [name, value] : env.record) env.types.emplace(name, expr::type_of(value));
  return env;
}

}  // namespace

void ExpressionChecker::check_filter(const std::string& source_id, const std::string& expression,
                                     const Where& where, Diagnostics& diags) const {
  auto it = fields_.find(source_id);
  if (it == fields_.end() || expression.find_first_not_of(" \t\r\n") == std::string::npos) return;
  const ZeroEnv env = zero_env(it->second);
  expr::CompileOptions options{expr::Mode::Typed, env.types, nullptr};
  auto compiled = expr::compile(expression, options);
  if (!compiled.ok()) {
    diags.error(where, "the filter does not compile: " + compiled.error().short_text(),
                hint_for(compiled.error(), expression, env.record, false));
    return;
  }
  auto result = compiled.value()->run(env.record);
  if (!result.ok()) {
    diags.error(where,
                "the filter fails on a record of zero values (numbers 0, strings \"\"): " +
                    result.error().short_text(),
                "guard the operation, e.g. b != 0 ? a / b : 0, so that it works for any value");
    return;
  }
  if (result.value().kind() != expr::Kind::Bool) {
    diags.error(where,
                "the filter gives " + std::string(expr::go_type_name(result.value())) +
                    ", not a bool: it must be true (keep the record) or false (drop it)",
                "compare the value, e.g. amount > 0 or status == 'paid'");
  }
}

void ExpressionChecker::check_stateless(const std::string& source_id, const StatelessConfig& config,
                                        const std::vector<Where>& where, Diagnostics& diags) {
  auto it = fields_.find(source_id);
  if (it == fields_.end()) return;
  const ZeroEnv env = zero_env(it->second);
  expr::CompileOptions options{expr::Mode::Typed, env.types, &expr::glassflow_functions()};
  std::vector<Field> outputs;
  for (size_t k = 0; k < config.transforms.size(); ++k) {
    const StatelessOutput& output = config.transforms[k];
    if (!output.output_name.empty()) outputs.push_back({output.output_name, output.output_type});
    if (output.expression.find_first_not_of(" \t\r\n") == std::string::npos || k >= where.size())
      continue;
    auto compiled = expr::compile(output.expression, options);
    if (!compiled.ok()) {
      diags.error(where[k], "the expression does not compile: " + compiled.error().short_text(),
                  hint_for(compiled.error(), output.expression, env.record, true));
    }
  }
  it->second = std::move(outputs);
}

}  // namespace sluice::config
