#include "expr/parser.h"

#include <array>
#include <optional>

#include "expr/expr_error.h"
#include "expr/lexer.h"

namespace sluice::expr {
namespace {

constexpr size_t kMaxNodes = 10000;

struct BinaryOp {
  std::string_view text;
  int precedence;
  bool right_assoc;
};

constexpr std::array<BinaryOp, 24> kBinaryOps = {{
    {"??", 500, false},        {"**", 100, true},       {"^", 100, true},
    {"*", 60, false},          {"/", 60, false},        {"%", 60, false},
    {"+", 30, false},          {"-", 30, false},        {"..", 25, false},
    {"==", 20, false},         {"!=", 20, false},       {"<", 20, false},
    {">", 20, false},          {"<=", 20, false},       {">=", 20, false},
    {"in", 20, false},         {"matches", 20, false},  {"contains", 20, false},
    {"startsWith", 20, false}, {"endsWith", 20, false}, {"and", 15, false},
    {"&&", 15, false},         {"or", 10, false},       {"||", 10, false},
}};

const BinaryOp* binary_op(std::string_view text) {
  for (const BinaryOp& op : kBinaryOps) {
    if (op.text == text) return &op;
  }
  return nullptr;
}

bool is_ordering(std::string_view op) {
  return op == "<" || op == ">" || op == "<=" || op == ">=";
}
bool is_negatable(std::string_view op) {
  return op == "in" || op == "matches" || op == "contains" || op == "startsWith" ||
         op == "endsWith";
}

std::string describe(const Token& token) {
  switch (token.kind) {
    case TokenKind::End:
      return "EOF";
    case TokenKind::Identifier:
      return "Identifier(\"" + token.text + "\")";
    case TokenKind::Int:
    case TokenKind::Float:
      return "Number(\"" + token.text + "\")";
    case TokenKind::String:
      return "String(\"" + token.text + "\")";
    case TokenKind::Operator:
      return "Operator(\"" + token.text + "\")";
    case TokenKind::Bracket:
      return "Bracket(\"" + token.text + "\")";
  }
  return "?";
}

class Parser {
 public:
  explicit Parser(std::string_view source) : tokens_(tokenize(source)) {}

  NodePtr program() {
    NodePtr node = sequence();
    if (cur().kind != TokenKind::End) unexpected();
    return node;
  }

 private:
  const Token& cur() const { return tokens_[at_]; }
  const Token& peek_next() const { return tokens_[std::min(at_ + 1, tokens_.size() - 1)]; }
  void advance() {
    if (at_ + 1 < tokens_.size()) ++at_;
  }
  [[noreturn]] void fail(size_t pos, std::string message) const {
    throw CompileFailure{std::move(message), pos};
  }
  [[noreturn]] void unexpected() const { fail(cur().pos, "unexpected token " + describe(cur())); }
  void expect_bracket(std::string_view text) {
    if (!cur().is_bracket(text)) unexpected();
    advance();
  }
  void expect_operator(std::string_view text) {
    if (!cur().is_operator(text)) unexpected();
    advance();
  }

  NodePtr make(NodeKind kind, size_t pos, std::string name = {}) {
    if (++nodes_ > kMaxNodes) {
      fail(pos, "compilation failed: expression exceeds maximum allowed nodes");
    }
    auto node = std::make_unique<Node>();
    node->kind = kind;
    node->pos = pos;
    node->name = std::move(name);
    return node;
  }
  NodePtr literal(size_t pos, Value value) {
    NodePtr node = make(NodeKind::Literal, pos);
    node->literal = std::move(value);
    return node;
  }

  // expr (; expr)* with an optional trailing `;`.
  NodePtr sequence() {
    NodePtr first = expression(0);
    if (!cur().is_operator(";")) return first;
    NodePtr seq = make(NodeKind::Sequence, first->pos);
    seq->kids.push_back(std::move(first));
    while (cur().is_operator(";")) {
      advance();
      if (cur().kind == TokenKind::End || cur().is_bracket("}") || cur().is_bracket(")")) break;
      seq->kids.push_back(expression(0));
    }
    if (seq->kids.size() == 1) return std::move(seq->kids[0]);
    return seq;
  }

