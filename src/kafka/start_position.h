#pragma once

#include <cstdint>
#include <string_view>

#include "base/result.h"

namespace sluice::kafka {

// Where the partitions of a run start, for replays (`sluice run --from-beginning` /
// `--from-timestamp`). Committed (the default) resumes from the group's committed offsets,
// falling back to consumer_group_initial_offset; the others override committed offsets for the
// first assignment of each partition in this process (a later rebalance resumes normally).
struct StartPosition {
  enum class Kind { Committed, Beginning, Timestamp };
  Kind kind = Kind::Committed;
  int64_t timestamp_ms = 0;  // Timestamp: the first offset whose timestamp is >= this

  bool operator==(const StartPosition&) const = default;
};

// `--from-timestamp` values: epoch milliseconds (digits only), or ISO 8601 / RFC 3339
// `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.fff]]` with `Z` or `±HH:MM` (no zone = UTC).
Result<StartPosition> parse_start_timestamp(std::string_view text);

}  // namespace sluice::kafka
