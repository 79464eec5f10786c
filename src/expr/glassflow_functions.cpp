#include "expr/glassflow_functions.h"

#include <cmath>
#include <cstdlib>

#include "expr/string_ops.h"
#include "expr/time_value.h"
#include "expr/user_agent.h"
#include "expr/utf8.h"
#include "expr/value_format.h"

namespace sluice::expr {
namespace {

using Args = std::span<const Value>;

bool arity(Args args, size_t want, std::string_view name, std::string& error) {
  if (args.size() == want) return true;
  error = std::string(name) + " requires " + std::to_string(want) + " argument" +
          (want == 1 ? "" : "s") + ", got " + std::to_string(args.size());
  return false;
}

// Loose conversion to text: strings as they are, nil as "", anything else as Go's %v.
std::string text_of(const Value& v) {
  if (v.kind() == Kind::String) return v.as_string();
  if (v.is_nil()) return "";
  return display_string(v);
}

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// url.QueryUnescape: `+` is a space, %XX a byte; false on a bad escape (`bad` gets it).
bool query_unescape(std::string_view s, std::string& out, std::string& bad) {
  out.clear();
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%') {
      if (i + 2 >= s.size() || hex(s[i + 1]) < 0 || hex(s[i + 2]) < 0) {
        bad = std::string(s.substr(i, 3));
        return false;
      }
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return true;
}

// url.ParseQuery of the part after `?` (the whole text when there is none). A repeated key
// becomes a list; any bad pair makes the result empty.
Map parse_query(std::string_view text) {
  const size_t question = text.find('?');
  if (question != std::string_view::npos) text.remove_prefix(question + 1);
  const size_t hash = text.find('#');
  if (hash != std::string_view::npos) text = text.substr(0, hash);
  std::map<std::string, Array, std::less<>> lists;
  std::vector<std::string> order;
  while (!text.empty()) {
    const size_t amp = text.find('&');
    const std::string_view pair = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view() : text.substr(amp + 1);
    if (pair.empty()) continue;
    if (pair.find(';') != std::string_view::npos) return {};
    const size_t eq = pair.find('=');
    std::string key, value, bad;
    if (!query_unescape(pair.substr(0, eq), key, bad)) return {};
    if (eq != std::string_view::npos && !query_unescape(pair.substr(eq + 1), value, bad)) return {};
    lists[key].emplace_back(std::move(value));
  }
  Map out;
  for (auto& [key, values] : lists) {
    out.emplace(key, values.size() == 1 ? values[0] : Value(std::move(values)));
  }
  return out;
}

std::optional<int64_t> parse_int_text(const std::string& s) {
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  errno = 0;
  const long long v = std::strtoll(s.c_str(), &end, 10);
  if (end != s.c_str() + s.size() || errno != 0 || std::isspace(static_cast<unsigned char>(s[0])))
    return std::nullopt;
  return static_cast<int64_t>(v);
}

std::optional<double> parse_float_text(const std::string& s) {
  if (s.empty() || std::isspace(static_cast<unsigned char>(s[0]))) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size()) return std::nullopt;
  return v;
}

bool prefix_or_suffix(Args args, bool prefix, std::string_view name, Value& out,
                      std::string& error) {
  if (!arity(args, 2, name, error)) return false;
  const std::string a = text_of(args[0]), b = text_of(args[1]);
  out = Value(!a.empty() && (prefix ? a.starts_with(b) : a.ends_with(b)));
  return true;
}

bool key_test(Args args, bool prefixes, Value& out, std::string& error) {
  if (!arity(args, 2, prefixes ? "hasKeyPrefix" : "hasAnyKey", error)) return false;
  out = Value(false);
  if (args[0].kind() != Kind::Map || args[1].kind() != Kind::Array) return true;
  for (const auto& [key, item] : args[0].as_map()) {
    for (const Value& want : args[1].as_array()) {
      if (want.kind() != Kind::String) continue;
      if (prefixes ? key.starts_with(want.as_string()) : key == want.as_string()) {
        out = Value(true);
        return true;
      }
    }
  }
  return true;
}

Function helper(std::string name, Implementation call) {
  return {std::move(name), nullptr, call};
}

}  // namespace

