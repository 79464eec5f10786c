#pragma once

#include <cstdint>
#include <string_view>

#include "native/column_encoder.h"

namespace sluice::native {

// Strict dotted-quad IPv4 text ("10.0.0.1": four decimal parts 0..255, no leading zeros beyond
// a single "0", nothing else) as the address number (1.2.3.4 -> 0x01020304).
bool parse_ipv4_text(std::string_view text, uint32_t& value);

// IPv6 text (RFC 4291 forms including "::" and an embedded IPv4 tail, "::ffff:1.2.3.4"), or
// IPv4 dotted text mapped to ::ffff:a.b.c.d, into 16 bytes in network order.
bool parse_ipv6_text(std::string_view text, uint8_t (&bytes)[16]);

// IPv4: UInt32 LE of the address number. Accepts dotted text and integers 0..4294967295.
class Ipv4Encoder final : public ColumnEncoder {
 public:
  void write_body(const ColumnSlice& slice, std::string& out,
                  std::vector<EncodeFailure>& failures) override;
};

// IPv6: 16 bytes in network order. Accepts IPv6 text and IPv4 text (mapped).
class Ipv6Encoder final : public ColumnEncoder {
 public:
  void write_body(const ColumnSlice& slice, std::string& out,
                  std::vector<EncodeFailure>& failures) override;
};

}  // namespace sluice::native
