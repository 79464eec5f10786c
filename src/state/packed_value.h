#pragma once

#include <string>
#include <string_view>

namespace sluice::state {

// Large state values (the join's segments: megabytes of records) stored LZ4-compressed when
// that makes them smaller. Every byte of a checkpoint is copied into the write batch, written to
// the WAL, copied into the memtable and written again when that is flushed, so fewer bytes are
// less of all four; W3's waiting orders repeat their key, order id and time in their payload and
// their fields. Only for values whose first 8 bytes are never all 0xFF (a join segment starts
// with a record number or a key length): a packed value starts with those 8 bytes, then the
// unpacked size (8 bytes), then the LZ4 block. Anything else is stored as it is, and read back as
// it is, so values written before packing existed still read.
std::string pack_value(std::string raw);

// The value `stored` held: itself, or its packed bytes unpacked into `scratch`. False if it is a
// packed value that does not unpack (corrupt).
bool unpack_value(std::string_view stored, std::string& scratch, std::string_view& raw);

}  // namespace sluice::state
