#include "transforms/cell_predicate.h"

namespace sluice::transforms {
namespace {

using Outcome = CellPredicate::Outcome;

Outcome of(bool b) {
  return b ? Outcome::True : Outcome::False;
}

// The comparison with its operands swapped (`10 < amount` is `amount > 10`).
std::string mirrored(const std::string& op) {
  if (op == "<") return ">";
  if (op == ">") return "<";
  if (op == "<=") return ">=";
  if (op == ">=") return "<=";
  return op;
}

bool is_number(ValueKind kind) {
  return kind == ValueKind::Int || kind == ValueKind::UInt || kind == ValueKind::Float;
}

// A numeric cell as the expression sees it (value_of_cell: every JSON number is a float64).
double number_of(const Cell& cell) {
  switch (cell.kind) {
    case ValueKind::Int:
      return static_cast<double>(cell.i);
    case ValueKind::UInt:
      return static_cast<double>(cell.u);
    default:
      return cell.f;
  }
}

template <typename T>
bool ordered(CellPredicate::Op op, const T& a, const T& b) {
  switch (op) {
    case CellPredicate::Op::Lt:
      return a < b;
    case CellPredicate::Op::Gt:
      return a > b;
    case CellPredicate::Op::Le:
      return a <= b;
    default:
      return a >= b;
  }
}

}  // namespace

std::vector<int64_t> CellPredicate::plain_fields(const expr::Program& program,
                                                 const std::vector<config::SchemaField>& fields,
                                                 bool& plain) {
  plain = !program.uses_env_map();
  std::vector<int64_t> sources;
  for (const std::string& variable : program.variables()) {
    int64_t source = -1;
    bool parent = false;
    for (size_t i = 0; i < fields.size(); ++i) {
      const std::string& name = fields[i].name;
      if (name == variable) {  // a literal field wins over nested ones (RecordBinding)
        source = static_cast<int64_t>(i);
        break;
      }
      parent = parent || (name.size() > variable.size() && name[variable.size()] == '.' &&
                          name.compare(0, variable.size(), variable) == 0);
    }
    if (source < 0 && parent) plain = false;
    if (source >= 0 && fields[static_cast<size_t>(source)].type == config::FieldType::Array)
      plain = false;
    sources.push_back(source);
  }
  if (!plain) sources.clear();
  return sources;
}

std::unique_ptr<CellPredicate> CellPredicate::compile(const expr::Program& program,
                                                      std::span<const int64_t> field_of_variable) {
  auto predicate = std::unique_ptr<CellPredicate>(new CellPredicate());
  bool ok = true;
  predicate->add(program.root(), field_of_variable, ok);
  if (!ok) return nullptr;
  return predicate;
}

size_t CellPredicate::add(const expr::Node& node, std::span<const int64_t> field_of_variable,
                          bool& ok) {
  using expr::NodeKind;
  const size_t index = tests_.size();
  tests_.emplace_back();
  if (node.kind == NodeKind::And || node.kind == NodeKind::Or) {
    const size_t left = add(*node.kids[0], field_of_variable, ok);
    const size_t right = add(*node.kids[1], field_of_variable, ok);
    tests_[index].op = node.kind == NodeKind::And ? Op::And : Op::Or;
    tests_[index].left = left;
    tests_[index].right = right;
    return index;
  }
  if (node.kind == NodeKind::Unary && (node.name == "not" || node.name == "!")) {
    tests_[index].op = Op::Not;
    tests_[index].left = add(*node.kids[0], field_of_variable, ok);
    return index;
  }
  std::string op;
  if (node.kind == NodeKind::Binary && (node.name == "==" || node.name == "!="))
    op = node.name;
  else if (node.kind == NodeKind::Compare && node.kids.size() == 2)
    op = node.ops[0];
  if (op.empty()) {
    ok = false;
    return index;
  }
  const expr::Node* variable = node.kids[0].get();
  const expr::Node* literal = node.kids[1].get();
  if (variable->kind == NodeKind::Literal) {
    std::swap(variable, literal);
    op = mirrored(op);
  }
  const expr::Kind kind = literal->literal.kind();
  if (variable->kind != NodeKind::Variable || literal->kind != NodeKind::Literal ||
      variable->slot < 0 || static_cast<size_t>(variable->slot) >= field_of_variable.size() ||
      (kind != expr::Kind::Nil && kind != expr::Kind::Bool && kind != expr::Kind::Int &&
       kind != expr::Kind::Float && kind != expr::Kind::String)) {
    ok = false;
    return index;
  }
  Test& t = tests_[index];
  t.op = op == "=="   ? Op::Eq
         : op == "!=" ? Op::Ne
         : op == "<"  ? Op::Lt
         : op == "<=" ? Op::Le
         : op == ">"  ? Op::Gt
                      : Op::Ge;
  t.field = field_of_variable[static_cast<size_t>(variable->slot)];
  t.literal = literal->literal;
  return index;
}

CellPredicate::Outcome CellPredicate::decide(size_t test, std::span<const Cell> cells) const {
  const Test& t = tests_[test];
  switch (t.op) {
    case Op::And: {
      // Short-circuits as the evaluator does: a false left side decides without the right.
      const Outcome left = decide(t.left, cells);
      return left == Outcome::True ? decide(t.right, cells) : left;
    }
    case Op::Or: {
      const Outcome left = decide(t.left, cells);
      return left == Outcome::False ? decide(t.right, cells) : left;
    }
    case Op::Not: {
      const Outcome inner = decide(t.left, cells);
      return inner == Outcome::Unknown ? inner : of(inner == Outcome::False);
    }
    default:
      return compare(t, t.field < 0 ? Cell::missing() : cells[static_cast<size_t>(t.field)]);
  }
}

CellPredicate::Outcome CellPredicate::compare(const Test& t, const Cell& cell) {
  const expr::Kind literal = t.literal.kind();
  const bool nil = cell.is_absent();
  if (t.op == Op::Eq || t.op == Op::Ne) {
    // expr::equal: numbers by value, other kinds only with their own kind; never an error. An
    // object cell may read nil (unparsable text) and arrays are not scalars: left undecided.
    if (cell.kind == ValueKind::Object || cell.kind == ValueKind::Array) return Outcome::Unknown;
    bool same = false;
    if (literal == expr::Kind::Nil)
      same = nil;
    else if (literal == expr::Kind::Bool)
      same = cell.kind == ValueKind::Bool && cell.b == t.literal.as_bool();
    else if (literal == expr::Kind::String)
      same = cell.kind == ValueKind::String && cell.text() == t.literal.as_string();
    else
      same = is_number(cell.kind) && number_of(cell) == t.literal.as_number();
    return of(same == (t.op == Op::Eq));
  }
  if (is_number(cell.kind) && (literal == expr::Kind::Int || literal == expr::Kind::Float)) {
    const double x = number_of(cell), y = t.literal.as_number();
    if (x != x || y != y) return Outcome::False;  // NaN orders false, as expr::ordering
    return of(ordered(t.op, x, y));
  }
  if (cell.kind == ValueKind::String && literal == expr::Kind::String)
    return of(ordered(t.op, cell.text(), std::string_view(t.literal.as_string())));
  return Outcome::Unknown;  // an ordering of other kinds is an evaluation error
}

}  // namespace sluice::transforms