  NodePtr expression(int precedence) {
    if (precedence == 0 && cur().is_operator("let")) return let();
    if (precedence == 0 && cur().is_operator("if")) return if_else();
    NodePtr left = unary();
    std::string previous;
    while (cur().kind == TokenKind::Operator) {
      const Token& op_token = cur();
      std::string op = op_token.text;
      bool negate = false;
      if (op == "not") {
        if (peek_next().kind != TokenKind::Operator || !is_negatable(peek_next().text)) break;
        negate = true;
        op = peek_next().text;
      }
      if (op == "|") {
        if (precedence > 0) break;
        advance();
        left = pipe(std::move(left));
        previous = op;
        continue;
      }
      const BinaryOp* info = binary_op(op);
      if (info == nullptr || info->precedence < precedence) break;
      const size_t pos = op_token.pos;
      advance();
      if (negate) advance();
      if (previous == "??" && op != "??") {
        fail(pos, "Operator (" + op +
                      ") and coalesce expressions (?\?) cannot be mixed. Wrap either by "
                      "parentheses.");
      }
      if (is_ordering(op)) {
        left = ordering_chain(std::move(left), op, pos, info->precedence);
      } else {
        NodePtr right = expression(info->right_assoc ? info->precedence : info->precedence + 1);
        left = binary(std::move(left), op, pos, std::move(right), negate);
      }
      previous = op;
    }
    if (precedence == 0) left = conditional(std::move(left));
    return left;
  }

  NodePtr binary(NodePtr left, const std::string& op, size_t pos, NodePtr right, bool negate) {
    NodeKind kind = NodeKind::Binary;
    std::string name = op;
    if (op == "and" || op == "&&") kind = NodeKind::And;
    if (op == "or" || op == "||") kind = NodeKind::Or;
    if (op == "??") kind = NodeKind::Coalesce;
    if (op == "^") name = "**";
    NodePtr node = make(kind, pos, name);
    node->negate = negate;
    node->kids.push_back(std::move(left));
    node->kids.push_back(std::move(right));
    if (!negate) return node;
    NodePtr outer = make(NodeKind::Unary, pos, "not");
    node->negate = false;
    outer->kids.push_back(std::move(node));
    return outer;
  }

  // a < b <= c: each operand is evaluated once, pairs are and-ed.
  NodePtr ordering_chain(NodePtr left, const std::string& op, size_t pos, int precedence) {
    NodePtr node = make(NodeKind::Compare, pos, op);
    node->kids.push_back(std::move(left));
    node->ops.push_back(op);
    node->kids.push_back(expression(precedence + 1));
    while (cur().kind == TokenKind::Operator && is_ordering(cur().text)) {
      node->ops.push_back(cur().text);
      advance();
      node->kids.push_back(expression(precedence + 1));
    }
    return node;
  }

  NodePtr conditional(NodePtr cond) {
    if (!cur().is_operator("?")) return cond;
    const size_t pos = cur().pos;
    advance();
    NodePtr node = make(NodeKind::Ternary, pos);
    node->kids.push_back(std::move(cond));
    if (cur().is_operator(":")) {  // c ?: b  ==  c ? c : b
      advance();
      node->kids.push_back(nullptr);
      node->kids.push_back(expression(0));
      return node;
    }
    node->kids.push_back(expression(0));
    expect_operator(":");
    node->kids.push_back(expression(0));
    return node;
  }

  NodePtr unary() {
    const Token& token = cur();
    if (token.kind == TokenKind::Operator &&
        (token.text == "not" || token.text == "!" || token.text == "-" || token.text == "+")) {
      const size_t pos = token.pos;
      const std::string op = token.text == "!" ? "not" : token.text;
      const std::string shown = token.text;
      advance();
      NodePtr operand = expression(op == "not" ? 50 : 90);
      if (op == "-" && operand->kind == NodeKind::Literal) {
        Value& v = operand->literal;
        if (v.kind() == Kind::Int) {
          v = Value(static_cast<int64_t>(0 - static_cast<uint64_t>(v.as_int())));
          return operand;
        }
        if (v.kind() == Kind::Float) {
          v = Value(-v.as_float());
          return operand;
        }
      }
      NodePtr node = make(NodeKind::Unary, pos, op);
      node->literal = Value(shown);  // the spelling, for messages
      node->kids.push_back(std::move(operand));
      return node;
    }
    return postfix(primary());
  }

