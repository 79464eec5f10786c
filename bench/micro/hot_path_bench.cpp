// Sluice's own per-event CPU on W1 without Kafka or the network: JSON decoding into a batch,
// Native encoding of the 38 mapped columns, and LZ4 framing. Events come from sluice-gen
// (seed 1), generated once into a temporary file.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "bench_workload.h"
#include "clickhouse/compressed_frame.h"
#include "json/record_decoder.h"
#include "native/block_encoder.h"

namespace {

using namespace sluice;

constexpr size_t kEvents = 20000;

using bench::Workload;

const Workload& w1() {
  static const Workload w = bench::load_workload("w1", "w1-telemetry.yaml", kEvents);
  return w;
}

void decode_into(json::RecordDecoder& decoder, const Workload& w, Batch& batch) {
  batch.reset();
  batch.topics.push_back("w1");
  RecordOrigin origin;
  for (const auto& e : w.events) {
    decoder.decode(batch, e, {}, origin, json::PayloadLifetime::Retained);  // as the pipeline
    ++origin.offset.value;
  }
}

Batch decode_all(json::RecordDecoder& decoder, const Workload& w) {
  Batch batch(decoder.num_fields());
  decode_into(decoder, w, batch);
  return batch;
}

native::BlockEncoder make_encoder(const Workload& w) {
  const auto& fields = w.pipeline.sources[0].schema_fields;
  std::vector<native::ColumnBinding> bindings;
  for (const auto& m : w.pipeline.sink.mapping) {
    size_t index = 0;
    while (fields[index].name != m.name) ++index;
    bindings.push_back({m.column_name, m.column_type, index, m.name});
  }
  return std::move(native::BlockEncoder::create(bindings)).value();
}

void BM_DecodeW1(benchmark::State& state) {
  const Workload& w = w1();
  json::RecordDecoder decoder(w.pipeline.sources[0].schema_fields);
  Batch batch(decoder.num_fields());  // recycled, as the pipeline does
  for (auto _ : state) {
    decode_into(decoder, w, batch);
    benchmark::DoNotOptimize(batch.rows());
  }
  state.SetItemsProcessed(state.iterations() * w.events.size());
  state.SetBytesProcessed(state.iterations() * w.bytes);
}
BENCHMARK(BM_DecodeW1)->Unit(benchmark::kMillisecond);

void BM_EncodeW1(benchmark::State& state) {
  const Workload& w = w1();
  json::RecordDecoder decoder(w.pipeline.sources[0].schema_fields);
  Batch batch = decode_all(decoder, w);
  native::BlockEncoder encoder = make_encoder(w);
  std::vector<uint32_t> rows(batch.rows());
  for (uint32_t r = 0; r < rows.size(); ++r) rows[r] = r;
  std::string body;
  for (auto _ : state) {
    body.clear();
    auto failures = encoder.encode(batch, rows, body);
    if (!failures.empty()) state.SkipWithError(failures[0].detail.c_str());
    benchmark::DoNotOptimize(body.data());
  }
  state.SetItemsProcessed(state.iterations() * w.events.size());
  state.SetBytesProcessed(state.iterations() * body.size());
}
BENCHMARK(BM_EncodeW1)->Unit(benchmark::kMillisecond);

void BM_CompressW1(benchmark::State& state) {
  const Workload& w = w1();
  json::RecordDecoder decoder(w.pipeline.sources[0].schema_fields);
  Batch batch = decode_all(decoder, w);
  native::BlockEncoder encoder = make_encoder(w);
  std::vector<uint32_t> rows(batch.rows());
  for (uint32_t r = 0; r < rows.size(); ++r) rows[r] = r;
  std::string body, framed;
  (void)encoder.encode(batch, rows, body);
  auto method = static_cast<clickhouse::FrameMethod>(state.range(0));
  for (auto _ : state) {
    framed.clear();
    if (!clickhouse::compress(body, method, framed).ok()) state.SkipWithError("compress failed");
    benchmark::DoNotOptimize(framed.data());
  }
  state.SetItemsProcessed(state.iterations() * w.events.size());
  state.SetBytesProcessed(state.iterations() * body.size());
  state.counters["ratio"] = static_cast<double>(body.size()) / static_cast<double>(framed.size());
}
BENCHMARK(BM_CompressW1)
    ->Arg(static_cast<int>(clickhouse::FrameMethod::LZ4))
    ->Arg(static_cast<int>(clickhouse::FrameMethod::ZSTD))
    ->Arg(static_cast<int>(clickhouse::FrameMethod::None))
    ->Unit(benchmark::kMillisecond);

}  // namespace
