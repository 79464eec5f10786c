#include "cli/cli_args.h"

#include <charconv>

namespace sluice::cli {

const char* const kUsage =
    "usage: sluice run PIPELINE.(json|yaml) [options]\n"
    "\n"
    "Runs the pipeline until SIGINT/SIGTERM, then drains (flush, commit) and exits 0.\n"
    "\n"
    "options:\n"
    "  --dead-letter FILE|clickhouse:[DB.]TABLE  where dead letters go: a file of JSON\n"
    "                             lines (default .sluice/<pipeline_id>/dead_letters.jsonl)\n"
    "                             or a table on the sink's ClickHouse (created if missing)\n"
    "  --state-dir DIR            dedup state (RocksDB; default .sluice/<pipeline_id>/state)\n"
    "  --kafka-property NAME=VAL  extra librdkafka consumer property (repeatable), e.g.\n"
    "                             session.timeout.ms=6000\n"
    "  --compression auto|lz4|zstd|none  compression of blocks sent to ClickHouse; auto\n"
    "                             (default): none when the sink host is a loopback address,\n"
    "                             as clickhouse-client does, lz4 otherwise\n"
    "  --status-interval SECONDS  seconds between status lines on stderr (default 5, 0 = off)\n"
    "  --metrics-file PATH        write Prometheus metrics (text format) to PATH at every\n"
    "                             status interval and at exit (docs/delivery.md)\n"
    "  --max-batch-bytes BYTES    cut a batch once it holds this many bytes (default 67108864)\n"
    "  --insert-pacing adaptive|fixed  adaptive (default): batches grow past max_batch_size\n"
    "                             toward ~1 insert/s at high rates (docs/delivery.md)\n"
    "  --from-beginning           replay: start every partition at its earliest offset,\n"
    "                             overriding the group's committed offsets\n"
    "  --from-timestamp TIME      replay from TIME (ISO 8601, e.g. 2026-01-15T10:00:00Z, or\n"
    "                             epoch milliseconds), overriding committed offsets\n"
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
      SLUICE_RETURN_IF_ERROR(value(out.options.dead_letter));
    } else if (a == "--state-dir") {
      SLUICE_RETURN_IF_ERROR(value(out.options.state_dir));
    } else if (a == "--metrics-file") {
      SLUICE_RETURN_IF_ERROR(value(out.options.metrics_file));
    } else if (a == "--kafka-property") {
      SLUICE_RETURN_IF_ERROR(value(v));
      size_t eq = v.find('=');
      if (eq == std::string::npos || eq == 0)
        return usage_error("--kafka-property takes NAME=VALUE, got \"" + v + "\"");
      out.options.kafka_overrides.emplace_back(v.substr(0, eq), v.substr(eq + 1));
    } else if (a == "--compression") {
      SLUICE_RETURN_IF_ERROR(value(v));
      if (v == "auto")
        out.options.compression.reset();
      else if (v == "lz4")
        out.options.compression = clickhouse::Compression::LZ4;
      else if (v == "zstd")
        out.options.compression = clickhouse::Compression::ZSTD;
      else if (v == "none")
        out.options.compression = clickhouse::Compression::None;
      else
        return usage_error("--compression must be auto, lz4, zstd or none, got \"" + v + "\"");
    } else if (a == "--status-interval") {
      SLUICE_RETURN_IF_ERROR(value(v));
      double seconds = 0;
      auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), seconds);
      if (ec != std::errc() || ptr != v.data() + v.size() || seconds < 0)
        return usage_error("--status-interval takes a number of seconds, got \"" + v + "\"");
      out.options.status_interval = std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000));
    } else if (a == "--max-batch-bytes") {
      SLUICE_RETURN_IF_ERROR(value(v));
      size_t bytes = 0;
      auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), bytes);
      if (ec != std::errc() || ptr != v.data() + v.size() || bytes == 0)
        return usage_error("--max-batch-bytes takes a positive number of bytes, got \"" + v + "\"");
      out.options.max_batch_bytes = bytes;
    } else if (a == "--insert-pacing") {
      SLUICE_RETURN_IF_ERROR(value(v));
      if (v != "adaptive" && v != "fixed")
        return usage_error("--insert-pacing must be adaptive or fixed, got \"" + v + "\"");
      out.options.adaptive_pacing = v == "adaptive";
    } else if (a == "--from-beginning") {
      if (out.options.start.kind == kafka::StartPosition::Kind::Timestamp)
        return usage_error("--from-beginning and --from-timestamp exclude each other");
      out.options.start.kind = kafka::StartPosition::Kind::Beginning;
    } else if (a == "--from-timestamp") {
      SLUICE_RETURN_IF_ERROR(value(v));
      if (out.options.start.kind == kafka::StartPosition::Kind::Beginning)
        return usage_error("--from-beginning and --from-timestamp exclude each other");
      auto start = kafka::parse_start_timestamp(v);
      if (!start.ok()) return usage_error(start.error().message());
      out.options.start = start.value();
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
