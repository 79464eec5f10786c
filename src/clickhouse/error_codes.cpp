#include "clickhouse/error_codes.h"

#include <algorithm>
#include <array>

namespace sluice::clickhouse {

namespace {

// Sorted. The set was agreed for the sink's retry policy; names are from ClickHouse's
// src/Common/ErrorCodes.cpp where they are well known.
constexpr std::array kRetriableCodes = {
    159,   // TIMEOUT_EXCEEDED
    198,   // DNS_ERROR
    201,   // QUOTA_EXPIRED
    202,   // TOO_MANY_SIMULTANEOUS_QUERIES
    203,   // NO_FREE_CONNECTION
    209,   // SOCKET_TIMEOUT
    210,   // NETWORK_ERROR
    236,   // ABORTED
    241,   // MEMORY_LIMIT_EXCEEDED
    242,   // TABLE_IS_READ_ONLY
    243,   // NOT_ENOUGH_SPACE
    244,   // UNEXPECTED_ZOOKEEPER_ERROR
    252,   // TOO_MANY_PARTS
    254,   // transient (project list)
    265,   // transient (project list)
    279,   // ALL_CONNECTION_TRIES_FAILED
    285,   // TOO_FEW_LIVE_REPLICAS
    286,   // UNSATISFIED_QUORUM_FOR_PREVIOUS_WRITE
    289,   // REPLICA_IS_NOT_IN_QUORUM
    290,   // LIMIT_EXCEEDED
    297,   // transient (project list)
    364,   // transient (project list)
    384,   // transient (project list)
    425,   // SYSTEM_ERROR
    999,   // KEEPER_EXCEPTION
    1000,  // POCO_EXCEPTION
};

static_assert(std::is_sorted(kRetriableCodes.begin(), kRetriableCodes.end()));

}  // namespace

bool is_retriable_server_code(int code) {
  return std::binary_search(kRetriableCodes.begin(), kRetriableCodes.end(), code);
}

}  // namespace sluice::clickhouse
