#include "clickhouse/settings_encoder.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <string_view>

#include "base/varint.h"
#include "clickhouse/protocol.h"

namespace sluice::clickhouse {

namespace {

// How a setting is written in the old binary format (18.x SettingsCommon.h).
enum class SettingKind {
  UInt,     // SettingUInt64, SettingSeconds, SettingMilliseconds: VarUInt
  Bool,     // SettingBool: VarUInt 0/1
  Int,      // SettingInt64: zig-zag VarInt
  Threads,  // SettingMaxThreads: VarUInt, 0 = auto
  Text,     // SettingString, SettingFloat and every enum-like setting: String
};

struct SettingSpec {
  std::string_view name;
  SettingKind kind;
};

// Settings we allow against pre-54429 servers. All exist in ClickHouse 18.16; add more here
// only after checking their type in that version's Settings.h.
constexpr std::array kTypedSettings = {
    SettingSpec{"allow_experimental_low_cardinality_type", SettingKind::Bool},
    SettingSpec{"connect_timeout", SettingKind::UInt},
    SettingSpec{"date_time_input_format", SettingKind::Text},
    SettingSpec{"input_format_skip_unknown_fields", SettingKind::Bool},
    SettingSpec{"insert_deduplicate", SettingKind::Bool},
    SettingSpec{"insert_quorum", SettingKind::UInt},
    SettingSpec{"insert_quorum_timeout", SettingKind::UInt},
    SettingSpec{"load_balancing", SettingKind::Text},
    SettingSpec{"log_queries", SettingKind::Bool},
    SettingSpec{"low_cardinality_allow_in_native_format", SettingKind::Bool},
    SettingSpec{"max_block_size", SettingKind::UInt},
    SettingSpec{"max_execution_time", SettingKind::UInt},
    SettingSpec{"max_insert_block_size", SettingKind::UInt},
    SettingSpec{"max_memory_usage", SettingKind::UInt},
    SettingSpec{"max_query_size", SettingKind::UInt},
    SettingSpec{"max_result_rows", SettingKind::UInt},
    SettingSpec{"max_threads", SettingKind::Threads},
    SettingSpec{"min_insert_block_size_bytes", SettingKind::UInt},
    SettingSpec{"min_insert_block_size_rows", SettingKind::UInt},
    SettingSpec{"network_compression_method", SettingKind::Text},
    SettingSpec{"network_zstd_compression_level", SettingKind::Int},
    SettingSpec{"readonly", SettingKind::UInt},
    SettingSpec{"receive_timeout", SettingKind::UInt},
    SettingSpec{"send_logs_level", SettingKind::Text},
    SettingSpec{"send_timeout", SettingKind::UInt},
};

const SettingSpec* find_spec(std::string_view name) {
  for (const auto& spec : kTypedSettings) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

Error bad_value(std::string_view name, std::string_view value, std::string_view expected) {
  return Error(ErrorCode::InvalidArgument, "setting " + std::string(name) + ": \"" +
                                               std::string(value) + "\" is not " +
                                               std::string(expected));
}

template <typename T>
bool parse_number(std::string_view text, T& out) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size() && !text.empty();
}

Status encode_typed(const SettingSpec& spec, std::string_view value, std::string& out) {
  switch (spec.kind) {
    case SettingKind::UInt: {
      uint64_t v = 0;
      if (!parse_number(value, v)) return bad_value(spec.name, value, "an unsigned integer");
      append_varuint(out, v);
      return Status::success();
    }
    case SettingKind::Threads: {
      uint64_t v = 0;
      if (value == "auto") {
        v = 0;
      } else if (!parse_number(value, v)) {
        return bad_value(spec.name, value, "an unsigned integer or auto");
      }
      append_varuint(out, v);
      return Status::success();
    }
    case SettingKind::Bool: {
      if (value == "1" || value == "true") {
        append_varuint(out, 1);
      } else if (value == "0" || value == "false") {
        append_varuint(out, 0);
      } else {
        return bad_value(spec.name, value, "a boolean (0, 1, true, false)");
      }
      return Status::success();
    }
    case SettingKind::Int: {
      int64_t v = 0;
      if (!parse_number(value, v)) return bad_value(spec.name, value, "an integer");
      append_varuint(out, (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
      return Status::success();
    }
    case SettingKind::Text:
      append_binary_string(out, value);
      return Status::success();
  }
  return Error(ErrorCode::Internal, "unhandled setting kind");
}

}  // namespace

Status encode_settings(const Settings& settings, uint64_t revision, std::string& out) {
  constexpr uint64_t kFlagImportant = 0x01;
  std::string encoded;
  for (const auto& [name, value] : settings) {
    if (name.empty()) return Error(ErrorCode::InvalidArgument, "setting with an empty name");
    append_binary_string(encoded, name);
    if (revision >= rev::kSettingsAsStrings) {
      append_varuint(encoded, kFlagImportant);
      append_binary_string(encoded, value);
      continue;
    }
    const SettingSpec* spec = find_spec(name);
    if (spec == nullptr) {
      return Error(ErrorCode::InvalidArgument,
                   "setting " + name + " cannot be sent to a server at protocol revision " +
                       std::to_string(revision) +
                       ": it is not in the typed settings table (clickhouse/settings_encoder.cpp); "
                       "an unknown setting would break the connection");
    }
    SLUICE_RETURN_IF_ERROR(encode_typed(*spec, value, encoded));
  }
  append_binary_string(encoded, "");
  out += encoded;
  return Status::success();
}

}  // namespace sluice::clickhouse
