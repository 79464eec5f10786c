#include "expr/program.h"

#include "expr/checker.h"
#include "expr/evaluator.h"
#include "expr/parser.h"

namespace sluice::expr {

Outcome<std::shared_ptr<const Program>> compile(std::string_view source,
                                                const CompileOptions& options) {
  std::shared_ptr<Program> program(new Program());
  program->source_ = std::string(source);
  try {
    program->root_ = parse(program->source_);
    CheckInput input;
    input.typed = options.mode == Mode::Typed;
    input.env = &options.env;
    input.functions = options.functions;
    CheckOutput checked = check(*program->root_, input);
    program->variables_ = std::move(checked.variables);
    program->locals_ = checked.locals;
    program->uses_env_map_ = checked.uses_env_map;
  } catch (const CompileFailure& failure) {
    return make_error(program->source_, failure.pos, failure.message);
  }
  return std::shared_ptr<const Program>(std::move(program));
}

Outcome<Value> Program::run(const Env& env) const {
  Evaluator evaluator(env.variables, env.env_map, locals_);
  Value out;
  if (!evaluator.eval(*root_, out)) {
    return make_error(source_, evaluator.error_pos(), evaluator.error());
  }
  return out;
}

Outcome<Value> Program::run(const Map& record) const {
  std::vector<Value> slots;
  slots.reserve(variables_.size());
  for (const std::string& name : variables_) {
    auto it = record.find(name);
    slots.push_back(it == record.end() ? Value() : it->second);
  }
  const Value whole = uses_env_map_ ? Value(record) : Value();
  return run(Env{slots, uses_env_map_ ? &whole : nullptr});
}

Type type_of(const Value& value) {
  switch (value.kind()) {
    case Kind::Nil:
      return TypeKind::Nil;
    case Kind::Bool:
      return TypeKind::Bool;
    case Kind::Int:
      return TypeKind::Int;
    case Kind::Float:
      return TypeKind::Float;
    case Kind::String:
      return TypeKind::String;
    case Kind::Array:
      return Type::array_of(Type());
    case Kind::Map: {
      std::map<std::string, Type> fields;
      for (const auto& [key, item] : value.as_map()) fields.emplace(key, type_of(item));
      return Type::map_of(std::move(fields));
    }
    case Kind::Time:
      return TypeKind::Time;
    case Kind::Duration:
      return TypeKind::Duration;
  }
  return Type();
}

}  // namespace sluice::expr
