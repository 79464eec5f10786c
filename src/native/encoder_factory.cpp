#include "native/encoder_factory.h"

#include "native/array_encoder.h"
#include "native/bool_encoder.h"
#include "native/date_time_encoder.h"
#include "native/decimal_encoder.h"
#include "native/enum_encoder.h"
#include "native/fixed_string_encoder.h"
#include "native/float_encoder.h"
#include "native/integer_encoder.h"
#include "native/ip_encoder.h"
#include "native/low_cardinality_encoder.h"
#include "native/map_encoder.h"
#include "native/nullable_encoder.h"
#include "native/string_encoder.h"
#include "native/tuple_encoder.h"
#include "native/uuid_encoder.h"
#include "native/wide_integer_encoder.h"

namespace sluice::native {
namespace {

using EncoderPtr = std::unique_ptr<ColumnEncoder>;

Error unsupported(const TypeDesc& type) {
  return Error(ErrorCode::InvalidArgument, type.name + " is not supported yet");
}

}  // namespace

size_t fixed_width(const TypeDesc& type) {
  switch (type.kind) {
    case TypeKind::Int8:
    case TypeKind::UInt8:
    case TypeKind::Bool:
    case TypeKind::Enum8:
      return 1;
    case TypeKind::Int16:
    case TypeKind::UInt16:
    case TypeKind::Date:
    case TypeKind::Enum16:
      return 2;
    case TypeKind::Int32:
    case TypeKind::UInt32:
    case TypeKind::Float32:
    case TypeKind::Date32:
    case TypeKind::DateTime:
    case TypeKind::IPv4:
      return 4;
    case TypeKind::Int64:
    case TypeKind::UInt64:
    case TypeKind::Float64:
    case TypeKind::DateTime64:
      return 8;
    case TypeKind::Int128:
    case TypeKind::UInt128:
    case TypeKind::UUID:
    case TypeKind::IPv6:
      return 16;
    case TypeKind::Int256:
    case TypeKind::UInt256:
      return 32;
    case TypeKind::Decimal:
      return type.precision <= 9 ? 4 : type.precision <= 18 ? 8 : type.precision <= 38 ? 16 : 32;
    case TypeKind::FixedString:
      return type.length;
    default:
      return 0;
  }
}

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
    case TypeKind::Int128:
      return EncoderPtr(std::make_unique<WideIntegerEncoder>(128, true));
    case TypeKind::UInt128:
      return EncoderPtr(std::make_unique<WideIntegerEncoder>(128, false));
    case TypeKind::Int256:
      return EncoderPtr(std::make_unique<WideIntegerEncoder>(256, true));
    case TypeKind::UInt256:
      return EncoderPtr(std::make_unique<WideIntegerEncoder>(256, false));
    case TypeKind::IPv4:
      return EncoderPtr(std::make_unique<Ipv4Encoder>());
    case TypeKind::IPv6:
      return EncoderPtr(std::make_unique<Ipv6Encoder>());
    case TypeKind::Decimal:
      if (type.precision > 76) return unsupported(type);
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
      const bool nullable = inner.kind == TypeKind::Nullable;
      const TypeDesc& value_type = nullable ? inner.children[0] : inner;
      const size_t width = fixed_width(value_type);
      if (width == 0) return unsupported(type);
      Result<EncoderPtr> nested = make_encoder(value_type);
      if (!nested.ok()) return nested.error();
      return EncoderPtr(
          std::make_unique<FixedLowCardinalityEncoder>(std::move(nested).value(), width, nullable));
    }
    case TypeKind::Map: {
      Result<EncoderPtr> key = make_encoder(type.children[0]);
      if (!key.ok()) return key.error();
      Result<EncoderPtr> value = make_encoder(type.children[1]);
      if (!value.ok()) return value.error();
      return EncoderPtr(std::make_unique<MapEncoder>(
          std::move(key).value(), std::move(value).value(), type.children[1].name));
    }
    case TypeKind::Tuple: {
      std::vector<EncoderPtr> elements;
      std::vector<std::string> types;
      for (const TypeDesc& child : type.children) {
        Result<EncoderPtr> element = make_encoder(child);
        if (!element.ok()) return element.error();
        elements.push_back(std::move(element).value());
        types.push_back(child.name);
      }
      return EncoderPtr(std::make_unique<TupleEncoder>(std::move(elements), type.element_names,
                                                       std::move(types)));
    }
    default:
      return unsupported(type);
  }
}

}  // namespace sluice::native
