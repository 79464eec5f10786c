// Throughput of BlockEncoder on typical event rows: cells per second per core.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "core/batch.h"
#include "native/block_encoder.h"

namespace {

using sluice::Batch;
using sluice::Cell;
using sluice::ValueKind;
using sluice::native::BlockEncoder;

constexpr size_t kRows = 10000;

// Fields: 0 id (int), 1 message (string ~40 bytes), 2 level (string, 4 values), 3 ts (RFC 3339),
// 4 value (float), 5 tags (array of 2 strings).
Batch make_batch() {
  Batch batch(6);
  const char* levels[] = {"info", "warn", "error", "debug"};
  for (size_t r = 0; r < kRows; ++r) {
    batch.columns[0].cells.push_back(Cell::int64(static_cast<int64_t>(r)));
    batch.columns[1].cells.push_back(
        batch.add_text(ValueKind::String, "request handled in " + std::to_string(r % 977) + " ms"));
    batch.columns[2].cells.push_back(batch.add_text(ValueKind::String, levels[r % 4]));
    batch.columns[3].cells.push_back(
        batch.add_text(ValueKind::String, "2026-02-16T17:57:04.572864Z"));
    batch.columns[4].cells.push_back(Cell::float64(static_cast<double>(r) * 0.25));
    sluice::Column& tags = batch.columns[5];
    sluice::Column& el = tags.element_column();
    uint64_t first = el.cells.size();
    el.cells.push_back(batch.add_text(ValueKind::String, "alpha"));
    el.cells.push_back(batch.add_text(ValueKind::String, "beta"));
    tags.cells.push_back(Cell::array(first, 2));
    batch.origins.emplace_back();
  }
  return batch;
}

void run(benchmark::State& state, std::vector<sluice::native::ColumnBinding> bindings) {
  Batch batch = make_batch();
  std::vector<uint32_t> rows(kRows);
  for (uint32_t r = 0; r < kRows; ++r) rows[r] = r;
  auto encoder = BlockEncoder::create(std::move(bindings));
  if (!encoder.ok()) {
    state.SkipWithError(encoder.error().message().c_str());
    return;
  }
  std::string out;
  for (auto _ : state) {
    out.clear();
    auto failures = encoder->encode(batch, rows, out);
    benchmark::DoNotOptimize(failures);
    benchmark::DoNotOptimize(out.data());
  }
  const size_t cells = kRows * encoder->bindings().size();
  state.counters["cells/s"] = benchmark::Counter(static_cast<double>(cells * state.iterations()),
                                                 benchmark::Counter::kIsRate);
  state.SetBytesProcessed(static_cast<int64_t>(out.size() * state.iterations()));
}

void BM_Int64(benchmark::State& state) {
  run(state, {{"id", "Int64", 0, "id"}});
}
void BM_String(benchmark::State& state) {
  run(state, {{"m", "String", 1, "message"}});
}
void BM_LowCardinality(benchmark::State& state) {
  run(state, {{"l", "LowCardinality(String)", 2, "level"}});
}
void BM_DateTime(benchmark::State& state) {
  run(state, {{"t", "DateTime", 3, "ts"}});
}
void BM_Float64(benchmark::State& state) {
  run(state, {{"v", "Float64", 4, "value"}});
}
void BM_ArrayString(benchmark::State& state) {
  run(state, {{"g", "Array(String)", 5, "tags"}});
}
void BM_TypicalRow(benchmark::State& state) {
  run(state, {{"id", "UInt64", 0, "id"},
              {"m", "Nullable(String)", 1, "message"},
              {"l", "LowCardinality(String)", 2, "level"},
              {"t", "DateTime", 3, "ts"},
              {"v", "Float64", 4, "value"},
              {"g", "Array(String)", 5, "tags"}});
}

BENCHMARK(BM_Int64);
BENCHMARK(BM_String);
BENCHMARK(BM_LowCardinality);
BENCHMARK(BM_DateTime);
BENCHMARK(BM_Float64);
BENCHMARK(BM_ArrayString);
BENCHMARK(BM_TypicalRow);

}  // namespace
