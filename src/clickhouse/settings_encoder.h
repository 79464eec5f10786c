#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"

namespace sluice::clickhouse {

// Query settings as (name, value in text form), e.g. {"max_threads", "4"}.
using Settings = std::vector<std::pair<std::string, std::string>>;

// Appends the settings list of a Query packet, including the empty name that ends it, in the
// encoding of negotiated revision `revision`:
//  * >= 54429: name, VarUInt flags, value as text. We set IMPORTANT (0x01), so a server that
//    does not know a name refuses the query instead of silently ignoring the setting.
//  * <  54429: name, then the value in the setting's own binary type. The server cannot skip a
//    value of unknown type, so an unknown name would desync the connection: we only send names
//    in our typed table and refuse the rest (InvalidArgument) without writing anything.
// Malformed values (e.g. "x" for a number) are InvalidArgument. Pure function.
Status encode_settings(const Settings& settings, uint64_t revision, std::string& out);

}  // namespace sluice::clickhouse
