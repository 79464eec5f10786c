#include "config/reference_doc.h"

#include "config/pipeline_spec.h"
#include "config/text_util.h"

namespace sluice::config {

std::string pipeline_reference_markdown() {
  std::string out = "# Pipeline file reference (V3)\n";
  for (const ObjectDoc& object : pipeline_docs()) {
    out += "\n## `" + std::string(object.path.empty() ? "(root)" : object.path) + "`\n\n";
    out += "| Key | Type | Required | Default | Description |\n|---|---|---|---|---|\n";
    for (const ObjectDoc::Row& row : object.rows) {
      std::string description(row.info.doc);
      if (!row.choices.empty()) description += " (one of: " + join(row.choices, ", ") + ")";
      out +=
          "| `" + std::string(row.info.key) + "` | " + std::string(row.type) + " | " +
          (row.info.need == Need::Required ? "yes" : "no") + " | " +
          (row.info.default_value.empty() ? "" : "`" + std::string(row.info.default_value) + "`") +
          " | " + description + " |\n";
    }
  }
  return out;
}

}  // namespace sluice::config
