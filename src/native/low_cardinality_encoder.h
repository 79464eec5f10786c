#pragma once

#include <memory>
#include <string>
#include <vector>

#include "native/column_encoder.h"
#include "native/string_dictionary.h"

namespace sluice::native {

// LowCardinality(String) and LowCardinality(Nullable(String)) (protocol reference §9.7).
// Prefix: UInt64 key version 1. Body, when there is at least one value: UInt64 0x600 | index
// width (HasAdditionalKeys | NeedUpdateDictionary, as the server itself writes), UInt64 key
// count and the keys as a plain String column, UInt64 value count and one index per value in
// the smallest width that fits. Key 0 is "" (the default) for LowCardinality(String); for the
// Nullable form key 0 means NULL and key 1 is "". Values convert as for String.
class LowCardinalityEncoder final : public ColumnEncoder {
 public:
  explicit LowCardinalityEncoder(bool nullable) : nullable_(nullable) {}
  void write_prefix(std::string& out) const override;
  void write_body(const ColumnSlice& slice, std::string& out,
                  std::vector<EncodeFailure>& failures) override;

 private:
  bool nullable_;
  StringDictionary dictionary_;
  std::vector<uint32_t> key_numbers_;  // per value, scratch
  std::string scratch_;
};

// LowCardinality(T) and LowCardinality(Nullable(T)) for a fixed-width T (numbers, Date,
// Date32, DateTime, DateTime64, FixedString(N), UUID, IPv4/6, Decimal, Bool): the same layout
// as above with the keys as a T column. Values are converted by T's encoder (same failures);
// key 0 is T's default (all zero bytes), and for the Nullable form key 0 is NULL and key 1 the
// default.
class FixedLowCardinalityEncoder final : public ColumnEncoder {
 public:
  FixedLowCardinalityEncoder(std::unique_ptr<ColumnEncoder> nested, size_t width, bool nullable)
      : nested_(std::move(nested)), width_(width), nullable_(nullable) {}
  void write_prefix(std::string& out) const override;
  void write_body(const ColumnSlice& slice, std::string& out,
                  std::vector<EncodeFailure>& failures) override;

 private:
  std::unique_ptr<ColumnEncoder> nested_;
  size_t width_;
  bool nullable_;
  StringDictionary dictionary_;
  std::vector<uint32_t> nested_indexes_;
  std::vector<uint32_t> key_numbers_;
  std::string values_;  // the nested encoding of every value, width_ bytes each
};

}  // namespace sluice::native
