#include "core/reject_reason.h"

namespace sluice {

std::string_view reject_reason_name(RejectReason reason) {
  switch (reason) {
    case RejectReason::InvalidJson:
      return "invalid_json";
    case RejectReason::NotAnObject:
      return "not_an_object";
    case RejectReason::FieldTypeMismatch:
      return "field_type_mismatch";
    case RejectReason::ConversionFailed:
      return "conversion_failed";
    case RejectReason::ServerRejected:
      return "server_rejected";
    case RejectReason::FilterFailed:
      return "filter_failed";
    case RejectReason::TransformFailed:
      return "transform_failed";
    case RejectReason::DedupKeyMissing:
      return "dedup_key_missing";
    case RejectReason::JoinKeyMissing:
      return "join_key_missing";
  }
  return "unknown";
}

}  // namespace sluice
