#pragma once

#include <map>
#include <string>
#include <vector>

#include "config/diagnostic.h"
#include "config/pipeline.h"

// Create-time checks of filter and stateless expressions, as GlassFlow does them (glassflow.md
// §1.4, §5, §6): each expression is compiled in expr-lang's typed mode against the fields of
// its source at that step, where every field holds its zero value (numbers are float 0.0 —
// int, uint and float alike —, strings "", bools false, arrays [], maps {}, datetime ""; a
// dotted name `user.age` is a key of a nested map). A filter must also run on that zero record
// and give a bool. Stateless expressions get the GlassFlow helper functions; filters only the
// builtins.
namespace sluice::config {

class ExpressionChecker {
 public:
  // Seeds each source's fields from its schema_fields.
  explicit ExpressionChecker(const Pipeline& pipeline);

  // Reports a filter expression (already known non-blank) at `where`.
  void check_filter(const std::string& source_id, const std::string& expression, const Where& where,
                    Diagnostics& diags) const;
  // Reports each output's expression at where[k]; afterwards the source's fields are the
  // step's outputs (typed by output_type), as later steps see them.
  void check_stateless(const std::string& source_id, const StatelessConfig& config,
                       const std::vector<Where>& where, Diagnostics& diags);

 private:
  struct Field {
    std::string name;
    FieldType type;
  };
  std::map<std::string, std::vector<Field>> fields_;  // by source_id, as of the current step
};

}  // namespace sluice::config
