#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sluice::config {

// One problem found in a pipeline file: what is wrong (message), where (origin, line:column
// when known, and the path inside the document such as `sources[0].connection_params.protocol`),
// and what to do about it (hint, may be empty).
struct Diagnostic {
  std::string path;
  std::string message;
  std::string hint;
  int line = 0, column = 0;  // 1-based; 0 when unknown
  std::string origin;        // file name as given to the loader

  // `origin:line:column: path: message (hint: hint)`; parts that are unknown are left out.
  std::string to_string() const;

  bool operator==(const Diagnostic&) const = default;
};

// A position in the document while it is being read: the path and where its node starts.
struct Where {
  std::string path;
  int line = 0, column = 0;

  Where key(std::string_view name, int at_line, int at_column) const;
  Where item(size_t index, int at_line, int at_column) const;
};

// Collects every problem of one load, so that all of them are reported together.
class Diagnostics {
 public:
  explicit Diagnostics(std::string origin) : origin_(std::move(origin)) {}

  void error(const Where& where, std::string message, std::string hint = {});
  void warning(const Where& where, std::string message, std::string hint = {});
  bool has_errors() const { return !errors_.empty(); }
  size_t error_count() const { return errors_.size(); }

  // In document order (line, then column); positionless problems first, as they concern the
  // whole file. Problems at the same spot keep the order they were found in.
  std::vector<Diagnostic> take_errors();
  std::vector<Diagnostic> take_warnings();

 private:
  Diagnostic make(const Where& where, std::string message, std::string hint) const;

  std::string origin_;
  std::vector<Diagnostic> errors_;
  std::vector<Diagnostic> warnings_;
};

}  // namespace sluice::config
