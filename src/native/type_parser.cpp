#include "native/type_parser.h"

#include <charconv>
#include <optional>
#include <string>

namespace sluice::native {
namespace {

struct SimpleType {
  std::string_view name;
  TypeKind kind;
};

// Types that take no parameters.
constexpr SimpleType kSimpleTypes[] = {
    {"String", TypeKind::String},   {"Int8", TypeKind::Int8},       {"Int16", TypeKind::Int16},
    {"Int32", TypeKind::Int32},     {"Int64", TypeKind::Int64},     {"Int128", TypeKind::Int128},
    {"Int256", TypeKind::Int256},   {"UInt8", TypeKind::UInt8},     {"UInt16", TypeKind::UInt16},
    {"UInt32", TypeKind::UInt32},   {"UInt64", TypeKind::UInt64},   {"UInt128", TypeKind::UInt128},
    {"UInt256", TypeKind::UInt256}, {"Float32", TypeKind::Float32}, {"Float64", TypeKind::Float64},
    {"Bool", TypeKind::Bool},       {"Date", TypeKind::Date},       {"Date32", TypeKind::Date32},
    {"UUID", TypeKind::UUID},       {"IPv4", TypeKind::IPv4},       {"IPv6", TypeKind::IPv6},
};

bool is_ident_start(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}
bool is_ident_char(char c) {
  return is_ident_start(c) || (c >= '0' && c <= '9');
}

std::string quote_sql(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  out += '\'';
  return out;
}

// Recursive-descent parser over one type string. Every failure records the first error and
// unwinds through std::nullopt; no exceptions.
class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  Result<TypeDesc> parse_all() {
    std::optional<TypeDesc> type = parse_type();
    if (type) {
      skip_space();
      if (pos_ != text_.size()) fail("unexpected \"" + std::string(text_.substr(pos_)) + "\"");
    }
    if (!error_.empty()) return Error(ErrorCode::InvalidArgument, error_);
    return std::move(*type);
  }

 private:
  void skip_space() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                                   text_[pos_] == '\n' || text_[pos_] == '\r'))
      ++pos_;
  }
  bool at_end() {
    skip_space();
    return pos_ >= text_.size();
  }
  void fail(const std::string& what) { fail_at(what, pos_); }
  void fail_at(const std::string& what, size_t at) {
    if (error_.empty()) error_ = what + " at position " + std::to_string(at);
  }
  bool peek(char c) {
    skip_space();
    return pos_ < text_.size() && text_[pos_] == c;
  }
  bool expect(char c) {
    if (peek(c)) {
      ++pos_;
      return true;
    }
    if (at_end()) {
      fail(std::string("expected \"") + c + "\" but the type ends");
    } else {
      fail(std::string("expected \"") + c + "\" but found \"" + text_[pos_] + "\"");
    }
    return false;
  }
  std::string_view identifier() {
    skip_space();
    size_t start = pos_;
    if (pos_ < text_.size() && is_ident_start(text_[pos_])) {
      while (pos_ < text_.size() && is_ident_char(text_[pos_])) ++pos_;
    }
    return text_.substr(start, pos_ - start);
  }
  std::optional<int64_t> integer() {
    skip_space();
    size_t start = pos_;
    if (pos_ < text_.size() && text_[pos_] == '-') ++pos_;
    while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
    int64_t v = 0;
    auto [end, ec] = std::from_chars(text_.data() + start, text_.data() + pos_, v);
    if (ec != std::errc() || end != text_.data() + pos_ || start == pos_) {
      pos_ = start;
      fail("expected an integer");
      return std::nullopt;
    }
    return v;
  }
  // A single-quoted string with backslash escapes.
  std::optional<std::string> quoted() {
    skip_space();
    if (pos_ >= text_.size() || text_[pos_] != '\'') {
      fail("expected a quoted string");
      return std::nullopt;
    }
    size_t start = pos_++;
    std::string out;
    while (pos_ < text_.size() && text_[pos_] != '\'') {
      if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) ++pos_;
      out += text_[pos_++];
    }
    if (pos_ >= text_.size()) {
      fail_at("unterminated string", start);
      return std::nullopt;
    }
    ++pos_;
    return out;
  }

  std::optional<TypeDesc> parse_type();
  std::optional<TypeDesc> parse_wrapper(TypeKind kind, std::string_view name);
  std::optional<TypeDesc> parse_decimal(std::string_view name);
  std::optional<TypeDesc> parse_datetime(bool is64);
  std::optional<TypeDesc> parse_enum(TypeKind kind);
  std::optional<TypeDesc> parse_map();
  std::optional<TypeDesc> parse_tuple();

  std::string_view text_;
  size_t pos_ = 0;
  std::string error_;
};

