#include "expr/text_program.h"

#include <algorithm>

#include "expr/glassflow_functions.h"
#include "expr/user_agent.h"
#include "expr/utf8.h"

namespace sluice::expr {
namespace {

enum class Origin { None, Builtin, GlassFlow };

// Which table the call's resolved function comes from, when it is `name`.
Origin origin_of(const Node& node, std::string_view name) {
  if (node.kind != NodeKind::Call || node.fn == nullptr || node.name != name) return Origin::None;
  if (node.fn == builtin_functions().find(name)) return Origin::Builtin;
  if (node.fn == glassflow_functions().find(name)) return Origin::GlassFlow;
  return Origin::None;
}

bool string_literal(const Node* node) {
  return node != nullptr && node->kind == NodeKind::Literal && node->literal.kind() == Kind::String;
}

bool int_literal(const Node* node) {
  return node != nullptr && node->kind == NodeKind::Literal && node->literal.kind() == Kind::Int;
}

// Whether lower/upper would change `text`: a letter in [from, from + 25] or any non-ASCII byte.
bool changes_case(std::string_view text, char from) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80 || (c >= from && c <= from + 25)) return true;
  }
  return false;
}

// Go's strings.Split parts, found the way split_string finds them (non-overlapping, left to
// right); `sep` is not empty.
size_t count_parts(std::string_view s, std::string_view sep) {
  size_t n = 1;
  for (size_t at = s.find(sep); at != std::string_view::npos; at = s.find(sep, at + sep.size()))
    ++n;
  return n;
}

// The offset where part `i` starts (i < number of parts).
size_t part_start(std::string_view s, std::string_view sep, size_t i) {
  size_t start = 0;
  for (; i > 0; --i) start = s.find(sep, start) + sep.size();
  return start;
}

// The offset where the part starting at `start` ends.
size_t part_end(std::string_view s, std::string_view sep, size_t start) {
  const size_t at = s.find(sep, start);
  return at == std::string_view::npos ? s.size() : at;
}

}  // namespace

std::unique_ptr<TextProgram> TextProgram::compile(const Program& program) {
  if (program.uses_env_map()) return nullptr;
  std::unique_ptr<TextProgram> text(new TextProgram());
  size_t root = 0;
  if (!text->compile_node(program.root(), root)) return nullptr;
  text->results_.resize(text->steps_.size());
  text->buffers_.resize(text->steps_.size());
  return text;
}

size_t TextProgram::add(Step step) {
  steps_.push_back(std::move(step));
  return steps_.size() - 1;
}

bool TextProgram::compile_split(const Node& call, size_t& kid, std::string& sep,
                                bool& empty_is_string) {
  const Origin origin = origin_of(call, "split");
  if (origin == Origin::None || call.kids.size() != 2 || !string_literal(call.kids[1].get()))
    return false;
  sep = call.kids[1]->literal.as_string();
  if (sep.empty()) return false;  // splits into characters
  empty_is_string = origin == Origin::GlassFlow;
  return compile_node(*call.kids[0], kid);
}

bool TextProgram::compile_node(const Node& node, size_t& step) {
  Step s;
  if (node.kind == NodeKind::Variable && node.slot >= 0) {
    s.op = Op::Variable;
    s.slot = static_cast<size_t>(node.slot);
  } else if (string_literal(&node)) {
    s.op = Op::Literal;
    s.text = node.literal.as_string();
  } else if (node.kind == NodeKind::Binary && node.name == "+") {
    s.op = Op::Concat;
    if (!compile_node(*node.kids[0], s.kid) || !compile_node(*node.kids[1], s.right)) return false;
  } else if (origin_of(node, "lower") != Origin::None || origin_of(node, "upper") != Origin::None) {
    s.op = node.name == "lower" ? Op::Lower : Op::Upper;
    if (node.kids.size() != 1 || !compile_node(*node.kids[0], s.kid)) return false;
  } else if (origin_of(node, "parseUserAgent") == Origin::GlassFlow) {
    s.op = Op::UserAgent;
    if (node.kids.size() != 2 || !string_literal(node.kids[1].get())) return false;
    s.text = node.kids[1]->literal.as_string();
    if (!compile_node(*node.kids[0], s.kid)) return false;
  } else if (node.kind == NodeKind::Index && !node.optional && int_literal(node.kids[1].get())) {
    s.op = Op::SplitIndex;
    s.index = node.kids[1]->literal.as_int();
    if (!compile_split(*node.kids[0], s.kid, s.text, s.empty_is_string)) return false;
  } else if (const Origin join = origin_of(node, "join"); join != Origin::None) {
    s.op = Op::SplitJoin;
    // GlassFlow's join takes exactly two arguments; the builtin's separator defaults to "".
    const bool two = node.kids.size() == 2 && string_literal(node.kids[1].get());
    if (!two && !(join == Origin::Builtin && node.kids.size() == 1)) return false;
    if (two) s.join_sep = node.kids[1]->literal.as_string();
    const Node* parts = node.kids[0].get();
    if (parts->kind == NodeKind::Slice) {
      const Node* from = parts->kids[1].get();
      const Node* to = parts->kids[2].get();
      if ((from != nullptr && !int_literal(from)) || (to != nullptr && !int_literal(to)))
        return false;
      s.has_from = from != nullptr;
      s.has_to = to != nullptr;
      if (s.has_from) s.from = from->literal.as_int();
      if (s.has_to) s.to = to->literal.as_int();
      parts = parts->kids[0].get();
    }
    if (!compile_split(*parts, s.kid, s.text, s.empty_is_string)) return false;
  } else {
    return false;
  }
  step = add(std::move(s));
  return true;
}

