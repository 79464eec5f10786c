#include "clickhouse/column_type.h"

#include <charconv>

namespace sluice::clickhouse {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

Error unsupported(std::string_view text, std::string_view why) {
  return Error(ErrorCode::Protocol, "column type " + std::string(text) + ": " + std::string(why));
}

// Splits "a, b(c, d), 'e,f'" at top-level commas.
std::vector<std::string_view> split_args(std::string_view s) {
  std::vector<std::string_view> parts;
  int depth = 0;
  bool in_quote = false;
  size_t start = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (in_quote) {
      if (c == '\\') {
        ++i;
      } else if (c == '\'') {
        in_quote = false;
      }
    } else if (c == '\'') {
      in_quote = true;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (c == ',' && depth == 0) {
      parts.push_back(trim(s.substr(start, i - start)));
      start = i + 1;
    }
  }
  parts.push_back(trim(s.substr(start)));
  return parts;
}

template <typename T>
bool parse_int(std::string_view text, T& out) {
  text = trim(text);
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size() && !text.empty();
}

// Parses "'name' = code".
bool parse_enum_item(std::string_view item, std::pair<int64_t, std::string>& out) {
  if (item.empty() || item.front() != '\'') return false;
  std::string name;
  size_t i = 1;
  for (; i < item.size() && item[i] != '\''; ++i) {
    if (item[i] == '\\' && i + 1 < item.size()) ++i;
    name.push_back(item[i]);
  }
  if (i >= item.size()) return false;
  std::string_view rest = trim(item.substr(i + 1));
  if (rest.empty() || rest.front() != '=') return false;
  out.second = std::move(name);
  return parse_int(rest.substr(1), out.first);
}

struct SimpleType {
  std::string_view name;
  TypeKind kind;
};

constexpr SimpleType kSimpleTypes[] = {
    {"Nothing", TypeKind::Nothing}, {"UInt8", TypeKind::UInt8},       {"UInt16", TypeKind::UInt16},
    {"UInt32", TypeKind::UInt32},   {"UInt64", TypeKind::UInt64},     {"Int8", TypeKind::Int8},
    {"Int16", TypeKind::Int16},     {"Int32", TypeKind::Int32},       {"Int64", TypeKind::Int64},
    {"Float32", TypeKind::Float32}, {"Float64", TypeKind::Float64},   {"String", TypeKind::String},
    {"Date", TypeKind::Date},       {"DateTime", TypeKind::DateTime}, {"UUID", TypeKind::UUID},
};

}  // namespace

bool ColumnType::quoted_in_composite() const {
  switch (kind) {
    case TypeKind::String:
    case TypeKind::FixedString:
    case TypeKind::Date:
    case TypeKind::DateTime:
    case TypeKind::UUID:
    case TypeKind::Enum8:
    case TypeKind::Enum16:
      return true;
    case TypeKind::Nullable:
    case TypeKind::LowCardinality:
      return args[0].quoted_in_composite();
    default:
      return false;
  }
}

Result<ColumnType> parse_column_type(std::string_view text) {
  text = trim(text);
  ColumnType t;
  size_t open = text.find('(');
  std::string_view name = text.substr(0, open);
  std::vector<std::string_view> args;
  if (open != std::string_view::npos) {
    if (text.back() != ')') return unsupported(text, "unbalanced parentheses");
    args = split_args(text.substr(open + 1, text.size() - open - 2));
  }
  for (const auto& simple : kSimpleTypes) {
    if (simple.name == name) {
      // DateTime('tz') carries only display metadata; values are printed in UTC.
      if (!args.empty() && simple.kind != TypeKind::DateTime) {
        return unsupported(text, "unexpected parameters");
      }
      t.kind = simple.kind;
      return t;
    }
  }
  auto nested = [&](TypeKind kind, size_t arity) -> Result<ColumnType> {
    if (args.size() != arity) return unsupported(text, "wrong number of parameters");
    t.kind = kind;
    for (auto arg : args) {
      auto inner = parse_column_type(arg);
      if (!inner.ok()) return inner.error();
      t.args.push_back(std::move(inner.value()));
    }
    return t;
  };
  if (name == "Nullable") return nested(TypeKind::Nullable, 1);
  if (name == "Array") return nested(TypeKind::Array, 1);
  if (name == "LowCardinality") return nested(TypeKind::LowCardinality, 1);
  if (name == "Tuple") {
    if (args.empty()) return unsupported(text, "empty tuple");
    t.kind = TypeKind::Tuple;
    for (auto arg : args) {
      auto inner = parse_column_type(arg);
      size_t space = arg.find(' ');
      if (!inner.ok() && space != std::string_view::npos) {
        inner = parse_column_type(arg.substr(space + 1));  // named element "name Type"
      }
      if (!inner.ok()) return inner.error();
      t.args.push_back(std::move(inner.value()));
    }
    return t;
  }
  if (name == "FixedString") {
    if (args.size() != 1 || !parse_int(args[0], t.fixed_size) || t.fixed_size == 0) {
      return unsupported(text, "bad length");
    }
    t.kind = TypeKind::FixedString;
    return t;
  }
  if (name == "Decimal" || name == "Decimal32" || name == "Decimal64" || name == "Decimal128") {
    uint32_t precision = 0;
    if (name == "Decimal") {
      if (args.size() != 2 || !parse_int(args[0], precision) || !parse_int(args[1], t.scale)) {
        return unsupported(text, "bad precision or scale");
      }
    } else {
      if (args.size() != 1 || !parse_int(args[0], t.scale)) return unsupported(text, "bad scale");
      precision = name == "Decimal32" ? 9 : name == "Decimal64" ? 18 : 38;
    }
    if (precision == 0 || precision > 38 || t.scale > precision) {
      return unsupported(text, "precision must be 1..38 and scale at most the precision");
    }
    t.kind = precision <= 9    ? TypeKind::Decimal32
             : precision <= 18 ? TypeKind::Decimal64
                               : TypeKind::Decimal128;
    return t;
  }
  if (name == "Enum8" || name == "Enum16") {
    t.kind = name == "Enum8" ? TypeKind::Enum8 : TypeKind::Enum16;
    for (auto arg : args) {
      std::pair<int64_t, std::string> item;
      if (!parse_enum_item(arg, item)) return unsupported(text, "bad enum item");
      t.enum_values.push_back(std::move(item));
    }
    return t;
  }
  return unsupported(text, "not supported by the result decoder");
}

}  // namespace sluice::clickhouse
