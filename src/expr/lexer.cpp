#include "expr/lexer.h"

#include <array>
#include <cerrno>
#include <cstdlib>

#include "expr/expr_error.h"
#include "expr/utf8.h"

namespace sluice::expr {
namespace {

constexpr std::array<std::string_view, 11> kWordOperators = {
    "not", "in", "and", "or", "matches", "contains", "startsWith", "endsWith", "let", "if", "else"};

// Longest first, so that `**` wins over `*`.
constexpr std::array<std::string_view, 32> kPunctuation = {
    "**", "==", "!=", "<=", ">=", "&&", "||", "??", "?.", "::", "..", "+", "-", "*", "/", "%",
    "^",  "<",  ">",  "!",  "?",  ":",  ".",  ",",  ";",  "|",  "#",  "=", "(", ")", "[", "]"};

bool is_ident_start(char32_t cp) {
  return cp == '_' || cp == '$' || utf8::is_letter(cp);
}
bool is_ident_char(char32_t cp) {
  return is_ident_start(cp) || utf8::is_digit(cp);
}
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

class Lexer {
 public:
  explicit Lexer(std::string_view source) : src_(source) {}

  std::vector<Token> run() {
    std::vector<Token> out;
    while (true) {
      skip_space_and_comments();
      if (at_ >= src_.size()) break;
      out.push_back(next());
    }
    Token end;
    end.pos = src_.size();
    out.push_back(end);
    return out;
  }

 private:
  [[noreturn]] void fail(size_t pos, std::string message) const {
    throw CompileFailure{std::move(message), pos};
  }
  char peek(size_t ahead = 0) const { return at_ + ahead < src_.size() ? src_[at_ + ahead] : '\0'; }

  void skip_space_and_comments() {
    while (at_ < src_.size()) {
      size_t size = 0;
      const char32_t cp = utf8::decode(src_, at_, size);
      if (utf8::is_space(cp)) {
        at_ += size;
      } else if (peek() == '/' && peek(1) == '/') {
        while (at_ < src_.size() && src_[at_] != '\n') ++at_;
      } else if (peek() == '/' && peek(1) == '*') {
        const size_t end = src_.find("*/", at_ + 2);
        if (end == std::string_view::npos) fail(at_, "unclosed comment");
        at_ = end + 2;
      } else {
        return;
      }
    }
  }

  Token next() {
    size_t size = 0;
    const char32_t cp = utf8::decode(src_, at_, size);
    const char c = src_[at_];
    if (c >= '0' && c <= '9') return number();
    if (c == '.' && peek(1) >= '0' && peek(1) <= '9') return number();
    if (c == '"' || c == '\'') return quoted(c);
    if (c == '`') return raw();
    if (is_ident_start(cp)) return identifier();
    Token token;
    token.pos = at_;
    if (c == '{' || c == '}' || c == '(' || c == ')' || c == '[' || c == ']') {
      token.kind = TokenKind::Bracket;
      token.text = std::string(1, c);
      ++at_;
      return token;
    }
    for (std::string_view p : kPunctuation) {
      if (src_.substr(at_, p.size()) == p) {
        token.kind = p.size() == 1 && (p == "(" || p == ")" || p == "[" || p == "]")
                         ? TokenKind::Bracket
                         : TokenKind::Operator;
        token.text = std::string(p);
        at_ += p.size();
        return token;
      }
    }
    std::string shown;
    utf8::append(shown, cp);
    fail(at_, "unexpected token Operator(\"" + shown + "\")");
  }

  Token identifier() {
    Token token;
    token.pos = at_;
    token.kind = TokenKind::Identifier;
    while (at_ < src_.size()) {
      size_t size = 0;
      const char32_t cp = utf8::decode(src_, at_, size);
      if (!is_ident_char(cp)) break;
      at_ += size;
    }
    token.text = std::string(src_.substr(token.pos, at_ - token.pos));
    for (std::string_view word : kWordOperators) {
      if (token.text == word) token.kind = TokenKind::Operator;
    }
    return token;
  }

