#include "expr/text_program.h"

#include <algorithm>

#include "expr/glassflow_functions.h"
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

// The next separator from `at` on (a one-byte separator is a memchr, without a compare call).
size_t find_sep(std::string_view s, std::string_view sep, size_t at) {
  return sep.size() == 1 ? s.find(sep[0], at) : s.find(sep, at);
}

// Go's strings.Split parts, found the way split_string finds them (non-overlapping, left to
// right); `sep` is not empty.
size_t count_parts(std::string_view s, std::string_view sep) {
  size_t n = 1;
  for (size_t at = find_sep(s, sep, 0); at != std::string_view::npos;
       at = find_sep(s, sep, at + sep.size()))
    ++n;
  return n;
}

// The offset after the `k`th separator found from `at` on, or npos when there are fewer.
size_t skip_parts(std::string_view s, std::string_view sep, size_t at, int64_t k) {
  for (; k > 0; --k) {
    const size_t found = find_sep(s, sep, at);
    if (found == std::string_view::npos) return std::string_view::npos;
    at = found + sep.size();
  }
  return at;
}

// The offset where the part starting at `start` ends.
size_t part_end(std::string_view s, std::string_view sep, size_t start) {
  const size_t at = find_sep(s, sep, start);
  return at == std::string_view::npos ? s.size() : at;
}

}  // namespace

std::unique_ptr<TextProgram> TextProgram::compile(const Program& program) {
  if (program.uses_env_map()) return nullptr;
  std::unique_ptr<TextProgram> text(new TextProgram());
  size_t root = 0;
  if (!text->compile_node(program.root(), root)) return nullptr;
  text->result_data_.resize(text->steps_.size());
  text->result_size_.resize(text->steps_.size());
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
    Step& kid = steps_[s.kid];
    if (kid.op == Op::UserAgent && kid.memo->letter_case() == UserAgentMemo::Case::AsIs) {
      // The user agent's memo remembers its answers in this case: this node is that step.
      kid.memo = std::make_unique<UserAgentMemo>(
          kid.text, s.op == Op::Lower ? UserAgentMemo::Case::Lower : UserAgentMemo::Case::Upper);
      step = s.kid;
      return true;
    }
  } else if (origin_of(node, "parseUserAgent") == Origin::GlassFlow) {
    s.op = Op::UserAgent;
    if (node.kids.size() != 2 || !string_literal(node.kids[1].get())) return false;
    s.text = node.kids[1]->literal.as_string();
    if (!compile_node(*node.kids[0], s.kid)) return false;
    s.memo = std::make_unique<UserAgentMemo>(s.text);
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
    s.same_sep = s.join_sep == s.text;
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
        s.op == Op::Variable || s.op == Op::Literal ? std::string_view() : result_of(s.kid);
    std::string& buffer = buffers_[i];
    std::string_view result;
    switch (s.op) {
      case Op::Variable:
        if (s.slot >= variables.size()) return false;
        result = std::string_view(variables[s.slot].data(), variables[s.slot].size());
        break;
      case Op::Literal:
        result = s.text;
        break;
      case Op::Concat:
        buffer.assign(in);
        buffer.append(result_of(s.right));
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
        result = s.memo->classify(in);
        break;
      case Op::SplitIndex: {
        if (in.empty() && s.empty_is_string) return false;
        int64_t index = s.index;
        if (index < 0) index += static_cast<int64_t>(count_parts(in, s.text));
        const size_t start = index < 0 ? std::string_view::npos : skip_parts(in, s.text, 0, index);
        if (start == std::string_view::npos) return false;  // out of range: the evaluator says so
        result = in.substr(start, part_end(in, s.text, start) - start);
        break;
      }
      case Op::SplitJoin: {
        // Of "", GlassFlow's split gives "" (sliced: "", joined: "") and the builtin's [""].
        if (in.empty()) {
          result = std::string_view();
          break;
        }
        // The slice's parts [from, to); the parts are counted only for a negative bound, the
        // scans below stop at the last part otherwise (clamping as the slice does).
        int64_t from = s.has_from ? s.from : 0;
        int64_t to = s.has_to ? s.to : INT64_MAX;
        if (from < 0 || to < 0) {
          const int64_t n = static_cast<int64_t>(count_parts(in, s.text));
          if (from < 0) from = std::max<int64_t>(from + n, 0);
          if (to < 0) to = std::max<int64_t>(to + n, 0);
        }
        const size_t start = from < to ? skip_parts(in, s.text, 0, from) : std::string_view::npos;
        if (start == std::string_view::npos) {
          result = std::string_view();
          break;
        }
        if (s.same_sep && !s.has_to) {  // the rest, joined back as it was
          result = in.substr(start);
          break;
        }
        if (s.same_sep) {  // consecutive parts joined back: a substring
          const size_t last = skip_parts(in, s.text, start, to - from - 1);
          const size_t end =
              last == std::string_view::npos ? in.size() : part_end(in, s.text, last);
          result = in.substr(start, end - start);
          break;
        }
        buffer.clear();
        for (size_t at = start, k = 0; static_cast<int64_t>(k) < to - from; ++k) {
          const size_t end = part_end(in, s.text, at);
          if (k > 0) buffer += s.join_sep;
          buffer.append(in.substr(at, end - at));
          if (end == in.size()) break;
          at = end + s.text.size();
        }
        result = buffer;
        break;
      }
    }
    result_data_[i] = result.data();
    result_size_[i] = result.size();
  }
  out = result_of(steps_.size() - 1);
  return true;
}

}  // namespace sluice::expr
