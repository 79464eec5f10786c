#include "cli/diagnostics_output.h"

#include <cstdio>

namespace sluice::cli {

int print_diagnostics(const config::LoadResult& loaded) {
  for (const auto& w : loaded.warnings)
    std::fprintf(stderr, "warning: %s\n", w.to_string().c_str());
  for (const auto& e : loaded.errors) std::fprintf(stderr, "error: %s\n", e.to_string().c_str());
  return loaded.errors.empty() ? 0 : 2;
}

}  // namespace sluice::cli
