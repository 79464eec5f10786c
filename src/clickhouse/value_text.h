#pragma once

#include <cstdint>
#include <string>
#include <string_view>

// Text forms of scalar values as clickhouse-client prints them in TSV. Pure functions.
namespace sluice::clickhouse {

__extension__ typedef __int128 Int128;

// Shortest text that reads back to the same value; plain notation for decimal exponents
// -6..20, otherwise "1e21" / "1.5e-7" (ClickHouse's double-conversion settings); "inf", "-inf",
// "nan".
std::string format_float64(double v);
std::string format_float32(float v);
// Days since 1970-01-01 -> "YYYY-MM-DD".
std::string format_date(int64_t days);
// Unix seconds -> "YYYY-MM-DD hh:mm:ss" in UTC.
std::string format_datetime(int64_t seconds);
// The two halves as they travel (first the high 64 bits) -> lowercase 8-4-4-4-12.
std::string format_uuid(uint64_t high, uint64_t low);
// value / 10^scale with exactly `scale` fractional digits, e.g. (123000, 4) -> "12.3000".
std::string format_decimal(Int128 value, uint32_t scale);
// 'text' with \\, \', and control characters escaped, as ClickHouse quotes inside arrays.
std::string quote_string(std::string_view s);

}  // namespace sluice::clickhouse
