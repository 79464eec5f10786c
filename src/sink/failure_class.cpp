#include "sink/failure_class.h"

#include <algorithm>
#include <array>

namespace sluice::sink {

namespace {

// ClickHouse exception codes (src/Common/ErrorCodes.cpp) that blame the data of the block,
// not the table: the same rows fail every time, other rows succeed. Sorted.
constexpr std::array kRowContentCodes = {
    6,    // CANNOT_PARSE_TEXT
    25,   // CANNOT_PARSE_ESCAPE_SEQUENCE
    26,   // CANNOT_PARSE_QUOTED_STRING
    27,   // CANNOT_PARSE_INPUT_ASSERTION_FAILED
    38,   // CANNOT_PARSE_DATE
    41,   // CANNOT_PARSE_DATETIME
    53,   // TYPE_MISMATCH
    69,   // ARGUMENT_OUT_OF_BOUND
    70,   // CANNOT_CONVERT_TYPE
    72,   // CANNOT_PARSE_NUMBER
    117,  // INCORRECT_DATA
    131,  // TOO_LARGE_STRING_SIZE
    190,  // SIZES_OF_ARRAYS_DOESNT_MATCH
    321,  // VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE
    349,  // CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN
    377,  // CANNOT_PARSE_UUID (modern servers)
    395,  // FUNCTION_THROW_IF_VALUE_IS_NON_ZERO (throwIf in a MATERIALIZED/DEFAULT column)
    469,  // VIOLATED_CONSTRAINT (CHECK constraints, ClickHouse 19.14+)
};

static_assert(std::is_sorted(kRowContentCodes.begin(), kRowContentCodes.end()));

}  // namespace

FailureClass classify_failure(const Error& error) {
  if (error.code() == ErrorCode::Shutdown) return FailureClass::Shutdown;
  // Socket failures and the server codes in clickhouse/error_codes.cpp come marked retriable.
  if (error.retriable()) return FailureClass::Retryable;
  if (error.code() == ErrorCode::Network || error.code() == ErrorCode::Timeout)
    return FailureClass::Retryable;
  if (error.code() == ErrorCode::ServerError &&
      std::binary_search(kRowContentCodes.begin(), kRowContentCodes.end(), error.server_code()))
    return FailureClass::RowContent;
  // Unknown table/column/database, credentials, readonly, and every code we do not know:
  // stopping is recoverable (fix, restart), dead-lettering a healthy batch is not.
  return FailureClass::Table;
}

std::string_view failure_class_name(FailureClass c) {
  switch (c) {
    case FailureClass::Retryable:
      return "retryable";
    case FailureClass::RowContent:
      return "row_content";
    case FailureClass::Table:
      return "table";
    case FailureClass::Shutdown:
      return "shutdown";
  }
  return "unknown";
}

}  // namespace sluice::sink
