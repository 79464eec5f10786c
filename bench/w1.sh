#!/usr/bin/env bash
# W1 end to end (../shared/bench/README.md): EVENTS telemetry events (~1.6 KB, 38 fields) are
# produced into the dev Kafka first; then `sluice run examples/w1-telemetry.yaml` drains the
# topic into a fresh ClickHouse table. Measured for the sluice process alone:
#   wall seconds from start until every row is visible, events/s, user+sys CPU seconds,
#   events per CPU-second, peak RSS (VmHWM). Also checks count, uniq(request_id), sum(port).
#   The ClickHouse server's CPU over the same interval is shown too (it includes the polling
#   count() queries), e.g. to compare --compression settings end to end.
# env: EVENTS=1000000 PARTITIONS=512 BATCH=100000 COMPRESSION=lz4 BUILD_DIR=build
#      PERF=1 also records a CPU profile of sluice (perf record -g) into .dev/bench-w1/perf.data;
#      PERF_CALL_GRAPH=dwarf resolves callers through libc (memmove) at a lower sample rate
set -euo pipefail
cd "$(dirname "$0")/.."

EVENTS=${EVENTS:-1000000}
PARTITIONS=${PARTITIONS:-512}   # the dev Kafka keeps 5 MiB per partition: 1M x 1.6 KB needs >= 320
BATCH=${BATCH:-100000}
COMPRESSION=${COMPRESSION:-lz4}
BUILD=${BUILD_DIR:-build}
WORK=.dev/bench-w1
export CH_TCP_PORT=${CH_TCP_PORT:-29000} CH_HTTP_PORT=${CH_HTTP_PORT:-28123}
export KAFKA_DIR=$WORK/kafka SLUICE_BUILD_DIR=$BUILD KAFKA_BROKERS=3
CH_DIR=$WORK/clickhouse

ch() { clickhouse-client --host 127.0.0.1 --port "$CH_TCP_PORT" "$@"; }
cleanup() {
  [ -n "${SLUICE_PID:-}" ] && kill -INT "$SLUICE_PID" 2>/dev/null && wait "$SLUICE_PID" 2>/dev/null
  bash scripts/dev-kafka.sh stop >/dev/null 2>&1 || true
  bash scripts/dev-clickhouse.sh stop "$CH_DIR" >/dev/null 2>&1 || true
}
trap cleanup EXIT

cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD" -j"$(nproc)" --target sluice sluice-dev-kafka sluice-gen >/dev/null

rm -rf "$WORK" && mkdir -p "$WORK"
bash scripts/dev-clickhouse.sh start "$CH_DIR" >/dev/null
bash scripts/dev-kafka.sh start "w1:$PARTITIONS" >/dev/null
BOOTSTRAP=$(cat "$KAFKA_DIR/bootstrap")

sed -e "s#brokers: \[\"127.0.0.1:9092\"\]#brokers: [\"$BOOTSTRAP\"]#" \
    -e "s#port: \"19000\"#port: \"$CH_TCP_PORT\"#" \
    -e "s#max_batch_size: .*#max_batch_size: $BATCH#" \
    -e "s#pipeline_id: .*#pipeline_id: bench-w1#" \
    -e "s#consumer_group_initial_offset: .*#consumer_group_initial_offset: earliest#" \
    examples/w1-telemetry.yaml > "$WORK/pipeline.yaml"
"$BUILD/sluice" ddl "$WORK/pipeline.yaml" | ch --multiquery

echo "producing $EVENTS W1 events into $PARTITIONS partitions..." >&2
GEN=$("$BUILD/tools/sluice-gen" --workload w1 --count "$EVENTS" --seed 1 --brokers "$BOOTSTRAP" \
      --topic w1 --partitions "$PARTITIONS")
BYTES=$(sed -E 's/.*"bytes":([0-9]+).*/\1/' <<<"$GEN")
SUM_PORT=$(sed -E 's/.*"sum_port":([0-9]+).*/\1/' <<<"$GEN")