std::optional<TypeDesc> Parser::parse_type() {
  skip_space();
  size_t at = pos_;
  std::string_view name = identifier();
  if (name.empty()) {
    if (at_end()) {
      fail("expected a type name but the type ends");
    } else {
      fail("expected a type name");
    }
    return std::nullopt;
  }
  for (const SimpleType& s : kSimpleTypes) {
    if (s.name == name) {
      if (peek('(')) {
        fail("type " + std::string(name) + " takes no parameters");
        return std::nullopt;
      }
      TypeDesc t;
      t.kind = s.kind;
      t.name = std::string(name);
      return t;
    }
  }
  if (name == "FixedString") {
    if (!expect('(')) return std::nullopt;
    size_t n_at = (skip_space(), pos_);
    std::optional<int64_t> n = integer();
    if (!n) return std::nullopt;
    if (*n <= 0 || *n > 0xFFFFFF) {
      fail_at("FixedString length must be between 1 and 16777215", n_at);
      return std::nullopt;
    }
    if (!expect(')')) return std::nullopt;
    TypeDesc t;
    t.kind = TypeKind::FixedString;
    t.length = static_cast<uint32_t>(*n);
    t.name = "FixedString(" + std::to_string(*n) + ")";
    return t;
  }
  if (name == "Decimal" || name == "Decimal32" || name == "Decimal64" || name == "Decimal128" ||
      name == "Decimal256")
    return parse_decimal(name);
  if (name == "DateTime") return parse_datetime(false);
  if (name == "DateTime64") return parse_datetime(true);
  if (name == "Enum8") return parse_enum(TypeKind::Enum8);
  if (name == "Enum16") return parse_enum(TypeKind::Enum16);
  if (name == "Nullable") return parse_wrapper(TypeKind::Nullable, name);
  if (name == "LowCardinality") return parse_wrapper(TypeKind::LowCardinality, name);
  if (name == "Array") return parse_wrapper(TypeKind::Array, name);
  if (name == "Map") return parse_map();
  if (name == "Tuple") return parse_tuple();
  fail_at("unknown type \"" + std::string(name) + "\"", at);
  return std::nullopt;
}

bool allowed_in_low_cardinality(TypeKind k) {
  switch (k) {
    case TypeKind::Array:
    case TypeKind::Map:
    case TypeKind::Tuple:
    case TypeKind::LowCardinality:
    case TypeKind::Decimal:
    case TypeKind::Enum8:
    case TypeKind::Enum16:
      return false;
    default:
      return true;
  }
}

std::optional<TypeDesc> Parser::parse_wrapper(TypeKind kind, std::string_view name) {
  if (!expect('(')) return std::nullopt;
  size_t inner_at = (skip_space(), pos_);
  std::optional<TypeDesc> inner = parse_type();
  if (!inner || !expect(')')) return std::nullopt;
  TypeKind ik = inner->kind;
  if (kind == TypeKind::Nullable &&
      (ik == TypeKind::Nullable || ik == TypeKind::Array || ik == TypeKind::Map ||
       ik == TypeKind::Tuple || ik == TypeKind::LowCardinality)) {
    fail_at(inner->name + " cannot be inside Nullable", inner_at);
    return std::nullopt;
  }
  if (kind == TypeKind::LowCardinality) {
    bool ok = allowed_in_low_cardinality(ik) &&
              (ik != TypeKind::Nullable || allowed_in_low_cardinality(inner->children[0].kind));
    if (!ok) {
      fail_at(inner->name + " cannot be inside LowCardinality", inner_at);
      return std::nullopt;
    }
  }
  TypeDesc t;
  t.kind = kind;
  t.name = std::string(name) + "(" + inner->name + ")";
  t.children.push_back(std::move(*inner));
  return t;
}