const FunctionSet& glassflow_functions() {
  static const FunctionSet set = [] {
    FunctionSet s;
    s.add(helper("parseQuery", [](Args args, Value& out, std::string& error) {
      if (!arity(args, 1, "parseQuery", error)) return false;
      out = Value(parse_query(text_of(args[0])));
      return true;
    }));
    auto query_param = [](Args args, Value& out, std::string& error) {
      if (!arity(args, 2, "getQueryParam", error)) return false;
      const Map params = parse_query(text_of(args[0]));
      auto it = params.find(text_of(args[1]));
      out = it == params.end() ? Value("") : it->second;
      return true;
    };
    s.add(helper("getQueryParam", query_param));
    s.add(helper("getNestedParam", query_param));
    s.add(helper("urlDecode", [](Args args, Value& out, std::string& error) {
      if (!arity(args, 1, "urlDecode", error)) return false;
      if (args[0].kind() != Kind::String) {
        out = Value("");
        return true;
      }
      std::string decoded, bad;
      if (!query_unescape(args[0].as_string(), decoded, bad)) {
        error = "invalid URL escape \"" + bad + "\"";
        return false;
      }
      out = Value(std::move(decoded));
      return true;
    }));
    s.add(helper("parseISO8601", [](Args args, Value& out, std::string& error) {
      if (!arity(args, 1, "parseISO8601", error)) return false;
      out = Value(int64_t{0});
      const std::string text = text_of(args[0]);
      for (std::string_view layout : {"2006-01-02 15:04:05.000000", "2006-01-02T15:04:05.000000Z",
                                      "2006-01-02T15:04:05Z", "2006-01-02T15:04:05Z07:00"}) {
        std::string ignored;
        if (auto t = parse_date(text, layout, ignored)) {
          out = Value(t->seconds);
          break;
        }
      }
      return true;
    }));
    s.add(helper("toDate", [](Args args, Value& out, std::string& error) {
      if (!arity(args, 1, "toDate", error)) return false;
      const Value& v = args[0];
      Time t;
      if (v.kind() == Kind::Int) {
        t.seconds = v.as_int();
      } else if (v.kind() == Kind::Float && std::isfinite(v.as_float()) &&
                 std::fabs(v.as_float()) < 9e18) {
        t.seconds = static_cast<int64_t>(v.as_float());
      } else if (v.kind() == Kind::Time) {
        t = v.as_time();
      } else {
        out = Value(int64_t{0});  // GlassFlow returns the number 0 here
        return true;
      }
      out = Value(format_time(t, "2006-01-02"));
      return true;
    }));
    s.add(helper("parseUserAgent", [](Args args, Value& out, std::string& error) {
      if (!arity(args, 2, "parseUserAgent", error)) return false;
      std::string scratch;
      out = Value(user_agent_part(text_of(args[0]), text_of(args[1]), scratch));
      return true;
    }));
    s.add(helper("containsStr", [](Args args, Value& out, std::string& error) {
      if (!arity(args, 2, "containsStr", error)) return false;
      const std::string a = text_of(args[0]), b = text_of(args[1]);
      out = Value(!a.empty() && a.find(b) != std::string::npos);
      return true;
    }));
    s.add(helper("hasPrefix", [](Args args, Value& out, std::string& error) {
      return prefix_or_suffix(args, true, "hasPrefix", out, error);
    }));
    s.add(helper("hasSuffix", [](Args args, Value& out, std::string& error) {
      return prefix_or_suffix(args, false, "hasSuffix", out, error);
    }));
    s.add(helper("upper", [](Args args, Value& out, std::string& error) {
      if (!arity(args, 1, "upper", error)) return false;
      out = Value(utf8::upper(text_of(args[0])));
      return true;
    }));
    s.add(helper("lower", [](Args args, Value& out, std::string& error) {
      if (!arity(args, 1, "lower", error)) return false;
      out = Value(utf8::lower(text_of(args[0])));
      return true;
    }));
    s.add(helper("trim", [](Args args, Value& out, std::string& error) {
      if (!arity(args, 1, "trim", error)) return false;
      out = Value(trim_space(text_of(args[0])));
      return true;
    }));
    s.add(helper("split", [](Args args, Value& out, std::string& error) {
      if (!arity(args, 2, "split", error)) return false;
      const std::string text = text_of(args[0]);
      if (text.empty()) {
        out = Value("");  // GlassFlow quirk: a string, not a list
        return true;
      }
      out = Value(split_string(text, text_of(args[1]), -1, false));
      return true;
    }));
    s.add(helper("join", [](Args args, Value& out, std::string& error) {
      if (!arity(args, 2, "join", error)) return false;
      if (args[0].kind() != Kind::Array) {
        out = Value("");
        return true;
      }
      const std::string sep = text_of(args[1]);
      std::string joined;
      bool first = true;
      for (const Value& item : args[0].as_array()) {
        if (!first) joined += sep;
        first = false;
        joined += text_of(item);
      }
      out = Value(std::move(joined));
      return true;
    }));
    s.add(helper("replace", [](Args args, Value& out, std::string& error) {
      if (!arity(args, 3, "replace", error)) return false;
      out = Value(replace_string(text_of(args[0]), text_of(args[1]), text_of(args[2]), -1));
      return true;
    }));
    s.add(helper("toInt", [](Args args, Value& out, std::string& error) {
      if (!arity(args, 1, "toInt", error)) return false;
      const Value& v = args[0];
      if (v.kind() == Kind::Int) {
        out = v;
        return true;
      }
      const std::string text = text_of(v);
      if (auto i = parse_int_text(text)) {
        out = Value(*i);
      } else if (auto f = parse_float_text(text);
                 f && std::isfinite(*f) && std::fabs(*f) < 9.2e18) {
        out = Value(static_cast<int64_t>(std::floor(*f)));
      } else {
        out = Value(int64_t{0});
      }
      return true;
    }));
    s.add(helper("toFloat", [](Args args, Value& out, std::string& error) {
      if (!arity(args, 1, "toFloat", error)) return false;
      const Value& v = args[0];
      if (v.is_number()) {
        out = Value(v.as_number());
        return true;
      }
      const auto f = parse_float_text(text_of(v));
      out = Value(f ? *f : 0.0);
      return true;
    }));
    s.add(helper("toString", [](Args args, Value& out, std::string& error) {
      if (!arity(args, 1, "toString", error)) return false;
      out = Value(text_of(args[0]));
      return true;
    }));
    s.add(helper("keys", [](Args args, Value& out, std::string& error) {
      if (!arity(args, 1, "keys", error)) return false;
      Array names;
      if (args[0].kind() == Kind::Map) {
        for (const auto& [key, item] : args[0].as_map()) names.emplace_back(key);
      }
      out = Value(std::move(names));
      return true;
    }));
    s.add(helper("waterfall", [](Args args, Value& out, std::string&) {
      std::span<const Value> candidates = args;
      if (args.size() == 1 && args[0].kind() == Kind::Array) candidates = args[0].as_array();
      out = Value("");
      for (const Value& v : candidates) {
        if (v.is_nil()) continue;
        std::string text = text_of(v);
        if (text.empty()) continue;
        out = Value(std::move(text));
        break;
      }
      return true;
    }));
    s.add(helper("extractPathType", [](Args args, Value& out, std::string& error) {
      if (!arity(args, 1, "extractPathType", error)) return false;
      const std::string path = text_of(args[0]);
      if (path.find("/g/collect") != std::string::npos)
        out = Value("collect");
      else if (path.find("/_/set_cookie") != std::string::npos)
        out = Value("set_cookie");
      else
        out = Value("unknown");
      return true;
    }));
    s.add(helper("hasKeyPrefix", [](Args args, Value& out, std::string& error) {
      return key_test(args, true, out, error);
    }));
    s.add(helper("hasAnyKey", [](Args args, Value& out, std::string& error) {
      return key_test(args, false, out, error);
    }));
    return s;
  }();
  return set;
}

}  // namespace sluice::expr
