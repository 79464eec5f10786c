#pragma once

#include <cstdint>
#include <string>
#include <string_view>

// The temporal join's entries in the state store (docs/delivery.md#join-state): their keys and
// the layout of their values. JoinBuffers decides what is written when.
namespace sluice::transforms::join_entries {

// Right records: one segment per checkpoint, j/rs/<seq>, each record (key, seen_ms, cells);
// j/r/<key> (seen_ms, then the cells) is the layout before segments, still restored.
inline constexpr std::string_view kRightKeyPrefix = "j/r/";
inline constexpr std::string_view kRightSegmentPrefix = "j/rs/";
// Waiting left records: one segment per checkpoint, j/ls/<seq>, each record (entry number, its
// bytes: WaitingLeft::entry()); j/lx/<segment>/<seq> lists entries of that segment that are done
// (emitted or expired) while others of it still wait. j/l/<entry> (one record) is the layout before
// segments.
inline constexpr std::string_view kLeftEntryPrefix = "j/l/";
inline constexpr std::string_view kLeftSegmentPrefix = "j/ls/";
inline constexpr std::string_view kLeftDonePrefix = "j/lx/";

// `prefix` and `seq` as 16 hex digits: entries scan in the order of their numbers.
std::string numbered_key(std::string_view prefix, uint64_t seq);
// The number after `prefix` in `key`, or false.
bool key_number(std::string_view key, std::string_view prefix, uint64_t& seq);
// j/lx/<segment>/<seq>, and back.
std::string done_key(uint64_t segment, uint64_t seq);
bool parse_done_key(std::string_view key, uint64_t& segment, uint64_t& seq);

}  // namespace sluice::transforms::join_entries