std::optional<TypeDesc> Parser::parse_decimal(std::string_view name) {
  TypeDesc t;
  t.kind = TypeKind::Decimal;
  int64_t precision = 10;
  int64_t scale = 0;
  size_t p_at = pos_;
  if (name == "Decimal") {
    // Decimal, Decimal(P) and Decimal(P, S) are all valid ClickHouse spellings.
    if (peek('(')) {
      ++pos_;
      p_at = (skip_space(), pos_);
      std::optional<int64_t> p = integer();
      if (!p) return std::nullopt;
      precision = *p;
      if (peek(',')) {
        ++pos_;
        std::optional<int64_t> s = integer();
        if (!s) return std::nullopt;
        scale = *s;
      }
      if (!expect(')')) return std::nullopt;
    }
  } else {
    precision = name == "Decimal32" ? 9 : name == "Decimal64" ? 18 : name == "Decimal128" ? 38 : 76;
    if (!expect('(')) return std::nullopt;
    p_at = (skip_space(), pos_);
    std::optional<int64_t> s = integer();
    if (!s || !expect(')')) return std::nullopt;
    scale = *s;
  }
  if (precision < 1 || precision > 76) {
    fail_at("Decimal precision " + std::to_string(precision) + " is not between 1 and 76", p_at);
    return std::nullopt;
  }
  if (scale < 0 || scale > precision) {
    fail_at("Decimal scale " + std::to_string(scale) + " is not between 0 and the precision " +
                std::to_string(precision),
            p_at);
    return std::nullopt;
  }
  t.precision = static_cast<uint32_t>(precision);
  t.scale = static_cast<uint32_t>(scale);
  t.name = "Decimal(" + std::to_string(precision) + ", " + std::to_string(scale) + ")";
  return t;
}

std::optional<TypeDesc> Parser::parse_datetime(bool is64) {
  TypeDesc t;
  t.kind = is64 ? TypeKind::DateTime64 : TypeKind::DateTime;
  std::string args;
  if (is64) {
    if (!expect('(')) return std::nullopt;
    size_t p_at = (skip_space(), pos_);
    std::optional<int64_t> p = integer();
    if (!p) return std::nullopt;
    if (*p < 0 || *p > 9) {
      fail_at("DateTime64 precision " + std::to_string(*p) + " is not between 0 and 9", p_at);
      return std::nullopt;
    }
    t.precision = static_cast<uint32_t>(*p);
    args = std::to_string(*p);
    if (peek(',')) {
      ++pos_;
      std::optional<std::string> tz = quoted();
      if (!tz) return std::nullopt;
      t.timezone = *tz;
      args += ", " + quote_sql(*tz);
    }
    if (!expect(')')) return std::nullopt;
  } else if (peek('(')) {
    ++pos_;
    std::optional<std::string> tz = quoted();
    if (!tz || !expect(')')) return std::nullopt;
    t.timezone = *tz;
    args = quote_sql(*tz);
  }
  t.name = is64 ? "DateTime64(" + args + ")" : args.empty() ? "DateTime" : "DateTime(" + args + ")";
  return t;
}