  Token number() {
    Token token;
    token.pos = at_;
    int base = 10;
    bool is_float = false;
    auto digit_ok = [&](char d) {
      if (d == '_') return true;
      if (base == 16) return hex_value(d) >= 0;
      if (base == 8) return d >= '0' && d <= '7';
      if (base == 2) return d == '0' || d == '1';
      return d >= '0' && d <= '9';
    };
    if (peek() == '0' && (peek(1) == 'x' || peek(1) == 'X')) base = 16;
    if (peek() == '0' && (peek(1) == 'o' || peek(1) == 'O')) base = 8;
    if (peek() == '0' && (peek(1) == 'b' || peek(1) == 'B')) base = 2;
    if (base != 10) at_ += 2;
    while (at_ < src_.size() && digit_ok(peek())) ++at_;
    if (base == 10) {
      if (peek() == '.' && peek(1) != '.') {
        is_float = true;
        ++at_;
        while (at_ < src_.size() && digit_ok(peek())) ++at_;
      }
      if (peek() == 'e' || peek() == 'E') {
        is_float = true;
        ++at_;
        if (peek() == '+' || peek() == '-') ++at_;
        while (at_ < src_.size() && digit_ok(peek())) ++at_;
      }
    }
    // A number running straight into a letter or digit is one bad token.
    bool bad = false;
    while (at_ < src_.size()) {
      size_t size = 0;
      const char32_t cp = utf8::decode(src_, at_, size);
      if (!is_ident_char(cp) || cp == '$') break;
      bad = true;
      at_ += size;
    }
    const std::string text(src_.substr(token.pos, at_ - token.pos));
    token.text = text;
    if (bad) fail(token.pos, "bad number syntax: \"" + text + "\"");
    std::string digits;
    for (char d : text) {
      if (d != '_') digits += d;
    }
    if (is_float) {
      token.kind = TokenKind::Float;
      const char last = digits.back();
      char* end = nullptr;
      errno = 0;
      token.float_value = std::strtod(digits.c_str(), &end);
      if (last == 'e' || last == 'E' || last == '+' || last == '-' ||
          end != digits.c_str() + digits.size()) {
        fail(token.pos,
             "invalid float literal: strconv.ParseFloat: parsing \"" + text + "\": invalid syntax");
      }
      return token;
    }
    token.kind = TokenKind::Int;
    const std::string body = base == 10 ? digits : digits.substr(2);
    if (body.empty()) fail(token.pos, "bad number syntax: \"" + text + "\"");
    uint64_t value = 0;
    for (char d : body) {
      const uint64_t v = static_cast<uint64_t>(hex_value(d));
      if (value > (UINT64_MAX - v) / static_cast<uint64_t>(base))
        value = UINT64_MAX;
      else
        value = value * static_cast<uint64_t>(base) + v;
    }
    if (value > static_cast<uint64_t>(INT64_MAX)) {
      fail(token.pos, "invalid integer literal: strconv.ParseInt: parsing \"" + text +
                          "\": value out of range");
    }
    token.int_value = static_cast<int64_t>(value);
    return token;
  }

  Token quoted(char quote) {
    Token token;
    token.pos = at_;
    token.kind = TokenKind::String;
    ++at_;
    while (true) {
      if (at_ >= src_.size() || src_[at_] == '\n') fail(token.pos, "literal not terminated");
      const char c = src_[at_];
      if (c == quote) {
        ++at_;
        return token;
      }
      if (c != '\\') {
        token.text += c;
        ++at_;
        continue;
      }
      escape(quote, token.text);
    }
  }

  void escape(char quote, std::string& out) {
    const size_t start = at_;
    ++at_;  // the backslash
    const char c = peek();
    auto need_hex = [&](size_t count) {
      char32_t cp = 0;
      for (size_t i = 0; i < count; ++i) {
        const int v = hex_value(peek());
        if (v < 0) fail(start, "invalid char escape");
        cp = cp * 16 + static_cast<char32_t>(v);
        ++at_;
      }
      return cp;
    };
    ++at_;
    switch (c) {
      case 'a':
        out += '\a';
        return;
      case 'b':
        out += '\b';
        return;
      case 'f':
        out += '\f';
        return;
      case 'n':
        out += '\n';
        return;
      case 'r':
        out += '\r';
        return;
      case 't':
        out += '\t';
        return;
      case 'v':
        out += '\v';
        return;
      case '\\':
        out += '\\';
        return;
      case 'x':
        utf8::append(out, need_hex(2));
        return;
      case 'U': {
        const char32_t cp = need_hex(8);
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) fail(start, "invalid char escape");
        utf8::append(out, cp);
        return;
      }
      case 'u': {
        if (peek() == '{') {
          ++at_;
          char32_t cp = 0;
          size_t n = 0;
          while (hex_value(peek()) >= 0 && n < 7) {
            cp = cp * 16 + static_cast<char32_t>(hex_value(peek()));
            ++at_;
            ++n;
          }
          if (peek() != '}' || n == 0 || n > 6 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            fail(start, "invalid char escape");
          ++at_;
          utf8::append(out, cp);
          return;
        }
        const char32_t cp = need_hex(4);
        if (cp >= 0xD800 && cp <= 0xDFFF) fail(start, "invalid char escape");
        utf8::append(out, cp);
        return;
      }
      default:
        break;
    }
    if (c == quote) {
      out += c;
      return;
    }
    if (c >= '0' && c <= '3') {
      char32_t cp = static_cast<char32_t>(c - '0');
      for (int i = 0; i < 2; ++i) {
        if (peek() < '0' || peek() > '7') fail(start, "invalid char escape");
        cp = cp * 8 + static_cast<char32_t>(peek() - '0');
        ++at_;
      }
      utf8::append(out, cp);
      return;
    }
    fail(start, "invalid char escape");
  }

  Token raw() {
    Token token;
    token.pos = at_;
    token.kind = TokenKind::String;
    ++at_;
    while (true) {
      if (at_ >= src_.size()) fail(token.pos, "literal not terminated");
      if (src_[at_] == '`') {
        if (peek(1) == '`') {  // a doubled backtick stands for one
          token.text += '`';
          at_ += 2;
          continue;
        }
        ++at_;
        return token;
      }
      token.text += src_[at_++];
    }
  }

  std::string_view src_;
  size_t at_ = 0;
};

}  // namespace

std::vector<Token> tokenize(std::string_view source) {
  return Lexer(source).run();
}

}  // namespace sluice::expr
