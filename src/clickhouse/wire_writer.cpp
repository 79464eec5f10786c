#include "clickhouse/wire_writer.h"

namespace sluice::clickhouse {

Status WireWriter::flush() {
  if (buf_.empty()) return Status::success();
  Status st = transport_.write_all(buf_, timeout_);
  buf_.clear();
  return st;
}

Status WireWriter::write_raw_direct(std::string_view data) {
  SLUICE_RETURN_IF_ERROR(flush());
  return transport_.write_all(data, timeout_);
}

}  // namespace sluice::clickhouse
