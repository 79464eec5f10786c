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
// 4 value (float), 5 tags (array of 2 strings), 6 price (decimal string), 7 ip (IPv4 text),
// 8 ip6 (IPv6 text), 9 big (39-digit integer string), 10 attrs (object of 3 numbers),
// 11 http_date (RFC 1123), 12 uuid (text), 13 pair (array [int, string]), 14 code (int < 100).
Batch make_batch() {
  Batch batch(15);
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
    batch.columns[6].cells.push_back(
        batch.add_text(ValueKind::String, std::to_string(r % 100000) + ".2575"));
    batch.columns[7].cells.push_back(batch.add_text(
        ValueKind::String, "10.1." + std::to_string(r % 256) + "." + std::to_string(r % 199)));
    batch.columns[8].cells.push_back(
        batch.add_text(ValueKind::String, "2001:db8::8a2e:370:" + std::to_string(r % 9999)));
    batch.columns[9].cells.push_back(
        batch.add_text(ValueKind::String,
                       "1701411834604692317316873037158841" + std::to_string(10000 + r % 90000)));
    batch.columns[10].cells.push_back(batch.add_text(
        ValueKind::Object, "{\"cpu\":" + std::to_string(r % 100) + ",\"mem\":2048,\"disk\":7}"));
    batch.columns[11].cells.push_back(
        batch.add_text(ValueKind::String, "Mon, 16 Feb 2026 17:57:04 GMT"));
    batch.columns[12].cells.push_back(
        batch.add_text(ValueKind::String, "11111111-2222-3333-4444-555555555555"));
    sluice::Column& pair = batch.columns[13];
    sluice::Column& pair_el = pair.element_column();
    uint64_t pair_first = pair_el.cells.size();
    pair_el.cells.push_back(Cell::int64(static_cast<int64_t>(r)));
    pair_el.cells.push_back(batch.add_text(ValueKind::String, levels[r % 4]));
    pair.cells.push_back(Cell::array(pair_first, 2));
    batch.columns[14].cells.push_back(Cell::int64(static_cast<int64_t>(r % 100)));
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

void BM_NullableInt64(benchmark::State& state) {
  run(state, {{"id", "Nullable(Int64)", 0, "id"}});
}
void BM_Int128FromInt(benchmark::State& state) {
  run(state, {{"id", "Int128", 0, "id"}});
}
void BM_Int256FromText(benchmark::State& state) {
  run(state, {{"b", "Int256", 9, "big"}});
}
void BM_Decimal64FromText(benchmark::State& state) {
  run(state, {{"p", "Decimal(18, 4)", 6, "price"}});
}
void BM_Decimal256FromText(benchmark::State& state) {
  run(state, {{"p", "Decimal(76, 10)", 6, "price"}});
}
void BM_DateTime64(benchmark::State& state) {
  run(state, {{"t", "DateTime64(6)", 3, "ts"}});
}
void BM_DateTimeRfc1123(benchmark::State& state) {
  run(state, {{"t", "DateTime", 11, "http_date"}});
}
void BM_Uuid(benchmark::State& state) {
  run(state, {{"u", "UUID", 12, "uuid"}});
}
void BM_IPv4(benchmark::State& state) {
  run(state, {{"ip", "IPv4", 7, "ip"}});
}
void BM_IPv6(benchmark::State& state) {
  run(state, {{"ip", "IPv6", 8, "ip6"}});
}
void BM_MapStringUInt64(benchmark::State& state) {
  run(state, {{"m", "Map(String, UInt64)", 10, "attrs"}});
}
void BM_TupleFromArray(benchmark::State& state) {
  run(state, {{"p", "Tuple(UInt64, String)", 13, "pair"}});
}
void BM_LowCardinalityUInt8(benchmark::State& state) {
  run(state, {{"c", "LowCardinality(UInt8)", 14, "code"}});
}

BENCHMARK(BM_Int64);
BENCHMARK(BM_NullableInt64);
BENCHMARK(BM_Int128FromInt);
BENCHMARK(BM_Int256FromText);
BENCHMARK(BM_Decimal64FromText);
BENCHMARK(BM_Decimal256FromText);
BENCHMARK(BM_DateTime64);
BENCHMARK(BM_DateTimeRfc1123);
BENCHMARK(BM_Uuid);
BENCHMARK(BM_IPv4);
BENCHMARK(BM_IPv6);
BENCHMARK(BM_MapStringUInt64);
BENCHMARK(BM_TupleFromArray);
BENCHMARK(BM_LowCardinalityUInt8);
BENCHMARK(BM_String);
BENCHMARK(BM_LowCardinality);
BENCHMARK(BM_DateTime);
BENCHMARK(BM_Float64);
BENCHMARK(BM_ArrayString);
BENCHMARK(BM_TypicalRow);

}  // namespace
