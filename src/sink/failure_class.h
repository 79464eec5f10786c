#pragma once

#include <string_view>

#include "base/error.h"

namespace sluice::sink {

// What an INSERT failure means for the pipeline (docs/delivery.md, "Failures").
enum class FailureClass {
  // Goes away on its own (network, timeouts, overload, too many parts, memory, readonly
  // replica): retry the same rows later, for as long as it takes.
  Retryable,
  // The server refused some rows of the block (type mismatch, parse error, throwIf or a
  // constraint on a row): split the batch to find them, dead-letter only those.
  RowContent,
  // The table cannot take any row (unknown table/column/database, wrong credentials,
  // readonly user, unclassified codes): stop, commit nothing that was not written.
  Table,
  // The process is stopping; the batch is abandoned uncommitted.
  Shutdown,
};

FailureClass classify_failure(const Error& error);
std::string_view failure_class_name(FailureClass c);

}  // namespace sluice::sink
