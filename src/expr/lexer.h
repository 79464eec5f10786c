#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// Splits an expr-lang source into tokens (expr-lang.md §1). Bytes literals are not supported.
namespace sluice::expr {

enum class TokenKind { End, Identifier, Int, Float, String, Operator, Bracket };

struct Token {
  TokenKind kind = TokenKind::End;
  // identifier, operator or bracket; a number as written; a string literal's decoded value
  std::string text;
  int64_t int_value = 0;
  double float_value = 0;
  size_t pos = 0;  // byte offset in the source

  bool is(TokenKind k, std::string_view t) const { return kind == k && text == t; }
  bool is_operator(std::string_view t) const { return is(TokenKind::Operator, t); }
  bool is_bracket(std::string_view t) const { return is(TokenKind::Bracket, t); }
};

// The tokens of `source`, ending with one End token. Throws CompileFailure on a lexical error.
std::vector<Token> tokenize(std::string_view source);

}  // namespace sluice::expr
