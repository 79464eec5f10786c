#include "clickhouse/insert_client.h"

#include "clickhouse/connection.h"
#include "clickhouse/http_client.h"

namespace sluice::clickhouse {

Result<std::unique_ptr<InsertClient>> open_insert_client(const ConnectionOptions& options) {
  if (options.protocol == WireProtocol::Http) {
    auto client = HttpClient::open(options);
    if (!client.ok()) return client.error();
    return std::unique_ptr<InsertClient>(std::move(client).value());
  }
  auto connection = Connection::open(options);
  if (!connection.ok()) return connection.error();
  return std::unique_ptr<InsertClient>(std::move(connection).value());
}

}  // namespace sluice::clickhouse
