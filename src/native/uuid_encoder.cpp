#include "native/uuid_encoder.h"

#include <cstdint>
#include <cstring>

#ifdef __SSSE3__
#include <tmmintrin.h>
#else
#include "base/swar.h"
#endif

#include "native/fixed_width_writer.h"

namespace sluice::native {
namespace {

struct UuidHalves {
  uint64_t high;
  uint64_t low;
};

#ifdef __SSSE3__
// The 32 digits in two vectors of 16 (the dashes at 8, 13, 18 and 23 shuffled out), checked and
// turned into nibbles 16 at a time, then paired into the 16 bytes with one multiply-add.
bool uuid_digits(const char* p, uint64_t& high, uint64_t& low) {
  const __m128i v0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));       // 0-15
  const __m128i v1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16));  // 16-31
  const __m128i v2 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 20));  // 20-35
  // -1 in a shuffle picks a zero byte, so that the two halves of each vector can be ORed.
  const __m128i a = _mm_or_si128(
      _mm_shuffle_epi8(v0, _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 14, 15, -1, -1)),
      _mm_shuffle_epi8(
          v1, _mm_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, 1)));
  const __m128i b = _mm_or_si128(
      _mm_shuffle_epi8(
          v1, _mm_setr_epi8(3, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1)),
      _mm_shuffle_epi8(v2, _mm_setr_epi8(-1, 0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)));
  // Bytes compare as signed: a byte of 0x80 or more is below '0' and fails both ranges.
  auto nibbles = [](__m128i x, __m128i& bad) {
    const __m128i lower = _mm_or_si128(x, _mm_set1_epi8(0x20));  // letters of either case
    const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('0' - 1)),
                                        _mm_cmplt_epi8(x, _mm_set1_epi8('9' + 1)));
    const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(lower, _mm_set1_epi8('a' - 1)),
                                         _mm_cmplt_epi8(lower, _mm_set1_epi8('f' + 1)));
    bad = _mm_or_si128(bad, _mm_andnot_si128(_mm_or_si128(digit, letter), _mm_set1_epi8(-1)));
    // Low nibble, plus 9 for a letter ('a' and 'A' end in 1).
    return _mm_add_epi8(_mm_and_si128(x, _mm_set1_epi8(0x0F)),
                        _mm_and_si128(letter, _mm_set1_epi8(9)));
  };
  __m128i bad = _mm_setzero_si128();
  const __m128i na = nibbles(a, bad);
  const __m128i nb = nibbles(b, bad);
  if (_mm_movemask_epi8(bad) != 0) return false;
  // Each pair of nibbles (first one high) into a 16-bit lane, then the lanes into bytes.
  const __m128i pair = _mm_set1_epi16(0x0110);  // bytes 16, 1
  const __m128i bytes = _mm_packus_epi16(_mm_maddubs_epi16(na, pair), _mm_maddubs_epi16(nb, pair));
  // Bytes 0-7 big-endian are the high half, 8-15 the low one.
  high = __builtin_bswap64(static_cast<uint64_t>(_mm_cvtsi128_si64(bytes)));
  low =
      __builtin_bswap64(static_cast<uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(bytes, bytes))));
  return true;
}
#else
using swar::bytes_between;
using swar::kHigh;
using swar::kOnes;
using swar::load4;
using swar::load8;

// Eight hex digits (the first byte lowest, as loaded) -> their value, the first digit most
// significant; false if any byte is not a hex digit. A word at a time: on a W2 batch this
// parse was 9% of all instructions digit by digit.
bool hex8(uint64_t x, uint32_t& value) {
  if (x & kHigh) return false;
  const uint64_t digits = bytes_between(x, '0', '9');
  const uint64_t letters = bytes_between(x | (kOnes * 0x20), 'a', 'f');  // either case
  if ((digits | letters) != kHigh) return false;
  // '0'-'9' have bit 6 clear, 'a'-'f'/'A'-'F' set: low nibble, plus 9 for a letter.
  const uint64_t nibbles = (x & (kOnes * 0x0F)) + 9 * ((x >> 6) & kOnes);
  // Pairs of nibbles into bytes, then bytes into one word (first digit pair lowest).
  uint64_t v = ((nibbles << 4) | (nibbles >> 8)) & 0x00FF00FF00FF00FFULL;
  v = (v | (v >> 8)) & 0x0000FFFF0000FFFFULL;
  v = (v | (v >> 16)) & 0xFFFFFFFFULL;
  value = __builtin_bswap32(static_cast<uint32_t>(v));
  return true;
}

// The 32 digits of 8-4-4-4-12 as four words of eight.
bool uuid_digits(const char* p, uint64_t& high, uint64_t& low) {
  uint32_t a, b, c, d;
  if (!hex8(load8(p), a) || !hex8(load4(p + 9) | load4(p + 14) << 32, b) ||
      !hex8(load4(p + 19) | load4(p + 24) << 32, c) || !hex8(load8(p + 28), d))
    return false;
  high = uint64_t{a} << 32 | b;
  low = uint64_t{c} << 32 | d;
  return true;
}
#endif

}  // namespace

bool parse_uuid_text(std::string_view text, uint64_t& high, uint64_t& low) {
  if (text.size() != 36 || text[8] != '-' || text[13] != '-' || text[18] != '-' || text[23] != '-')
    return false;
  return uuid_digits(text.data(), high, low);
}

void UuidEncoder::write_body(const ColumnSlice& slice, std::string& out,
                             std::vector<EncodeFailure>& failures) {
  static_assert(sizeof(UuidHalves) == 16);
  const Batch& batch = slice.batch;
  write_fixed_values<UuidHalves>(slice, out, failures,
                                 [&batch](const Cell& cell, UuidHalves& value) -> const char* {
                                   if (cell.kind != ValueKind::String)
                                     return "is not a UUID string";
                                   if (!parse_uuid_text(batch.text(cell), value.high, value.low))
                                     return "is not a UUID (expected 8-4-4-4-12 hex digits)";
                                   return nullptr;
                                 });
}

}  // namespace sluice::native
