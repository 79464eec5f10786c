#include "native/encoder_factory.h"

#include "native/array_encoder.h"
#include "native/bool_encoder.h"
#include "native/date_time_encoder.h"
#include "native/decimal_encoder.h"
#include "native/enum_encoder.h"
#include "native/fixed_string_encoder.h"
#include "native/float_encoder.h"
#include "native/integer_encoder.h"
#include "native/low_cardinality_encoder.h"
#include "native/nullable_encoder.h"
#include "native/string_encoder.h"
#include "native/uuid_encoder.h"

namespace sluice::native {
namespace {

using EncoderPtr = std::unique_ptr<ColumnEncoder>;

Error unsupported(const TypeDesc& type) {
  return Error(ErrorCode::InvalidArgument, type.name + " is not supported yet");
}

}  // namespace

Result<EncoderPtr> make_encoder(const TypeDesc& type) {
  using Unit = DateTimeEncoder::Unit;
  switch (type.kind) {
    case TypeKind::String:
      return EncoderPtr(std::make_unique<StringEncoder>());
    case TypeKind::FixedString:
      return EncoderPtr(std::make_unique<FixedStringEncoder>(type.length));
    case TypeKind::Int8:
      return EncoderPtr(std::make_unique<IntegerEncoder<int8_t>>());
    case TypeKind::Int16:
      return EncoderPtr(std::make_unique<IntegerEncoder<int16_t>>());
    case TypeKind::Int32:
      return EncoderPtr(std::make_unique<IntegerEncoder<int32_t>>());
    case TypeKind::Int64:
      return EncoderPtr(std::make_unique<IntegerEncoder<int64_t>>());
    case TypeKind::UInt8:
      return EncoderPtr(std::make_unique<IntegerEncoder<uint8_t>>());
    case TypeKind::UInt16:
      return EncoderPtr(std::make_unique<IntegerEncoder<uint16_t>>());
    case TypeKind::UInt32:
      return EncoderPtr(std::make_unique<IntegerEncoder<uint32_t>>());
    case TypeKind::UInt64:
      return EncoderPtr(std::make_unique<IntegerEncoder<uint64_t>>());
    case TypeKind::Float32:
      return EncoderPtr(std::make_unique<FloatEncoder<float>>());
    case TypeKind::Float64:
      return EncoderPtr(std::make_unique<FloatEncoder<double>>());
    case TypeKind::Bool:
      return EncoderPtr(std::make_unique<BoolEncoder>());
    case TypeKind::Date:
      return EncoderPtr(std::make_unique<DateTimeEncoder>(Unit::Date));
    case TypeKind::Date32:
      return EncoderPtr(std::make_unique<DateTimeEncoder>(Unit::Date32));
    case TypeKind::DateTime:
      return EncoderPtr(std::make_unique<DateTimeEncoder>(Unit::DateTime));
    case TypeKind::DateTime64:
      return EncoderPtr(std::make_unique<DateTimeEncoder>(Unit::DateTime64, type.precision));
    case TypeKind::UUID:
      return EncoderPtr(std::make_unique<UuidEncoder>());
    case TypeKind::Enum8:
    case TypeKind::Enum16:
      return EncoderPtr(std::make_unique<EnumEncoder>(type));
    case TypeKind::Decimal:
      if (type.precision > 38) return unsupported(type);
      return EncoderPtr(std::make_unique<DecimalEncoder>(type.precision, type.scale));
    case TypeKind::Nullable: {
      Result<EncoderPtr> nested = make_encoder(type.children[0]);
      if (!nested.ok()) return nested.error();
      return EncoderPtr(std::make_unique<NullableEncoder>(std::move(nested).value()));
    }
    case TypeKind::Array: {
      Result<EncoderPtr> nested = make_encoder(type.children[0]);
      if (!nested.ok()) return nested.error();
      return EncoderPtr(
          std::make_unique<ArrayEncoder>(std::move(nested).value(), type.children[0].name));
    }
    case TypeKind::LowCardinality: {
      const TypeDesc& inner = type.children[0];
      if (inner.kind == TypeKind::String)
        return EncoderPtr(std::make_unique<LowCardinalityEncoder>(false));
      if (inner.kind == TypeKind::Nullable && inner.children[0].kind == TypeKind::String)
        return EncoderPtr(std::make_unique<LowCardinalityEncoder>(true));
      return unsupported(type);
    }
    default:
      return unsupported(type);
  }
}

}  // namespace sluice::native