std::optional<TypeDesc> Parser::parse_enum(TypeKind kind) {
  TypeDesc t;
  t.kind = kind;
  const int64_t lo = kind == TypeKind::Enum8 ? -128 : -32768;
  const int64_t hi = kind == TypeKind::Enum8 ? 127 : 32767;
  if (!expect('(')) return std::nullopt;
  std::string body;
  do {
    size_t entry_at = (skip_space(), pos_);
    std::optional<std::string> name = quoted();
    if (!name || !expect('=')) return std::nullopt;
    size_t v_at = (skip_space(), pos_);
    std::optional<int64_t> v = integer();
    if (!v) return std::nullopt;
    if (*v < lo || *v > hi) {
      fail_at("enum value " + std::to_string(*v) + " does not fit " +
                  (kind == TypeKind::Enum8 ? "Enum8" : "Enum16"),
              v_at);
      return std::nullopt;
    }
    for (const EnumValue& e : t.enum_values) {
      if (e.name == *name || e.value == *v) {
        fail_at("duplicate enum entry " + quote_sql(*name) + " = " + std::to_string(*v), entry_at);
        return std::nullopt;
      }
    }
    if (!body.empty()) body += ", ";
    body += quote_sql(*name) + " = " + std::to_string(*v);
    t.enum_values.push_back(EnumValue{std::move(*name), static_cast<int16_t>(*v)});
  } while (peek(',') && ++pos_);
  if (!expect(')')) return std::nullopt;
  t.name = std::string(kind == TypeKind::Enum8 ? "Enum8(" : "Enum16(") + body + ")";
  return t;
}

std::optional<TypeDesc> Parser::parse_map() {
  if (!expect('(')) return std::nullopt;
  std::optional<TypeDesc> key = parse_type();
  if (!key || !expect(',')) return std::nullopt;
  std::optional<TypeDesc> value = parse_type();
  if (!value || !expect(')')) return std::nullopt;
  TypeDesc t;
  t.kind = TypeKind::Map;
  t.name = "Map(" + key->name + ", " + value->name + ")";
  t.children.push_back(std::move(*key));
  t.children.push_back(std::move(*value));
  return t;
}

// Tuple(T1, T2) or Tuple(a T1, b T2): an element is named when an identifier is followed by
// another type instead of "(", "," or ")".
std::optional<TypeDesc> Parser::parse_tuple() {
  TypeDesc t;
  t.kind = TypeKind::Tuple;
  if (!expect('(')) return std::nullopt;
  std::string body;
  do {
    skip_space();
    size_t start = pos_;
    std::string element_name;
    if (pos_ < text_.size() && text_[pos_] == '`') {
      size_t close = text_.find('`', pos_ + 1);
      if (close == std::string_view::npos) {
        fail("unterminated `name`");
        return std::nullopt;
      }
      element_name = std::string(text_.substr(pos_ + 1, close - pos_ - 1));
      pos_ = close + 1;
    } else {
      std::string_view ident = identifier();
      skip_space();
      bool named = !ident.empty() && pos_ < text_.size() && is_ident_start(text_[pos_]) &&
                   pos_ > start + ident.size();
      if (named) {
        element_name = std::string(ident);
      } else {
        pos_ = start;
      }
    }
    if (!element_name.empty() || (pos_ > start)) {
      if (t.children.size() != t.element_names.size()) {
        fail_at("mixing named and unnamed Tuple elements", start);
        return std::nullopt;
      }
    } else if (!t.element_names.empty()) {
      fail_at("mixing named and unnamed Tuple elements", start);
      return std::nullopt;
    }
    std::optional<TypeDesc> element = parse_type();
    if (!element) return std::nullopt;
    if (!body.empty()) body += ", ";
    if (!element_name.empty()) {
      body += element_name + " ";
      t.element_names.push_back(element_name);
    }
    body += element->name;
    t.children.push_back(std::move(*element));
  } while (peek(',') && ++pos_);
  if (!expect(')')) return std::nullopt;
  t.name = "Tuple(" + body + ")";
  return t;
}

}  // namespace

Result<TypeDesc> parse_type(std::string_view text) {
  return Parser(text).parse_all();
}

}  // namespace sluice::native
