#pragma once

#include "config/config.h"

namespace sluice::cli {

// Prints a load result's warnings and errors on stderr; returns 0 when there are no errors,
// else 2 (the exit code for invalid input).
int print_diagnostics(const config::LoadResult& loaded);

}  // namespace sluice::cli
