#pragma once

namespace sluice::clickhouse {

// Whether a ClickHouse server exception code describes a condition that may go away on its own
// (network trouble, timeouts, overload, too many parts, memory limits), so that the same request
// is worth retrying later. Everything else (syntax, unknown table, type mismatch, ...) is
// permanent: retrying the same request gives the same answer. Pure function, thread-safe.
bool is_retriable_server_code(int code);

}  // namespace sluice::clickhouse