  NodePtr primary() {
    const Token& token = cur();
    const size_t pos = token.pos;
    switch (token.kind) {
      case TokenKind::Int: {
        NodePtr node = literal(pos, Value(token.int_value));
        advance();
        return node;
      }
      case TokenKind::Float: {
        NodePtr node = literal(pos, Value(token.float_value));
        advance();
        return node;
      }
      case TokenKind::String: {
        NodePtr node = literal(pos, Value(token.text));
        advance();
        return node;
      }
      case TokenKind::Identifier:
        return identifier();
      case TokenKind::Bracket:
        if (token.text == "(") {
          advance();
          NodePtr inner = sequence();
          expect_bracket(")");
          return inner;
        }
        if (token.text == "[") return array_literal();
        if (token.text == "{") return map_literal();
        break;
      case TokenKind::Operator:
        if (token.text == "#") return pointer();
        if (token.text == "." && !predicates_.empty()) {
          // `.f` inside a predicate is `#.f`; postfix() reads the member.
          return make(NodeKind::Pointer, pos);
        }
        if (token.text == "::") {
          advance();
          if (cur().kind != TokenKind::Identifier || !peek_next().is_bracket("(")) unexpected();
          NodePtr call = this->call(std::nullopt);
          call->builtin_only = true;
          return call;
        }
        break;
      case TokenKind::End:
        break;
    }
    unexpected();
  }

  NodePtr identifier() {
    const Token& token = cur();
    const size_t pos = token.pos;
    if (peek_next().is_bracket("(")) return call(std::nullopt);
    const std::string name = token.text;
    advance();
    if (name == "true") return literal(pos, Value(true));
    if (name == "false") return literal(pos, Value(false));
    if (name == "nil") return literal(pos, Value());
    if (name == "$env") return make(NodeKind::EnvMap, pos);
    return make(NodeKind::Variable, pos, name);
  }

  NodePtr pointer() {
    const size_t pos = cur().pos;
    advance();
    std::string name;
    if (cur().kind == TokenKind::Identifier && cur().pos == pos + 1) {
      name = cur().text;
      advance();
    }
    if (predicates_.empty()) fail(pos, "cannot use pointer accessor outside predicate");
    const std::string& in = predicates_.back();
    const bool known = name.empty() || (name == "index" && (in == "map" || in == "reduce")) ||
                       (name == "acc" && in == "reduce");
    if (!known) fail(pos, "unknown pointer #" + name);
    return make(NodeKind::Pointer, pos, name);
  }

  // name(args) at the current identifier; `first` is the left side of a pipe.
  NodePtr call(std::optional<NodePtr> first) {
    const Token& name_token = cur();
    NodePtr node = make(NodeKind::Call, name_token.pos, name_token.text);
    advance();
    expect_bracket("(");
    if (first) node->kids.push_back(std::move(*first));
    const bool predicate = takes_predicate(node->name);
    while (!cur().is_bracket(")")) {
      if (predicate && node->kids.size() == 1) {
        node->kids.push_back(predicate_arg(node->name));
      } else {
        node->kids.push_back(expression(0));
      }
      if (cur().is_operator(",")) {
        advance();
        continue;
      }
      if (!cur().is_bracket(")")) unexpected();
    }
    advance();
    return node;
  }

  NodePtr predicate_arg(const std::string& function) {
    predicates_.push_back(function);
    NodePtr node = make(NodeKind::Predicate, cur().pos);
    if (cur().is_bracket("{")) {
      advance();
      node->kids.push_back(sequence());
      expect_bracket("}");
    } else {
      node->kids.push_back(expression(0));
      if (cur().is_operator(";")) fail(cur().pos, "wrap predicate with brackets { and }");
    }
    predicates_.pop_back();
    return node;
  }

  NodePtr pipe(NodePtr left) {
    if (cur().kind != TokenKind::Identifier || !peek_next().is_bracket("(")) {
      fail(cur().pos, "expected function call");
    }
    return postfix(call(std::move(left)));
  }

  NodePtr array_literal() {
    NodePtr node = make(NodeKind::ArrayLit, cur().pos);
    advance();
    while (!cur().is_bracket("]")) {
      node->kids.push_back(expression(0));
      if (cur().is_operator(",")) {
        advance();
        continue;
      }
      if (!cur().is_bracket("]")) unexpected();
    }
    advance();
    return node;
  }

  NodePtr map_literal() {
    NodePtr node = make(NodeKind::MapLit, cur().pos);
    advance();
    while (!cur().is_bracket("}")) {
      const Token& key = cur();
      if (key.kind == TokenKind::Identifier || key.kind == TokenKind::Operator ||
          key.kind == TokenKind::String || key.kind == TokenKind::Int ||
          key.kind == TokenKind::Float) {
        if (key.kind == TokenKind::Operator && key.text.front() < 'a') unexpected();
        node->kids.push_back(literal(key.pos, Value(key.text)));
        advance();
      } else if (key.is_bracket("(")) {
        advance();
        node->kids.push_back(expression(0));
        expect_bracket(")");
      } else {
        unexpected();
      }
      expect_operator(":");
      node->kids.push_back(expression(0));
      if (cur().is_operator(",")) {
        advance();
        continue;
      }
      if (!cur().is_bracket("}")) unexpected();
    }
    advance();
    return node;
  }

