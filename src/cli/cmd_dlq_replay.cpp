// `sluice dlq replay`: runs stored payloads through the pipeline's decoder and sink again.
#include <cstdio>

#include "cli/diagnostics_output.h"
#include "config/pipeline_loader.h"
#include "config/runtime_support.h"
#include "json/record_decoder.h"
#include "sink/clickhouse_sink.h"
#include "sink/dead_letter_archive.h"
#include "transforms/transform_chain.h"

namespace sluice::cli {

int dlq_replay(const std::string& pipeline_path, sink::DeadLetterArchive& archive,
               const std::string& reason) {
  auto loaded = config::load_pipeline_file(pipeline_path);
  if (print_diagnostics(loaded) != 0) {
    std::fprintf(stderr, "sluice: replay needs the pipeline file; %s is not valid\n",
                 pipeline_path.c_str());
    return 2;
  }
  const config::Pipeline& pipeline = *loaded.pipeline;
  if (auto unsupported = config::unsupported_at_runtime(pipeline); !unsupported.empty()) {
    for (const auto& d : unsupported) std::fprintf(stderr, "error: %s\n", d.to_string().c_str());
    std::fprintf(stderr, "sluice: %s cannot run in this version; nothing was replayed\n",
                 pipeline_path.c_str());
    return 2;
  }
  if (pipeline.join.enabled) {
    // A dead-lettered record of a join is one side of a joined row: replaying it alone would need
    // the other side from the running pipeline's join state.
    std::fprintf(stderr,
                 "sluice: %s has a join; its dead letters cannot be replayed on their own (each "
                 "is one side of a joined row); nothing was replayed. Use `sluice dlq show` to "
                 "inspect them and re-produce the fixed records to their topic\n",
                 pipeline_path.c_str());
    return 2;
  }
  auto log = archive.read();
  if (!log.ok()) {
    std::fprintf(stderr, "sluice: %s\n", log.error().message().c_str());
    return 1;
  }
  const auto& fields = pipeline.sources.front().schema_fields;
  // The stored payloads are the original messages: they go through the same steps as in
  // `sluice run` (filter, stateless) before the sink, but not dedup: they passed it once, and
  // their keys are in the pipeline's state.
  transforms::TransformChain::Options chain_options;
  chain_options.dedup = false;
  auto chain =
      transforms::TransformChain::create(pipeline, pipeline.sources.front(), chain_options);
  if (!chain.ok()) {
    std::fprintf(stderr, "sluice: %s\n", chain.error().message().c_str());
    return 2;
  }
  sink::ClickHouseSinkOptions options;
  options.sink = pipeline.sink;
  options.fields = chain->column_fields();
  auto sink = sink::ClickHouseSink::open(std::move(options));
  if (!sink.ok()) {
    std::fprintf(stderr, "sluice: %s\n", sink.error().message().c_str());
    return 1;
  }

  // One batch; each replayed entry's index rides in its origin's offset so the outcome can
  // be matched back to the entry.
  json::RecordDecoder decoder(fields);
  Batch batch(decoder.num_fields());
  batch.topics.push_back(pipeline.sources.front().topic);
  std::vector<size_t> picked;
  for (size_t i = 0; i < log->entries.size(); ++i) {
    const sink::DeadLetterEntry& e = log->entries[i];
    if (!reason.empty() && e.reason != reason) continue;
    RecordOrigin origin;
    origin.partition = Partition{e.partition};
    origin.offset = Offset{static_cast<int64_t>(i)};
    origin.timestamp_ms = e.timestamp_ms;
    decoder.decode(batch, e.payload, e.key, origin);
    picked.push_back(i);
  }
  chain->apply(batch);
  auto written = (*sink)->write(batch);
  if (!written.ok()) {
    std::fprintf(stderr, "sluice: replay failed, the dead-letter log is unchanged: %s\n",
                 written.error().message().c_str());
    return 1;
  }
  // Entries that failed again stay, with their new reason; the others are removed.
  std::vector<sink::DeadLetterEntry> updated;
  std::vector<bool> failed(log->entries.size(), false);
  const std::string now = sink::utc_now_iso8601();
  for (const RejectedRecord& r : batch.rejected) {
    const size_t i = static_cast<size_t>(r.origin.offset.value);
    failed[i] = true;
    sink::DeadLetterEntry e = log->entries[i];
    e.component = sink::reject_component(r.reason);
    e.reason = reject_reason_name(r.reason);
    e.detail = r.detail;
    e.time = now;
    updated.push_back(std::move(e));
  }
  std::vector<uint64_t> removed;
  for (size_t i : picked)
    if (!failed[i]) removed.push_back(log->entries[i].seq);
  // The rows are in ClickHouse now: a crash before this update replays them twice
  // (at-least-once, like the pipeline itself).
  if (Status s = archive.update(removed, updated); !s.ok()) {
    std::fprintf(stderr, "sluice: %s\n", s.error().message().c_str());
    return 1;
  }
  std::printf("replayed %zu dead letters: %zu inserted, %zu failed again and stay\n", picked.size(),
              *written, batch.rejected.size());
  return 0;
}

}  // namespace sluice::cli
