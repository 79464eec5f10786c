// The settling thread's steps on W3 without Kafka or ClickHouse: examples/w3-join.yaml's
// stateless step and temporal join over batches of 100,000 orders (sluice-gen w3-orders, seed 1,
// 200,000 users), after the 200,000 users were applied, as `sluice run` reads them first. Each
// iteration decodes the same orders into a recycled batch (not timed), then times the steps, the
// join and the checkpoint of its state (not written): about 95% of the orders join at once, the
// rest wait (and keep waiting: the state grows by those each iteration).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "bench_workload.h"
#include "json/record_decoder.h"
#include "transforms/stages.h"

namespace {

using namespace sluice;

constexpr size_t kOrders = 100000;
constexpr size_t kUsers = 200000;
constexpr int64_t kNow = 1'760'000'000'000;

using bench::Workload;

const Workload& orders() {
  static const Workload w =
      bench::load_workload("w3-orders", "w3-join.yaml", kOrders, "--users 200000");
  return w;
}

const Workload& users() {
  static const Workload w = bench::load_workload("w3-users", "w3-join.yaml", kUsers);
  return w;
}

void decode_all(json::RecordDecoder& decoder, Batch& batch, const std::vector<std::string>& events,
                uint32_t topic) {
  RecordOrigin origin;
  origin.topic = topic;
  for (const auto& e : events) {
    decoder.decode(batch, e, {}, origin, json::PayloadLifetime::Retained);
    ++origin.offset.value;
  }
}

void BM_JoinW3(benchmark::State& state) {
  const Workload& left = orders();
  const Workload& right = users();
  transforms::Stages::Options options;
  options.now_ms = [] { return kNow; };
  auto stages = transforms::Stages::create(left.pipeline, options);
  if (!stages.ok()) std::abort();
  transforms::Stages& s = *stages.value();
  const auto& sources = left.pipeline.sources;
  json::RecordDecoder left_decoder(sources[0].schema_fields);
  json::RecordDecoder right_decoder(sources[1].schema_fields);

  Batch batch(left_decoder.num_fields());
  batch.side = std::make_unique<Batch>(right_decoder.num_fields());
  batch.topics = {sources[0].topic, sources[1].topic};
  decode_all(right_decoder, *batch.side, right.events, 1);
  s.apply(batch);
  state::Checkpoint bootstrap;
  s.checkpoint(bootstrap);

  size_t joined = 0;
  for (auto _ : state) {
    state.PauseTiming();
    batch.reset();
    batch.topics = {sources[0].topic, sources[1].topic};
    decode_all(left_decoder, batch, left.events, 0);
    state.ResumeTiming();
    s.apply(batch);
    state::Checkpoint checkpoint;
    s.checkpoint(checkpoint);
    joined = batch.rows();
    benchmark::DoNotOptimize(batch.columns.back().cells.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kOrders));
  state.counters["joined"] = static_cast<double>(joined);
}
BENCHMARK(BM_JoinW3)->Unit(benchmark::kMillisecond);

}  // namespace