  NodePtr postfix(NodePtr node) {
    bool optional_chain = false;
    while (true) {
      const Token& token = cur();
      if (token.is_operator(".") || token.is_operator("?.")) {
        const bool optional = token.text == "?.";
        optional_chain = optional_chain || optional;
        advance();
        if (optional && cur().is_bracket("[")) {
          node = index(std::move(node), true);
          continue;
        }
        const Token& name = cur();
        const bool word = name.kind == TokenKind::Operator && !name.text.empty() &&
                          name.text.front() >= 'a' && name.text.front() <= 'z';
        if (name.kind != TokenKind::Identifier && !word) unexpected();
        const size_t pos = name.pos;
        const std::string field = name.text;
        advance();
        if (cur().is_bracket("(")) {
          NodePtr method = make(NodeKind::Method, pos, field);
          method->optional = optional;
          method->kids.push_back(std::move(node));
          advance();
          while (!cur().is_bracket(")")) {
            method->kids.push_back(expression(0));
            if (cur().is_operator(",")) {
              advance();
              continue;
            }
            if (!cur().is_bracket(")")) unexpected();
          }
          advance();
          node = std::move(method);
          continue;
        }
        NodePtr member = make(NodeKind::Member, pos, field);
        member->optional = optional;
        member->kids.push_back(std::move(node));
        node = std::move(member);
      } else if (token.is_bracket("[")) {
        node = index(std::move(node), false);
      } else {
        break;
      }
    }
    if (!optional_chain) return node;
    NodePtr chain = make(NodeKind::Chain, node->pos);
    chain->kids.push_back(std::move(node));
    return chain;
  }

  // At `[`: x[i], x[a:b].
  NodePtr index(NodePtr object, bool optional) {
    const size_t pos = cur().pos;
    advance();
    NodePtr from;
    if (!cur().is_operator(":")) from = expression(0);
    if (cur().is_operator(":")) {
      advance();
      NodePtr node = make(NodeKind::Slice, pos);
      node->optional = optional;
      node->kids.push_back(std::move(object));
      node->kids.push_back(std::move(from));
      node->kids.push_back(cur().is_bracket("]") ? nullptr : expression(0));
      expect_bracket("]");
      return node;
    }
    expect_bracket("]");
    NodePtr node = make(NodeKind::Index, pos);
    node->optional = optional;
    node->kids.push_back(std::move(object));
    node->kids.push_back(std::move(from));
    return node;
  }

  NodePtr let() {
    const size_t pos = cur().pos;
    advance();
    if (cur().kind != TokenKind::Identifier) unexpected();
    NodePtr node = make(NodeKind::Let, cur().pos, cur().text);
    node->pos = pos;
    advance();
    expect_operator("=");
    node->kids.push_back(expression(0));
    expect_operator(";");
    node->kids.push_back(sequence());
    return node;
  }

  NodePtr if_else() {
    NodePtr node = make(NodeKind::If, cur().pos);
    advance();
    node->kids.push_back(expression(0));
    expect_bracket("{");
    node->kids.push_back(sequence());
    expect_bracket("}");
    expect_operator("else");
    if (cur().is_operator("if")) {
      node->kids.push_back(if_else());
      return node;
    }
    expect_bracket("{");
    node->kids.push_back(sequence());
    expect_bracket("}");
    return node;
  }

  std::vector<Token> tokens_;
  size_t at_ = 0;
  size_t nodes_ = 0;
  std::vector<std::string> predicates_;  // builtins whose predicate is being parsed
};

}  // namespace

bool takes_predicate(std::string_view name) {
  static constexpr std::array<std::string_view, 15> kNames = {
      "all",      "any",           "none",  "one", "filter",  "map",    "find",  "findIndex",
      "findLast", "findLastIndex", "count", "sum", "groupBy", "sortBy", "reduce"};
  for (std::string_view n : kNames) {
    if (n == name) return true;
  }
  return false;
}

NodePtr parse(std::string_view source) {
  return Parser(source).program();
}

}  // namespace sluice::expr
