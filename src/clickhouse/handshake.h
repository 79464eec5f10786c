#pragma once

#include <cstdint>
#include <string>

#include "base/result.h"
#include "clickhouse/wire_reader.h"

namespace sluice::clickhouse {

// What the server said about itself in its Hello.
struct ServerInfo {
  std::string name, display_name, timezone;
  uint64_t major = 0, minor = 0, patch = 0, revision = 0;
};

// Who we are: sent in the Hello and again in every Query's ClientInfo (a server with
// validate_tcp_client_information=1 compares the two names).
struct ClientIdentity {
  std::string client_name = "sluice";
  std::string os_user;
  std::string hostname;
  uint64_t version_major = 0, version_minor = 0, version_patch = 0;
  uint64_t announced_revision = 0;
};

// Appends a ClientHello packet (type 0). Pure function.
void encode_hello(const ClientIdentity& client, const std::string& database,
                  const std::string& user, const std::string& password, std::string& out);

// Reads the body of a ServerHello (after its packet type) written for a client that announced
// `client_revision`. The fields present follow min(client_revision, server revision).
Result<ServerInfo> read_server_hello(WireReader& in, uint64_t client_revision);

}  // namespace sluice::clickhouse