bool TextProgram::run(std::span<const std::string_view> variables, std::string_view& out) {
  for (size_t i = 0; i < steps_.size(); ++i) {
    const Step& s = steps_[i];
    const std::string_view in =
        s.op == Op::Variable || s.op == Op::Literal ? std::string_view() : results_[s.kid];
    std::string& buffer = buffers_[i];
    std::string_view& result = results_[i];
    switch (s.op) {
      case Op::Variable:
        if (s.slot >= variables.size()) return false;
        result = variables[s.slot];
        break;
      case Op::Literal:
        result = s.text;
        break;
      case Op::Concat:
        buffer.assign(in);
        buffer.append(results_[s.right]);
        result = buffer;
        break;
      case Op::Lower:
      case Op::Upper:
        if (!changes_case(in, s.op == Op::Lower ? 'A' : 'a')) {
          result = in;
          break;
        }
        if (s.op == Op::Lower)
          utf8::lower_to(in, buffer);
        else
          utf8::upper_to(in, buffer);
        result = buffer;
        break;
      case Op::UserAgent:
        result = user_agent_part(in, s.text, buffer);
        break;
      case Op::SplitIndex: {
        if (in.empty() && s.empty_is_string) return false;
        int64_t index = s.index;
        if (index < 0) index += static_cast<int64_t>(count_parts(in, s.text));
        if (index < 0) return false;  // out of range: the evaluator reports it
        size_t start = 0;
        for (int64_t k = 0; k < index; ++k) {
          const size_t at = in.find(s.text, start);
          if (at == std::string_view::npos) return false;
          start = at + s.text.size();
        }
        result = in.substr(start, part_end(in, s.text, start) - start);
        break;
      }
      case Op::SplitJoin: {
        // Of "", GlassFlow's split gives "" (sliced: "", joined: "") and the builtin's [""].
        if (in.empty()) {
          result = std::string_view();
          break;
        }
        const int64_t n = static_cast<int64_t>(count_parts(in, s.text));
        int64_t bounds[2] = {s.has_from ? s.from : 0, s.has_to ? s.to : n};
        for (int64_t& b : bounds) b = std::clamp<int64_t>(b < 0 ? b + n : b, 0, n);
        const size_t from = static_cast<size_t>(bounds[0]);
        const size_t to = static_cast<size_t>(std::max(bounds[0], bounds[1]));
        if (from == to) {
          result = std::string_view();
          break;
        }
        const size_t start = part_start(in, s.text, from);
        if (s.join_sep == s.text) {  // consecutive parts joined back: a substring
          size_t end = start;
          for (size_t k = from; k < to; ++k) {
            end = part_end(in, s.text, end);
            if (k + 1 < to) end += s.text.size();
          }
          result = in.substr(start, end - start);
          break;
        }
        buffer.clear();
        size_t at = start;
        for (size_t k = from; k < to; ++k) {
          const size_t end = part_end(in, s.text, at);
          if (k > from) buffer += s.join_sep;
          buffer.append(in.substr(at, end - at));
          at = end + s.text.size();
        }
        result = buffer;
        break;
      }
    }
  }
  out = results_.back();
  return true;
}

}  // namespace sluice::expr
