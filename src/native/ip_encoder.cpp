#include "native/ip_encoder.h"

#include <arpa/inet.h>

#include <cstring>

#include "native/fixed_width_writer.h"
#include "native/integer_encoder.h"

namespace sluice::native {
namespace {

struct Ipv6Bytes {
  uint8_t b[16];
};

}  // namespace

bool parse_ipv4_text(std::string_view text, uint32_t& value) {
  uint32_t result = 0;
  size_t pos = 0;
  for (int part = 0; part < 4; ++part) {
    if (part > 0) {
      if (pos >= text.size() || text[pos] != '.') return false;
      ++pos;
    }
    const size_t start = pos;
    unsigned n = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9' && pos - start < 3) {
      n = n * 10 + static_cast<unsigned>(text[pos] - '0');
      ++pos;
    }
    const size_t len = pos - start;
    if (len == 0 || n > 255 || (len > 1 && text[start] == '0')) return false;
    result = (result << 8) | n;
  }
  if (pos != text.size()) return false;
  value = result;
  return true;
}

bool parse_ipv6_text(std::string_view text, uint8_t (&bytes)[16]) {
  uint32_t v4 = 0;
  if (parse_ipv4_text(text, v4)) {
    std::memset(bytes, 0, 10);
    bytes[10] = 0xff;
    bytes[11] = 0xff;
    for (int i = 0; i < 4; ++i) bytes[12 + i] = static_cast<uint8_t>(v4 >> (24 - 8 * i));
    return true;
  }
  char buf[INET6_ADDRSTRLEN];  // inet_pton needs a terminated string; longer text is invalid
  if (text.empty() || text.size() >= sizeof(buf)) return false;
  std::memcpy(buf, text.data(), text.size());
  buf[text.size()] = '\0';
  return inet_pton(AF_INET6, buf, bytes) == 1;
}

void Ipv4Encoder::write_body(const ColumnSlice& slice, std::string& out,
                             std::vector<EncodeFailure>& failures) {
  const Batch& batch = slice.batch;
  write_fixed_values<uint32_t>(slice, out, failures,
                               [&batch](const Cell& cell, uint32_t& value) -> const char* {
                                 if (cell.kind == ValueKind::String) {
                                   if (parse_ipv4_text(batch.text(cell), value)) return nullptr;
                                   return "is not an IPv4 address";
                                 }
                                 if (cell.kind == ValueKind::Int || cell.kind == ValueKind::UInt)
                                   return convert_integer(batch, cell, value);
                                 return "cannot be converted to an IPv4 address";
                               });
}

void Ipv6Encoder::write_body(const ColumnSlice& slice, std::string& out,
                             std::vector<EncodeFailure>& failures) {
  const Batch& batch = slice.batch;
  write_fixed_values<Ipv6Bytes>(slice, out, failures,
                                [&batch](const Cell& cell, Ipv6Bytes& value) -> const char* {
                                  if (cell.kind != ValueKind::String)
                                    return "cannot be converted to an IPv6 address";
                                  if (parse_ipv6_text(batch.text(cell), value.b)) return nullptr;
                                  return "is not an IPv6 address";
                                });
}

}  // namespace sluice::native
