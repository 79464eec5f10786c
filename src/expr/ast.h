#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "expr/function.h"
#include "expr/type.h"
#include "expr/value.h"

namespace re2 {
class RE2;
}

// The syntax tree the parser builds and the checker annotates (types, resolved names, compiled
// literal regexes). Owned by a Program, read-only while it runs.
namespace sluice::expr {

enum class NodeKind {
  Literal,    // literal
  Variable,   // name: env name (slot into the program's variables)
  Local,      // name: a `let` variable (slot into the frame's locals)
  EnvMap,     // $env
  Pointer,    // name: "" (#), "index", "acc"
  Unary,      // name: op; kids[0]
  Binary,     // name: op (never and/or/??); kids[0], kids[1]; negate for `not in` etc.
  And,        // kids[0], kids[1]
  Or,         // kids[0], kids[1]
  Coalesce,   // ??: kids[0], kids[1]
  Compare,    // chained ordering: kids = operands, ops = operators (size kids-1)
  Ternary,    // kids[0] ? kids[1] : kids[2]
  Member,     // kids[0].name (optional: ?.)
  Index,      // kids[0][kids[1]] (optional: ?.[])
  Slice,      // kids[0][kids[1]:kids[2]], absent bounds are nullptr
  Call,       // name(kids...): a Function (fn) or, when fn is null, a predicate builtin
  Method,     // kids[0].name(kids[1..])
  ArrayLit,   // [kids...]
  MapLit,     // {kids[0]: kids[1], ...}; keys are string literals or expressions
  Let,        // let name = kids[0]; kids[1]
  If,         // if kids[0] { kids[1] } else { kids[2] }
  Sequence,   // kids...; value of the last
  Predicate,  // kids[0] evaluated per element
  Chain,      // kids[0]: a postfix chain containing ?. (nil there ends the whole chain)
};

struct Node {
  NodeKind kind = NodeKind::Literal;
  size_t pos = 0;  // byte offset of the token that names the node (operator, name, bracket)
  std::string name;
  Value literal;
  std::vector<std::unique_ptr<Node>> kids;
  std::vector<std::string> ops;  // Compare
  bool optional = false;         // Member/Index via ?.
  bool negate = false;           // `not in`, `not matches`, ...
  bool builtin_only = false;     // ::name(...)

  // Filled in by the checker.
  Type type;
  int slot = -1;  // Variable: index into Program::variables(); Local: frame slot
  const Function* fn = nullptr;
  std::shared_ptr<const re2::RE2> regex;  // `matches` with a literal pattern
};

using NodePtr = std::unique_ptr<Node>;

}  // namespace sluice::expr
