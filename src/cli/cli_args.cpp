#include "cli/cli_args.h"

#include <charconv>

namespace sluice::cli {

const char* const kUsage =
    "usage: sluice run PIPELINE.(json|yaml) [options]\n"
    "\n"
    "Runs the pipeline until SIGINT/SIGTERM, then drains (flush, commit) and exits 0.\n"
    "\n"
    "options:\n"
    "  --dead-letter FILE         dead-letter file (JSON lines); default\n"
    "                             .sluice/<pipeline_id>/dead_letters.jsonl\n"
    "  --kafka-property NAME=VAL  extra librdkafka consumer property (repeatable), e.g.\n"
    "                             session.timeout.ms=6000\n"
    "  --compression lz4|zstd|none  compression of blocks sent to ClickHouse (default lz4)\n"
    "  --status-interval SECONDS  seconds between status lines on stderr (default 5, 0 = off)\n"
    "\n"
    "The Kafka consumer group is sluice-<pipeline_id>.\n";

namespace {

Error usage_error(const std::string& message) {
  return Error(ErrorCode::InvalidArgument, message + " (see `sluice run --help`)");
}

}  // namespace

Result<RunArgs> parse_run_args(const std::vector<std::string>& args) {
  RunArgs out;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& dst) -> Status {
      if (i + 1 >= args.size()) return usage_error(a + " needs a value");
      dst = args[++i];
      return Status::success();
    };
    std::string v;
    if (a == "--dead-letter") {
      SLUICE_RETURN_IF_ERROR(value(out.options.dead_letter_path));
    } else if (a == "--kafka-property") {
      SLUICE_RETURN_IF_ERROR(value(v));
      size_t eq = v.find('=');
      if (eq == std::string::npos || eq == 0)
        return usage_error("--kafka-property takes NAME=VALUE, got \"" + v + "\"");
      out.options.kafka_overrides.emplace_back(v.substr(0, eq), v.substr(eq + 1));
    } else if (a == "--compression") {
      SLUICE_RETURN_IF_ERROR(value(v));
      if (v == "lz4")
        out.options.compression = clickhouse::Compression::LZ4;
      else if (v == "zstd")
        out.options.compression = clickhouse::Compression::ZSTD;
      else if (v == "none")
        out.options.compression = clickhouse::Compression::None;
      else
        return usage_error("--compression must be lz4, zstd or none, got \"" + v + "\"");
    } else if (a == "--status-interval") {
      SLUICE_RETURN_IF_ERROR(value(v));
      double seconds = 0;
      auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), seconds);
      if (ec != std::errc() || ptr != v.data() + v.size() || seconds < 0)
        return usage_error("--status-interval takes a number of seconds, got \"" + v + "\"");
      out.options.status_interval = std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000));
    } else if (!a.empty() && a[0] == '-') {
      return usage_error("unknown option " + a);
    } else if (out.pipeline_path.empty()) {
      out.pipeline_path = a;
    } else {
      return usage_error("unexpected argument \"" + a + "\"");
    }
  }
  if (out.pipeline_path.empty()) return usage_error("sluice run needs a pipeline file");
  return out;
}

}  // namespace sluice::cli
