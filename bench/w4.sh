#!/usr/bin/env bash
# W4 end to end for Sluice alone (the harness runs the peers too: bench/run.sh w4): EVENTS W4
# events (sluice-gen) drained through examples/w4-filter-stateless.yaml (filter + 11 outputs);
# prints wall, Sluice user+sys CPU, events per CPU-s, and checks sum(amount_cents) against the
# generator; minor page faults count fresh memory touched (the main driver of sys time).
# env: EVENTS=1000000 PARTITIONS=256 (the dev Kafka keeps 5 MiB per partition)
# BUILD_DIR=build PERF=1 (perf record -g into .dev/bench-w4/perf.data) SLUICE_ARGS (added to
# `sluice run`, e.g. --kafka-property NAME=VALUE to try a setting)
set -euo pipefail
cd "$(dirname "$0")/.."
EVENTS=${EVENTS:-1000000}; PARTITIONS=${PARTITIONS:-256}; BUILD=${BUILD_DIR:-build}
WORK=.dev/bench-w4
export CH_TCP_PORT=39100 CH_HTTP_PORT=39123 KAFKA_DIR=$WORK/kafka SLUICE_BUILD_DIR=$BUILD KAFKA_BROKERS=1
ch() { clickhouse-client --host 127.0.0.1 --port "$CH_TCP_PORT" "$@"; }
cleanup() { [ -n "${SP:-}" ] && kill -INT $SP 2>/dev/null; bash scripts/dev-kafka.sh stop >/dev/null 2>&1 || true; bash scripts/dev-clickhouse.sh stop $WORK/ch >/dev/null 2>&1 || true; }
trap cleanup EXIT
rm -rf $WORK && mkdir -p $WORK
bash scripts/dev-clickhouse.sh start $WORK/ch >/dev/null
bash scripts/dev-kafka.sh start "w4:$PARTITIONS" >/dev/null
B=$(cat $KAFKA_DIR/bootstrap)
sed -e "s#brokers: \[\"127.0.0.1:9092\"\]#brokers: [\"$B\"]#" -e "s#port: \"19000\"#port: \"$CH_TCP_PORT\"#" examples/w4-filter-stateless.yaml > $WORK/p.yaml
$BUILD/sluice ddl $WORK/p.yaml | ch --multiquery
GEN=$($BUILD/tools/sluice-gen --workload w4 --count $EVENTS --seed 1 --brokers $B --topic w4 --partitions $PARTITIONS)
KEPT=$(sed -E 's/.*"rows_after_filter":([0-9]+).*/\1/' <<<"$GEN")
S=$(date +%s.%N)
$BUILD/sluice run $WORK/p.yaml --dead-letter $WORK/dl.jsonl --status-interval 0 ${SLUICE_ARGS:-} 2> $WORK/sluice.log & SP=$!
if [ "${PERF:-0}" = 1 ]; then sleep 1; perf record -e cpu-clock -g -p $SP -o $WORK/perf.data >/dev/null 2>&1 & PP=$!; fi
while :; do R=$(ch -q "SELECT count() FROM w4"); [ "$R" -ge "$KEPT" ] && break; kill -0 $SP || { cat $WORK/sluice.log; exit 1; }; sleep 0.1; done
E=$(date +%s.%N)
read -r U ST FLT < <(awk '{print $14, $15, $10}' /proc/$SP/stat)
[ -n "${PP:-}" ] && kill -INT $PP && wait $PP || true
kill -INT $SP; wait $SP; SP=""
T=$(getconf CLK_TCK)
CPU=$(echo "($U + $ST) / $T" | bc -l)
printf "W4 %d events, %d kept, wall %.2f s, cpu %.2f s (user %.2f sys %.2f), %.0f events/CPU-s, %d minor faults, sum_cents ch=%s gen=%s\n" $EVENTS $KEPT $(echo "$E - $S" | bc) $CPU $(echo "$U/$T"|bc -l) $(echo "$ST/$T"|bc -l) $(echo "$EVENTS / $CPU" | bc -l) $FLT "$(ch -q 'SELECT sum(amount_cents) FROM w4')" "$(sed -E 's/.*"sum_amount_cents_filtered":([0-9]+).*/\1/' <<<"$GEN")"
