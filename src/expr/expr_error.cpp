#include "expr/expr_error.h"

#include "expr/utf8.h"

namespace sluice::expr {

std::string ExprError::short_text() const {
  if (line == 0) return message;
  return message + " (" + std::to_string(line) + ":" + std::to_string(column) + ")";
}

ExprError make_error(std::string_view source, size_t pos, std::string message) {
  ExprError error;
  error.message = std::move(message);
  error.line = 1;
  int column = 0;
  size_t line_start = 0;
  for (size_t at = 0, size = 0; at < source.size() && at < pos; at += size) {
    const char32_t cp = utf8::decode(source, at, size);
    if (cp == '\n') {
      ++error.line;
      column = 0;
      line_start = at + 1;
    } else {
      ++column;
    }
  }
  error.column = column + 1;
  size_t line_end = source.find('\n', line_start);
  if (line_end == std::string_view::npos) line_end = source.size();
  std::string snippet(source.substr(line_start, line_end - line_start));
  for (char& c : snippet) {
    if (c == '\t') c = ' ';
  }
  error.formatted = error.short_text() + "\n | " + snippet + "\n | " +
                    std::string(static_cast<size_t>(column), '.') + "^";
  return error;
}

}  // namespace sluice::expr