TICK=$(getconf CLK_TCK)
CH_PID=$(cat "$CH_DIR/server.pid")
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
CH_START=$(cpu_ticks "$CH_PID")
START=$(date +%s.%N)
"$BUILD/sluice" run "$WORK/pipeline.yaml" --dead-letter "$WORK/dead_letters.jsonl" \
  --compression "$COMPRESSION" --status-interval 0 2> "$WORK/sluice.log" &
SLUICE_PID=$!
if [ "${PERF:-0}" = 1 ]; then
  # perf -p samples the threads that exist when it attaches: wait for the sink and librdkafka
  # threads (the consumer group join takes ~3 s, so no record is consumed before this).
  sleep 1
  if [ "${PERF_CALL_GRAPH:-fp}" = dwarf ]; then
    perf record -e cpu-clock -F 250 --call-graph dwarf,16384 -p "$SLUICE_PID" -o "$WORK/perf.data" \
      >/dev/null 2>&1 &
  else
    perf record -e cpu-clock -g -p "$SLUICE_PID" -o "$WORK/perf.data" >/dev/null 2>&1 &
  fi
  PERF_PID=$!
fi
FIRST=""
while :; do
  ROWS=$(ch --query "SELECT count() FROM w1")
  NOW=$(date +%s.%N)
  [ -z "$FIRST" ] && [ "$ROWS" -gt 0 ] && FIRST=$(echo "$NOW - $START" | bc)
  [ "$ROWS" -ge "$EVENTS" ] && break
  kill -0 "$SLUICE_PID" 2>/dev/null || { echo "sluice exited:"; cat "$WORK/sluice.log"; exit 1; }
  sleep 0.1
done
END=$NOW
read -r UTIME STIME < <(awk '{print $14, $15}' "/proc/$SLUICE_PID/stat")
CH_CPU=$(echo "($(cpu_ticks "$CH_PID") - $CH_START) / $TICK" | bc -l)
HWM_KB=$(awk '/VmHWM/ {print $2}' "/proc/$SLUICE_PID/status")
[ -n "${PERF_PID:-}" ] && kill -INT "$PERF_PID" && wait "$PERF_PID" || true
kill -INT "$SLUICE_PID"; wait "$SLUICE_PID"; SLUICE_PID=""

WALL=$(echo "$END - $START" | bc -l)
CPU=$(echo "($UTIME + $STIME) / $TICK" | bc -l)
ROWS=$(ch --query "SELECT count() FROM w1")
UNIQ=$(ch --query "SELECT uniqExact(request_id) FROM w1")
PORTS=$(ch --query "SELECT sum(port) FROM w1")
CHECK="ok"
[ "$ROWS" = "$EVENTS" ] && [ "$UNIQ" = "$EVENTS" ] && [ "$PORTS" = "$SUM_PORT" ] || CHECK="MISMATCH"

printf '| events | MB | wall s | first rows s | events/s | sluice CPU-s (user/sys) | events per CPU-s | peak RSS MB | CH server CPU-s | batch | compression | check |\n'
printf '|---|---|---|---|---|---|---|---|---|---|---|---|\n'
printf '| %d | %.0f | %.2f | %.2f | %.0f | %.2f (%.2f/%.2f) | %.0f | %.0f | %.2f | %d | %s | %s: rows %s, uniq %s, sum(port) %s |\n' \
  "$EVENTS" "$(echo "$BYTES / 1000000" | bc -l)" "$WALL" "${FIRST:-0}" "$(echo "$EVENTS / $WALL" | bc -l)" \
  "$CPU" "$(echo "$UTIME / $TICK" | bc -l)" "$(echo "$STIME / $TICK" | bc -l)" \
  "$(echo "$EVENTS / $CPU" | bc -l)" "$(echo "$HWM_KB / 1024" | bc -l)" "$CH_CPU" "$BATCH" \
  "$COMPRESSION" "$CHECK" "$ROWS" "$UNIQ" "$PORTS"
[ "$CHECK" = ok ]
