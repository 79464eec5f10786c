#include "clickhouse/query_packet.h"

#include "base/varint.h"
#include "clickhouse/protocol.h"

namespace sluice::clickhouse {

namespace {

// Must parse as ip:port on 18.16 (Poco SocketAddress); modern servers replace it anyway.
constexpr std::string_view kInitialAddress = "[::ffff:127.0.0.1]:0";

void encode_client_info(const ClientIdentity& client, uint64_t revision, std::string& out) {
  out.push_back(static_cast<char>(kQueryKindInitial));
  append_binary_string(out, "");  // initial_user
  append_binary_string(out, "");  // initial_query_id
  append_binary_string(out, kInitialAddress);
  if (revision >= rev::kInitialQueryStartTime) append_fixed<int64_t>(out, 0);
  out.push_back(static_cast<char>(kInterfaceTcp));
  append_binary_string(out, client.os_user);
  append_binary_string(out, client.hostname);
  append_binary_string(out, client.client_name);
  append_varuint(out, client.version_major);
  append_varuint(out, client.version_minor);
  append_varuint(out, client.announced_revision);
  if (revision >= rev::kQuotaKeyInClientInfo) append_binary_string(out, "");  // quota_key
  if (revision >= rev::kDistributedDepth) append_varuint(out, 0);
  if (revision >= rev::kVersionPatch) append_varuint(out, client.version_patch);
  if (revision >= rev::kOpenTelemetry) out.push_back(0);  // no trace context
  // Parallel-replica fields (54453) and later are above kClientRevision.
}

}  // namespace

Status encode_query(const ClientIdentity& client, uint64_t revision, const QueryPacket& query,
                    std::string& out) {
  std::string packet;
  append_varuint(packet, static_cast<uint64_t>(ClientPacket::Query));
  append_binary_string(packet, query.query_id);
  encode_client_info(client, revision, packet);
  static const Settings kNoSettings;
  SLUICE_RETURN_IF_ERROR(
      encode_settings(query.settings ? *query.settings : kNoSettings, revision, packet));
  if (revision >= rev::kInterserverSecret) append_binary_string(packet, "");
  append_varuint(packet, kStageComplete);
  append_varuint(packet, query.compression ? 1 : 0);
  append_binary_string(packet, query.sql);
  out += packet;
  return Status::success();
}

void encode_empty_data_uncompressed(std::string& out) {
  append_varuint(out, static_cast<uint64_t>(ClientPacket::Data));
  append_binary_string(out, "");
  out.append(kBlockInfo, kBlockInfoSize);
  append_varuint(out, 0);
  append_varuint(out, 0);
}

}  // namespace sluice::clickhouse
