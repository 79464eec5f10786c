#include "config/diagnostic.h"

#include <algorithm>

namespace sluice::config {
namespace {

std::vector<Diagnostic> sorted(std::vector<Diagnostic> items) {
  std::stable_sort(items.begin(), items.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.line != b.line) return a.line < b.line;
    return a.column < b.column;
  });
  return items;
}

}  // namespace

std::string Diagnostic::to_string() const {
  std::string out;
  if (!origin.empty()) {
    out += origin;
    if (line > 0) out += ":" + std::to_string(line) + ":" + std::to_string(column);
    out += ": ";
  }
  if (!path.empty()) out += path + ": ";
  out += message;
  if (!hint.empty()) out += " (hint: " + hint + ")";
  return out;
}

Where Where::key(std::string_view name, int at_line, int at_column) const {
  Where child{path.empty() ? std::string(name) : path + "." + std::string(name), at_line,
              at_column};
  return child;
}

Where Where::item(size_t index, int at_line, int at_column) const {
  return Where{path + "[" + std::to_string(index) + "]", at_line, at_column};
}

Diagnostic Diagnostics::make(const Where& where, std::string message, std::string hint) const {
  Diagnostic diagnostic;
  diagnostic.path = where.path;
  diagnostic.message = std::move(message);
  diagnostic.hint = std::move(hint);
  diagnostic.line = where.line;
  diagnostic.column = where.column;
  diagnostic.origin = origin_;
  return diagnostic;
}

void Diagnostics::error(const Where& where, std::string message, std::string hint) {
  errors_.push_back(make(where, std::move(message), std::move(hint)));
}

void Diagnostics::warning(const Where& where, std::string message, std::string hint) {
  warnings_.push_back(make(where, std::move(message), std::move(hint)));
}

std::vector<Diagnostic> Diagnostics::take_errors() {
  return sorted(std::move(errors_));
}

std::vector<Diagnostic> Diagnostics::take_warnings() {
  return sorted(std::move(warnings_));
}

}  // namespace sluice::config
