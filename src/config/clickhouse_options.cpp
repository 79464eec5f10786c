#include "config/clickhouse_options.h"

namespace sluice::config {

clickhouse::ConnectionOptions clickhouse_options(const ClickHouseConnection& c) {
  clickhouse::ConnectionOptions o;
  o.host = c.host;
  o.port = c.port;
  o.http_port = c.http_port;
  o.protocol = c.protocol == ClickHouseProtocol::Http ? clickhouse::WireProtocol::Http
                                                      : clickhouse::WireProtocol::Native;
  o.database = c.database;
  o.user = c.username;
  o.password = c.password;
  o.secure = c.secure;
  o.skip_certificate_verification = c.skip_certificate_verification;
  o.ca_file = c.ca_file;
  return o;
}

}  // namespace sluice::config
