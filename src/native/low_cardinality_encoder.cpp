#include "native/low_cardinality_encoder.h"

#include <cstring>

#include "base/varint.h"
#include "native/string_encoder.h"

namespace sluice::native {
namespace {

constexpr uint64_t kSharedDictionariesWithAdditionalKeys = 1;
constexpr uint64_t kHasAdditionalKeys = 0x200;
constexpr uint64_t kNeedUpdateDictionary = 0x400;

template <typename T>
void append_indexes(const std::vector<uint32_t>& numbers, std::string& out) {
  const size_t base = out.size();
  out.resize(base + numbers.size() * sizeof(T));
  char* dst = out.data() + base;
  for (uint32_t n : numbers) {
    T v = static_cast<T>(n);
    std::memcpy(dst, &v, sizeof(T));
    dst += sizeof(T);
  }
}

// The index width code for `key_count` keys: 0 UInt8, 1 UInt16, 2 UInt32.
uint64_t index_width(uint64_t key_count) {
  return key_count - 1 <= 0xFF ? 0 : key_count - 1 <= 0xFFFF ? 1 : 2;
}

void append_keyed_indexes(const std::vector<uint32_t>& numbers, uint64_t key_count,
                          std::string& out) {
  append_fixed<uint64_t>(out, numbers.size());
  const uint64_t width = index_width(key_count);
  if (width == 0) {
    append_indexes<uint8_t>(numbers, out);
  } else if (width == 1) {
    append_indexes<uint16_t>(numbers, out);
  } else {
    append_indexes<uint32_t>(numbers, out);
  }
}

}  // namespace

void FixedLowCardinalityEncoder::write_prefix(std::string& out) const {
  append_fixed<uint64_t>(out, kSharedDictionariesWithAdditionalKeys);
}

void FixedLowCardinalityEncoder::write_body(const ColumnSlice& slice, std::string& out,
                                            std::vector<EncodeFailure>& failures) {
  if (slice.indexes.empty()) return;  // see LowCardinalityEncoder
  const size_t count = slice.indexes.size();
  nested_indexes_.resize(count);
  key_numbers_.assign(count, nullable_ ? 1 : 0);
  for (size_t i = 0; i < count; ++i) {
    const uint32_t index = slice.indexes[i];
    nested_indexes_[i] = index;
    if (index != kDefaultValue && slice.column.cells[index].is_absent()) {
      nested_indexes_[i] = kDefaultValue;
      if (nullable_) {
        key_numbers_[i] = 0;
      } else {
        failures.push_back(absent_failure(static_cast<uint32_t>(i), slice.column.cells[index]));
      }
    }
  }
  values_.clear();
  nested_->write_body(ColumnSlice{slice.batch, slice.column, nested_indexes_}, values_, failures);
  dictionary_.clear();
  const std::string zero(width_, '\0');
  dictionary_.insert(zero);  // the default value: key 0, or key 1 after the NULL key
  const uint32_t first = nullable_ ? 1 : 0;
  for (size_t i = 0; i < count; ++i) {
    if (nullable_ && key_numbers_[i] == 0) continue;
    key_numbers_[i] =
        first + dictionary_.insert(std::string_view(values_).substr(i * width_, width_));
  }
  const uint64_t key_count = dictionary_.size() + first;
  append_fixed<uint64_t>(out, index_width(key_count) | kHasAdditionalKeys | kNeedUpdateDictionary);
  append_fixed<uint64_t>(out, key_count);
  if (nullable_) out.append(zero);  // the NULL key holds the default
  for (size_t k = 0; k < dictionary_.size(); ++k) out.append(dictionary_.key(k));
  append_keyed_indexes(key_numbers_, key_count, out);
}

void LowCardinalityEncoder::write_prefix(std::string& out) const {
  append_fixed<uint64_t>(out, kSharedDictionariesWithAdditionalKeys);
}

void LowCardinalityEncoder::write_body(const ColumnSlice& slice, std::string& out,
                                       std::vector<EncodeFailure>& failures) {
  // A modern writer writes nothing for zero values (e.g. all arrays empty); 18.16's own
  // zero-row granule breaks its reader (ClickHouse issue #3907).
  if (slice.indexes.empty()) return;
  dictionary_.clear();
  dictionary_.insert("");  // the default value: key 0, or key 1 after the NULL key
  const uint32_t first = nullable_ ? 1 : 0;
  key_numbers_.resize(slice.indexes.size());
  for (size_t i = 0; i < slice.indexes.size(); ++i) {
    const uint32_t index = slice.indexes[i];
    uint32_t number = first;  // the default
    if (index != kDefaultValue) {
      const Cell& cell = slice.column.cells[index];
      if (cell.is_absent()) {
        if (nullable_) {
          number = 0;
        } else {
          failures.push_back(absent_failure(static_cast<uint32_t>(i), cell));
        }
      } else {
        number =
            first + dictionary_.insert(string_value(slice.batch, slice.column, cell, scratch_));
      }
    }
    key_numbers_[i] = number;
  }
  const uint64_t key_count = dictionary_.size() + first;
  const uint64_t width = key_count - 1 <= 0xFF ? 0 : key_count - 1 <= 0xFFFF ? 1 : 2;
  append_fixed<uint64_t>(out, width | kHasAdditionalKeys | kNeedUpdateDictionary);
  append_fixed<uint64_t>(out, key_count);
  if (nullable_) out.push_back('\0');  // the NULL key holds the default ""
  for (size_t k = 0; k < dictionary_.size(); ++k) append_binary_string(out, dictionary_.key(k));
  append_fixed<uint64_t>(out, key_numbers_.size());
  if (width == 0) {
    append_indexes<uint8_t>(key_numbers_, out);
  } else if (width == 1) {
    append_indexes<uint16_t>(key_numbers_, out);
  } else {
    append_indexes<uint32_t>(key_numbers_, out);
  }
}

}  // namespace sluice::native
