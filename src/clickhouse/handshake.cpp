#include "clickhouse/handshake.h"

#include <algorithm>

#include "base/varint.h"
#include "clickhouse/protocol.h"

namespace sluice::clickhouse {

void encode_hello(const ClientIdentity& client, const std::string& database,
                  const std::string& user, const std::string& password, std::string& out) {
  append_varuint(out, static_cast<uint64_t>(ClientPacket::Hello));
  append_binary_string(out, client.client_name);
  append_varuint(out, client.version_major);
  append_varuint(out, client.version_minor);
  append_varuint(out, client.announced_revision);
  append_binary_string(out, database);
  append_binary_string(out, user);
  append_binary_string(out, password);
}

Result<ServerInfo> read_server_hello(WireReader& in, uint64_t client_revision) {
  ServerInfo info;
  SLUICE_RETURN_IF_ERROR(in.read_string(info.name));
  auto major = in.read_varuint();
  if (!major.ok()) return major.error();
  auto minor = in.read_varuint();
  if (!minor.ok()) return minor.error();
  auto revision = in.read_varuint();
  if (!revision.ok()) return revision.error();
  info.major = major.value();
  info.minor = minor.value();
  info.revision = revision.value();
  const uint64_t negotiated = std::min(client_revision, info.revision);
  // Fields 4a (>= 54471) and 8+ (>= 54461) are above kClientRevision and never sent to us.
  if (negotiated >= rev::kServerTimezone) SLUICE_RETURN_IF_ERROR(in.read_string(info.timezone));
  if (negotiated >= rev::kServerDisplayName) {
    SLUICE_RETURN_IF_ERROR(in.read_string(info.display_name));
  }
  if (negotiated >= rev::kVersionPatch) {
    auto patch = in.read_varuint();
    if (!patch.ok()) return patch.error();
    info.patch = patch.value();
  } else {
    info.patch = info.revision;
  }
  return info;
}

}  // namespace sluice::clickhouse
