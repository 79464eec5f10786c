#pragma once

#include <cstdint>

// Constants of the ClickHouse native TCP protocol (src/Core/Protocol.h and ProtocolDefines.h
// in ClickHouse). See docs in /work/shared/reference/clickhouse-native-protocol.md.
namespace sluice::clickhouse {

// The revision we announce. Everything the server sends follows min(this, server revision);
// the reasons for this value (no ProfileEvents, no custom serialization, no Addendum) are in
// the protocol reference, section 3.
inline constexpr uint64_t kClientRevision = 54450;
inline constexpr uint64_t kClientVersionMajor = 1;
inline constexpr uint64_t kClientVersionMinor = 0;
inline constexpr uint64_t kClientVersionPatch = 0;

// Revisions at which a field appears on the wire.
namespace rev {
inline constexpr uint64_t kTotalRowsInProgress = 51554;
inline constexpr uint64_t kServerTimezone = 54058;
inline constexpr uint64_t kQuotaKeyInClientInfo = 54060;
inline constexpr uint64_t kServerDisplayName = 54372;
inline constexpr uint64_t kVersionPatch = 54401;
inline constexpr uint64_t kLowCardinality = 54405;
// ClickHouse up to 18.16 (revision 54412) writes a zero-row LowCardinality granule when an
// Array(LowCardinality) column has no values at all; newer servers write nothing.
inline constexpr uint64_t kLastWithLegacyLcEmptyGranule = 54412;
inline constexpr uint64_t kClientWriteInfo = 54420;
inline constexpr uint64_t kSettingsAsStrings = 54429;
inline constexpr uint64_t kInterserverSecret = 54441;
inline constexpr uint64_t kOpenTelemetry = 54442;
inline constexpr uint64_t kDistributedDepth = 54448;
inline constexpr uint64_t kInitialQueryStartTime = 54449;
inline constexpr uint64_t kCustomSerialization = 54454;
inline constexpr uint64_t kTotalBytesInProgress = 54463;
inline constexpr uint64_t kServerQueryTimeInProgress = 54460;
inline constexpr uint64_t kRowsBeforeAggregation = 54469;
}  // namespace rev

enum class ClientPacket : uint64_t { Hello = 0, Query = 1, Data = 2, Cancel = 3, Ping = 4 };

enum class ServerPacket : uint64_t {
  Hello = 0,
  Data = 1,
  Exception = 2,
  Progress = 3,
  Pong = 4,
  EndOfStream = 5,
  ProfileInfo = 6,
  Totals = 7,
  Extremes = 8,
  TablesStatusResponse = 9,
  Log = 10,
  TableColumns = 11,
  PartUUIDs = 12,
  ReadTaskRequest = 13,
  ProfileEvents = 14,
};

inline constexpr uint64_t kStageComplete = 2;
inline constexpr uint8_t kQueryKindInitial = 1;
inline constexpr uint8_t kInterfaceTcp = 1;

// BlockInfo as every client writes it: is_overflows=0, bucket_num=-1, end.
inline constexpr char kBlockInfo[] = {0x01, 0x00, 0x02, '\xff', '\xff', '\xff', '\xff', 0x00};
inline constexpr size_t kBlockInfoSize = sizeof(kBlockInfo);

}  // namespace sluice::clickhouse
