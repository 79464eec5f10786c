// fromJSON: encoding/json's decoding into `any` (numbers become floats, the last duplicate key
// wins) with Go's error messages.
#include <cstdlib>

#include "expr/utf8.h"
#include "expr/value_format.h"

namespace sluice::expr {
namespace {

class JsonReader {
 public:
  explicit JsonReader(std::string_view text) : s_(text) {}

  std::optional<Value> run(std::string& error) {
    Value v;
    if (!value(v, 0)) {
      error = error_;
      return std::nullopt;
    }
    space();
    if (at_ < s_.size()) {
      error = "invalid character " + quote_char(s_[at_]) + " after top-level value";
      return std::nullopt;
    }
    return v;
  }

 private:
  static std::string quote_char(char c) { return "'" + std::string(1, c) + "'"; }
  bool fail_here(std::string_view context) {
    if (at_ >= s_.size()) {
      error_ = "unexpected end of JSON input";
    } else {
      error_ = "invalid character " + quote_char(s_[at_]) + " " + std::string(context);
    }
    return false;
  }
  void space() {
    while (at_ < s_.size() &&
           (s_[at_] == ' ' || s_[at_] == '\t' || s_[at_] == '\n' || s_[at_] == '\r'))
      ++at_;
  }
  bool literal(std::string_view word, Value v, Value& out) {
    if (s_.substr(at_, word.size()) != word) {
      for (size_t i = 0; i < word.size(); ++i) {
        if (at_ + i >= s_.size()) return fail_here("");
        if (s_[at_ + i] != word[i]) {
          at_ += i;
          return fail_here("in literal " + std::string(word) + " (expecting " +
                           quote_char(word[i]) + ")");
        }
      }
    }
    at_ += word.size();
    out = std::move(v);
    return true;
  }

  bool value(Value& out, int depth) {
    if (depth > 10000) {
      error_ = "exceeded max depth";
      return false;
    }
    space();
    if (at_ >= s_.size()) return fail_here("");
    const char c = s_[at_];
    if (c == '{') return object(out, depth);
    if (c == '[') return array(out, depth);
    if (c == '"') {
      std::string text;
      if (!string(text)) return false;
      out = Value(std::move(text));
      return true;
    }
    if (c == 't') return literal("true", Value(true), out);
    if (c == 'f') return literal("false", Value(false), out);
    if (c == 'n') return literal("null", Value(), out);
    if (c == '-' || (c >= '0' && c <= '9')) return number(out);
    return fail_here("looking for beginning of value");
  }

  bool number(Value& out) {
    const size_t start = at_;
    if (s_[at_] == '-') ++at_;
    auto digits = [&]() {
      const size_t from = at_;
      while (at_ < s_.size() && s_[at_] >= '0' && s_[at_] <= '9') ++at_;
      return at_ - from;
    };
    if (at_ < s_.size() && s_[at_] == '0') {
      ++at_;
    } else if (digits() == 0) {
      return fail_here("in numeric literal");
    }
    if (at_ < s_.size() && s_[at_] == '.') {
      ++at_;
      if (digits() == 0) return fail_here("after decimal point in numeric literal");
    }
    if (at_ < s_.size() && (s_[at_] == 'e' || s_[at_] == 'E')) {
      ++at_;
      if (at_ < s_.size() && (s_[at_] == '+' || s_[at_] == '-')) ++at_;
      if (digits() == 0) return fail_here("in exponent of numeric literal");
    }
    const std::string text(s_.substr(start, at_ - start));
    out = Value(std::strtod(text.c_str(), nullptr));
    return true;
  }

  bool string(std::string& out) {
    ++at_;
    while (true) {
      if (at_ >= s_.size()) return fail_here("");
      const char c = s_[at_];
      if (c == '"') {
        ++at_;
        return true;
      }
      if (static_cast<unsigned char>(c) < 0x20) return fail_here("in string literal");
      if (c != '\\') {
        out += c;
        ++at_;
        continue;
      }
      ++at_;
      if (at_ >= s_.size()) return fail_here("");
      const char e = s_[at_++];
      switch (e) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          char32_t cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xD800 && cp < 0xDC00 && s_.substr(at_, 2) == "\\u") {
            const size_t save = at_;
            at_ += 2;
            char32_t low = 0;
            if (hex4(low) && low >= 0xDC00 && low < 0xE000) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            } else {
              at_ = save;
              cp = utf8::kReplacement;
            }
          } else if (cp >= 0xD800 && cp < 0xE000) {
            cp = utf8::kReplacement;
          }
          utf8::append(out, cp);
          break;
        }
        default:
          --at_;
          return fail_here("in string escape code");
      }
    }
  }

  bool hex4(char32_t& cp) {
    for (int i = 0; i < 4; ++i) {
      if (at_ >= s_.size()) return fail_here("");
      const char h = s_[at_];
      int v = -1;
      if (h >= '0' && h <= '9') v = h - '0';
      if (h >= 'a' && h <= 'f') v = h - 'a' + 10;
      if (h >= 'A' && h <= 'F') v = h - 'A' + 10;
      if (v < 0) return fail_here("in \\u hexadecimal character escape");
      cp = cp * 16 + static_cast<char32_t>(v);
      ++at_;
    }
    return true;
  }

  bool array(Value& out, int depth) {
    ++at_;
    Array items;
    space();
    if (at_ < s_.size() && s_[at_] == ']') {
      ++at_;
      out = Value(std::move(items));
      return true;
    }
    while (true) {
      Value item;
      if (!value(item, depth + 1)) return false;
      items.push_back(std::move(item));
      space();
      if (at_ < s_.size() && s_[at_] == ',') {
        ++at_;
        continue;
      }
      if (at_ < s_.size() && s_[at_] == ']') {
        ++at_;
        out = Value(std::move(items));
        return true;
      }
      return fail_here("after array element");
    }
  }

  bool object(Value& out, int depth) {
    ++at_;
    Map items;
    space();
    if (at_ < s_.size() && s_[at_] == '}') {
      ++at_;
      out = Value(std::move(items));
      return true;
    }
    while (true) {
      space();
      if (at_ >= s_.size() || s_[at_] != '"') {
        return fail_here("looking for beginning of object key string");
      }
      std::string key;
      if (!string(key)) return false;
      space();
      if (at_ >= s_.size() || s_[at_] != ':') return fail_here("after object key");
      ++at_;
      Value item;
      if (!value(item, depth + 1)) return false;
      items.insert_or_assign(std::move(key), std::move(item));  // last duplicate wins, as Go
      space();
      if (at_ < s_.size() && s_[at_] == ',') {
        ++at_;
        continue;
      }
      if (at_ < s_.size() && s_[at_] == '}') {
        ++at_;
        out = Value(std::move(items));
        return true;
      }
      return fail_here("after object key:value pair");
    }
  }

  std::string_view s_;
  size_t at_ = 0;
  std::string error_;
};

}  // namespace

std::optional<Value> from_json(std::string_view text, std::string& error) {
  return JsonReader(text).run(error);
}

}  // namespace sluice::expr
