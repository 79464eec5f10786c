#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sluice::expr {

// A compile or runtime error of an expression, as expr-lang reports it: `message` is what
// GlassFlow puts into API errors and dead-letter records; line and column (1-based, column in
// code points) locate it in the source; `formatted` is `MESSAGE (LINE:COL)` followed by the
// source line and a caret line (`\n | <line>\n | ....^`).
struct ExprError {
  std::string message;
  int line = 0;
  int column = 0;
  std::string formatted;

  // `message (line:column)`, one line, for diagnostics.
  std::string short_text() const;
};

// Locates byte offset `pos` of `source` and builds the formatted text.
ExprError make_error(std::string_view source, size_t pos, std::string message);

// Thrown inside the compiler (lexer, parser, checker) and caught by expr::compile; never
// escapes the module.
struct CompileFailure {
  std::string message;
  size_t pos = 0;
};

}  // namespace sluice::expr
