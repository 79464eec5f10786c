#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "expr/program.h"
#include "expr/user_agent_memo.h"

// A string-valued expression compiled a second time, for the common shapes of stateless
// outputs, to work on views of its inputs' bytes: no Value, no heap array for split(), and
// results that are substrings of an input (split(...)[i], a join of consecutive parts with
// the same separator, a lower() that changes nothing) are not copied at all.
//
// Shapes (any nesting; `s` is a shape, `'x'` a string literal, `i a b` int literals):
//   name (a variable), 'x', s + s, lower(s), upper(s), parseUserAgent(s, 'x'),
//   split(s, 'x')[i], join(split(s, 'x'), 'x'), join(split(s, 'x')[a:b], 'x') (a, b optional)
// with the builtin or the GlassFlow split/join/lower/upper, whichever the program resolved.
// run() declines a row (returns false) whenever the general evaluator might do anything but
// return the same string: a variable that is not a string, an index out of range, an index
// into GlassFlow's split of "" (a string, not a list). The caller then runs the Program itself,
// which gives the exact result or error. Not thread-safe (scratch buffers); one per thread.
namespace sluice::expr {

class TextProgram {
 public:
  // Null when `program` is not made only of the shapes above.
  static std::unique_ptr<TextProgram> compile(const Program& program);

  // `variables[i]` is the text of Program::variables()[i] (the caller declines rows where one
  // is not a string). `out` stays valid until the next run() and while the inputs live.
  bool run(std::span<const std::string_view> variables, std::string_view& out);

 private:
  enum class Op { Variable, Literal, Concat, Lower, Upper, UserAgent, SplitIndex, SplitJoin };
  struct Step {
    Op op = Op::Literal;
    size_t kid = 0;         // the input step (every op but Variable/Literal), an earlier step
    size_t right = 0;       // Concat: the right input step
    size_t slot = 0;        // Variable
    std::string text;       // Literal; UserAgent: the part; Split*: the separator
    std::string join_sep;   // SplitJoin
    bool same_sep = false;  // SplitJoin: join_sep == text (worked out once, not per record)
    int64_t index = 0;      // SplitIndex
    bool has_from = false, has_to = false;  // SplitJoin: the slice's bounds, when given
    int64_t from = 0, to = 0;
    bool empty_is_string = false;         // SplitIndex: GlassFlow's split("") is a string: decline
    std::unique_ptr<UserAgentMemo> memo;  // UserAgent
  };

  bool compile_node(const Node& node, size_t& step);
  bool compile_split(const Node& call, size_t& kid, std::string& sep, bool& empty_is_string);
  size_t add(Step step);

  std::vector<Step> steps_;  // in evaluation order: kids before their users
  // Per step, during run(): its result's bytes and size, kept apart. A string_view stored as
  // two words and read back as one 16-byte copy stalls the load (store forwarding fails).
  std::string_view result_of(size_t step) const { return {result_data_[step], result_size_[step]}; }
  std::vector<const char*> result_data_;
  std::vector<size_t> result_size_;
  std::vector<std::string> buffers_;  // per step: bytes a result was built in
};

}  // namespace sluice::expr
