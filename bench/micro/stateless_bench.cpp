// W4 without Kafka or ClickHouse (and W3's stateless step: BM_StatelessW3). BM_ChainW4, the
// settling thread's chain: the filter and the stateless step of examples/w4-filter-stateless.yaml
// over 20,000 W4 events (sluice-gen, seed 1), decoded once with the early filter as the pipeline
// does. The chain is applied again and again to the same batch: its rows all pass the filter, and
// the stateless step rewrites its output columns from the untouched input columns each time, so
// every iteration does one batch's full work.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "bench_workload.h"
#include "json/record_decoder.h"
#include "transforms/transform_chain.h"

namespace {

using namespace sluice;

constexpr size_t kEvents = 20000;

using bench::Workload;

const Workload& w4() {
  static const Workload w = bench::load_workload("w4", "w4-filter-stateless.yaml", kEvents);
  return w;
}

// W4's chain, and a decoder with its early filter, as the pipeline sets them up.
struct W4Pipeline {
  W4Pipeline()
      : chain(std::move(transforms::TransformChain::create(w4().pipeline, source())).value()),
        decoder(source().schema_fields) {
    decoder.set_row_filter(chain.early_filter());
  }
  static const config::KafkaSource& source() { return w4().pipeline.sources[0]; }
  // Decodes every event into `batch` (reset first, as a recycled batch is).
  void decode_all(Batch& batch) {
    batch.reset();
    batch.topics.push_back("w4");
    RecordOrigin origin;
    for (const auto& e : w4().events) {
      decoder.decode(batch, e, {}, origin, json::PayloadLifetime::Retained);
      ++origin.offset.value;
    }
  }

  transforms::TransformChain chain;
  json::RecordDecoder decoder;
};

// Arg 1: the batch as the decoder leaves it (every row kept as true by the early filter, so the
// chain skips that filter); arg 0: that said nowhere, so the filter runs again on every row.
void BM_ChainW4(benchmark::State& state) {
  W4Pipeline w;
  Batch batch(w.decoder.num_fields());
  w.decode_all(batch);
  if (batch.prefilter != Batch::Prefilter::AllKept) state.SkipWithError("not prefiltered");
  if (state.range(0) == 0) batch.prefilter = Batch::Prefilter::None;
  const size_t kept = batch.rows();
  for (auto _ : state) {
    w.chain.apply(batch);
    if (batch.rows() != kept || !batch.rejected.empty()) state.SkipWithError("rows changed");
    benchmark::DoNotOptimize(batch.columns.back().cells.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kept));
  state.counters["kept"] = static_cast<double>(kept);
}
BENCHMARK(BM_ChainW4)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// W3's stateless step on the orders (examples/w3-join.yaml: three fields passed through, which
// take their columns, and `int(round(amount * 100))`) over 20,000 orders, decoded afresh (not
// timed) before each application since the pass-throughs take their input columns.
void BM_StatelessW3(benchmark::State& state) {
  static const Workload w3 = bench::load_workload("w3-orders", "w3-join.yaml", kEvents);
  const config::KafkaSource& orders = w3.pipeline.sources[0];
  auto chain = std::move(transforms::TransformChain::create(w3.pipeline, orders)).value();
  json::RecordDecoder decoder(orders.schema_fields);
  Batch batch(decoder.num_fields());
  for (auto _ : state) {
    state.PauseTiming();
    batch.reset();
    batch.topics.push_back("w3");
    RecordOrigin origin;
    for (const auto& e : w3.events) decoder.decode(batch, e, {}, origin);
    state.ResumeTiming();
    chain.apply(batch);
    if (batch.rows() != w3.events.size()) state.SkipWithError("rows changed");
    benchmark::DoNotOptimize(batch.columns.back().cells.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * w3.events.size()));
}
BENCHMARK(BM_StatelessW3)->Unit(benchmark::kMicrosecond);

// The consuming thread's share of W4: decoding with the early filter, which drops about 61 %
// of the events before their texts are copied.
void BM_DecodeW4(benchmark::State& state) {
  W4Pipeline w;
  Batch batch(w.decoder.num_fields());  // recycled, as the pipeline does
  for (auto _ : state) {
    w.decode_all(batch);
    benchmark::DoNotOptimize(batch.rows());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * w4().events.size()));
  state.counters["kept"] = static_cast<double>(batch.rows());
}
BENCHMARK(BM_DecodeW4)->Unit(benchmark::kMillisecond);

}  // namespace
