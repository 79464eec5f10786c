#pragma once

#include <yaml-cpp/yaml.h>

#include <chrono>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/field_spec.h"
#include "config/node_reader.h"

// Row builders for the tables of config/pipeline_spec.cpp: one per kind of value. Each takes
// the row's FieldInfo and where the value is stored (a member pointer), and returns a
// FieldSpec whose reader checks the value and stores it.
namespace sluice::config {

template <typename T>
FieldSpec<T> text_field(FieldInfo info, std::string T::*member, TextRule rule = {}) {
  if (rule.blank_hint.empty()) rule.blank_hint = "set it to " + std::string(info.doc);
  std::vector<std::string_view> choices = rule.one_of;
  return {info, "string", std::move(choices),
          [member, rule](const YAML::Node& value, const Where& at, Diagnostics& diags, T& out) {
            if (auto text = read_text(value, at, diags, rule)) out.*member = std::move(*text);
          }};
}

// A string with a fixed set of values (compared ignoring case) stored as an enum.
template <typename T, typename E>
FieldSpec<T> choice_field(FieldInfo info, E T::*member,
                          std::vector<std::pair<std::string_view, E>> values) {
  TextRule rule{.trim = true, .fold_case = true};
  for (const auto& entry : values) rule.one_of.push_back(entry.first);
  std::vector<std::string_view> choices = rule.one_of;
  return {
      info, "string", std::move(choices),
      [member, rule, values](const YAML::Node& value, const Where& at, Diagnostics& diags, T& out) {
        auto text = read_text(value, at, diags, rule);
        for (const auto& entry : values) {
          if (text && entry.first == *text) out.*member = entry.second;
        }
      }};
}

template <typename T>
FieldSpec<T> bool_field(FieldInfo info, bool T::*member) {
  return {info,
          "bool",
          {},
          [member](const YAML::Node& value, const Where& at, Diagnostics& diags, T& out) {
            if (auto flag = read_bool(value, at, diags)) out.*member = *flag;
          }};
}

// A TCP port, as a number or a quoted number (the reference writes ports as strings).
template <typename T>
FieldSpec<T> port_field(FieldInfo info, uint16_t T::*member) {
  return {info,
          "port",
          {},
          [member](const YAML::Node& value, const Where& at, Diagnostics& diags, T& out) {
            if (auto port = read_whole_number(value, at, diags, 1, 65535, true,
                                              "use the server's TCP port, e.g. 9000")) {
              out.*member = static_cast<uint16_t>(*port);
            }
          }};
}

// A count greater than 0, written as a number.
template <typename T>
FieldSpec<T> count_field(FieldInfo info, uint64_t T::*member) {
  const std::string hint = "omit it for the default " + std::string(info.default_value);
  return {info,
          "integer",
          {},
          [member, hint](const YAML::Node& value, const Where& at, Diagnostics& diags, T& out) {
            if (auto count = read_whole_number(value, at, diags, 1,
                                               std::numeric_limits<uint64_t>::max(), false, hint)) {
              out.*member = *count;
            }
          }};
}

// A duration greater than 0 at the member's precision. An explicit 0 keeps the default, as
// in the reference, with a warning so the user knows.
template <typename T, typename Rep, typename Period>
FieldSpec<T> duration_field(FieldInfo info, std::chrono::duration<Rep, Period> T::*member,
                            std::string_view precision_name) {
  return {info,
          "duration",
          {},
          [member, info, precision_name](const YAML::Node& value, const Where& at,
                                         Diagnostics& diags, T& out) {
            auto parsed = read_duration(value, at, diags);
            if (!parsed) return;
            if (parsed->count() == 0) {
              diags.warning(at, "0 means the default, " + std::string(info.default_value),
                            "omit it, or give a positive duration");
              return;
            }
            const auto converted =
                std::chrono::duration_cast<std::chrono::duration<Rep, Period>>(*parsed);
            if (converted.count() == 0) {
              diags.error(at, "must be at least 1" + std::string(precision_name),
                          "use a larger duration, e.g. \"100ms\"");
              return;
            }
            out.*member = converted;
          }};
}

enum class ZeroWindow { Error, Allowed };

// A time window (dedup, join): required to be positive, or 0 allowed (meaning "no expiry").
template <typename T>
FieldSpec<T> window_field(FieldInfo info, std::chrono::milliseconds T::*member, ZeroWindow zero) {
  return {info,
          "duration",
          {},
          [member, zero](const YAML::Node& value, const Where& at, Diagnostics& diags, T& out) {
            auto parsed = read_duration(value, at, diags);
            if (!parsed) return;
            const auto converted = std::chrono::duration_cast<std::chrono::milliseconds>(*parsed);
            if (parsed->count() > 0 && converted.count() == 0) {
              diags.error(at, "must be at least 1ms", "use a larger duration, e.g. \"1s\"");
              return;
            }
            if (converted.count() == 0 && zero == ZeroWindow::Error) {
              diags.error(at, "must be greater than 0", "give the window, e.g. \"1h\"");
              return;
            }
            out.*member = converted;
          }};
}

// A key that is read by the object's check instead (its rules depend on other keys).
template <typename T>
void ignore_value(const YAML::Node&, const Where&, Diagnostics&, T&) {}

template <typename T>
FieldSpec<T> text_list_field(FieldInfo info, std::vector<std::string> T::*member,
                             ListRule list_rule = {}, TextRule item_rule = {}) {
  if (item_rule.blank_hint.empty()) item_rule.blank_hint = "remove the empty entry";
  return {info,
          "[string]",
          {},
          [member, list_rule, item_rule](const YAML::Node& value, const Where& at,
                                         Diagnostics& diags, T& out) {
            auto items = read_list(value, at, diags, list_rule);
            if (!items) return;
            std::vector<std::string> texts;
            for (size_t i = 0; i < items->size(); ++i) {
              auto text =
                  read_text((*items)[i], where_of_item((*items)[i], at, i), diags, item_rule);
              if (text) texts.push_back(std::move(*text));
            }
            out.*member = std::move(texts);
          }};
}

template <typename T, typename C>
FieldSpec<T> object_field(FieldInfo info, C T::*member, const ObjectSpec<C>& (*spec)()) {
  return {info,
          "object",
          {},
          [member, spec](const YAML::Node& value, const Where& at, Diagnostics& diags, T& out) {
            read_object(spec(), value, at, diags, out.*member);
          }};
}

// A list of objects. Every item gets an entry in the target (even one with errors), so item
// i of the model is item i of the file and later checks can point back at it.
template <typename T, typename C>
FieldSpec<T> object_list_field(FieldInfo info, std::vector<C> T::*member,
                               const ObjectSpec<C>& (*spec)(), ListRule rule = {}) {
  return {
      info,
      "[object]",
      {},
      [member, spec, rule](const YAML::Node& value, const Where& at, Diagnostics& diags, T& out) {
        auto items = read_list(value, at, diags, rule);
        if (!items) return;
        std::vector<C> objects(items->size());
        for (size_t i = 0; i < items->size(); ++i) {
          read_object(spec(), (*items)[i], where_of_item((*items)[i], at, i), diags, objects[i]);
        }
        out.*member = std::move(objects);
      }};
}

// Anything the caller reads itself (sections that are not part of the model yet).
template <typename T>
FieldSpec<T> custom_field(FieldInfo info, std::string_view type, NodeReader<T> read) {
  return {info, type, {}, std::move(read)};
}

// A key that is recognised but whose feature is not available: giving it is an error that
// says so and what to do instead.
template <typename T>
FieldSpec<T> unsupported_field(FieldInfo info, std::string_view type, std::string message,
                               std::string hint) {
  return {
      info, type, {}, [message, hint](const YAML::Node&, const Where& at, Diagnostics& diags, T&) {
        diags.error(at, message, hint);
      }};
}

}  // namespace sluice::config
