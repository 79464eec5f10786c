#include "expr/number_program.h"

#include <cmath>

#include "expr/builtin_support.h"

namespace sluice::expr {
namespace {

const Function* builtin(std::string_view name) {
  return builtin_functions().find(name);
}

int64_t wrap(uint64_t v) {
  return static_cast<int64_t>(v);
}

}  // namespace

std::unique_ptr<NumberProgram> NumberProgram::compile(const Program& program) {
  if (program.uses_env_map()) return nullptr;
  std::unique_ptr<NumberProgram> numbers(new NumberProgram());
  size_t root = 0;
  if (!numbers->compile_node(program.root(), root)) return nullptr;
  numbers->results_.resize(numbers->steps_.size());
  return numbers;
}

bool NumberProgram::compile_node(const Node& node, size_t& step) {
  Step s;
  if (node.kind == NodeKind::Variable && node.slot >= 0) {
    s.op = Op::Variable;
    s.slot = static_cast<size_t>(node.slot);
  } else if (node.kind == NodeKind::Literal && node.literal.kind() == Kind::Int) {
    s.literal = {true, node.literal.as_int(), 0};
  } else if (node.kind == NodeKind::Literal && node.literal.kind() == Kind::Float) {
    s.literal = {false, 0, node.literal.as_float()};
  } else if (node.kind == NodeKind::Binary &&
             (node.name == "+" || node.name == "-" || node.name == "*" || node.name == "/")) {
    s.op = node.name == "+"   ? Op::Add
           : node.name == "-" ? Op::Sub
           : node.name == "*" ? Op::Mul
                              : Op::Div;
    if (!compile_node(*node.kids[0], s.kid) || !compile_node(*node.kids[1], s.right)) return false;
  } else if (node.kind == NodeKind::Call && node.fn != nullptr && node.kids.size() == 1 &&
             node.fn == builtin(node.name)) {
    if (node.name == "round")
      s.op = Op::Round;
    else if (node.name == "floor")
      s.op = Op::Floor;
    else if (node.name == "ceil")
      s.op = Op::Ceil;
    else if (node.name == "int")
      s.op = Op::Int;
    else if (node.name == "float")
      s.op = Op::Float;
    else
      return false;
    if (!compile_node(*node.kids[0], s.kid)) return false;
  } else {
    return false;
  }
  steps_.push_back(s);
  step = steps_.size() - 1;
  return true;
}

const NumberProgram::Number& NumberProgram::run_number(std::span<const double> variables) {
  for (size_t i = 0; i < steps_.size(); ++i) {
    const Step& s = steps_[i];
    const Number& a = results_[s.kid];
    const Number& b = results_[s.right];
    Number& r = results_[i];
    const bool ints = a.is_int && b.is_int;
    switch (s.op) {
      case Op::Variable:
        r = {false, 0, variables[s.slot]};
        break;
      case Op::Literal:
        r = s.literal;
        break;
      case Op::Add:
        r = ints ? Number{true, wrap(static_cast<uint64_t>(a.i) + static_cast<uint64_t>(b.i)), 0}
                 : Number{false, 0, a.as_double() + b.as_double()};
        break;
      case Op::Sub:
        r = ints ? Number{true, wrap(static_cast<uint64_t>(a.i) - static_cast<uint64_t>(b.i)), 0}
                 : Number{false, 0, a.as_double() - b.as_double()};
        break;
      case Op::Mul:
        r = ints ? Number{true, wrap(static_cast<uint64_t>(a.i) * static_cast<uint64_t>(b.i)), 0}
                 : Number{false, 0, a.as_double() * b.as_double()};
        break;
      case Op::Div:
        r = {false, 0, a.as_double() / b.as_double()};
        break;
      case Op::Round:
        r = {false, 0, std::round(a.as_double())};  // half away from zero, as Go
        break;
      case Op::Floor:
        r = {false, 0, std::floor(a.as_double())};
        break;
      case Op::Ceil:
        r = {false, 0, std::ceil(a.as_double())};
        break;
      case Op::Int:
        r = a.is_int ? a : Number{true, float_to_int(a.f), 0};
        break;
      case Op::Float:
        r = {false, 0, a.as_double()};
        break;
    }
  }
  return results_.back();
}

}  // namespace sluice::expr
