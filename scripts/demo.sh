#!/usr/bin/env bash
# The quick start: on a fresh Debian 12 machine (as root, or with sudo) this installs what
# Sluice needs, builds it, starts a local ClickHouse and the dev Kafka on 127.0.0.1, creates
# a topic and a table, produces sample events (and 3 malformed ones), runs
# examples/quickstart.yaml and shows the rows arriving in ClickHouse.
#
# env: EVENTS (default 10000), KEEP=1 leaves ClickHouse and the dev Kafka running afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

EVENTS=${EVENTS:-10000}
export CH_TCP_PORT=${CH_TCP_PORT:-19000} CH_HTTP_PORT=${CH_HTTP_PORT:-18123}
export KAFKA_DIR=.dev/kafka SLUICE_BUILD_DIR=build

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
ch() { clickhouse-client --host 127.0.0.1 --port "$CH_TCP_PORT" "$@"; }

step "Installing Debian packages"
bash scripts/install-deps.sh

step "Building sluice"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" --target sluice sluice-dev-kafka sluice-gen

cleanup() {
  if [ -n "${SLUICE_PID:-}" ] && kill -0 "$SLUICE_PID" 2>/dev/null; then kill -INT "$SLUICE_PID"; wait "$SLUICE_PID" || true; fi
  if [ "${KEEP:-0}" != 1 ]; then
    bash scripts/dev-kafka.sh stop >/dev/null || true
    bash scripts/dev-clickhouse.sh stop >/dev/null || true
  fi
}
trap cleanup EXIT

step "Starting ClickHouse (127.0.0.1:$CH_TCP_PORT) and the dev Kafka (topic events, 8 partitions)"
bash scripts/dev-clickhouse.sh stop >/dev/null 2>&1 || true
bash scripts/dev-kafka.sh stop >/dev/null 2>&1 || true
bash scripts/dev-clickhouse.sh start
bash scripts/dev-kafka.sh start events:8
BOOTSTRAP=$(cat "$KAFKA_DIR/bootstrap")

step "Creating the table"
ch --query "DROP TABLE IF EXISTS events"
ch --query "CREATE TABLE events (event_id String, event_type String, user_id String,
  occurred_at DateTime, amount Float64, labels Array(String))
  ENGINE = MergeTree ORDER BY (event_type, occurred_at)"
ch --query "SHOW CREATE TABLE events" | sed 's/\\n/\n/g'

step "Producing $EVENTS sample events and 3 malformed messages"
awk -v n="$EVENTS" 'BEGIN {
  split("click view purchase signup", types, " ");
  for (i = 1; i <= n; i++) {
    t = types[(i % 4) + 1];
    if (i % 10 == 0) ts = sprintf("%.0f", 1767225600000 + i * 1000);  # epoch ms (mawk: %d is 32-bit)
    else ts = sprintf("\"2026-01-01T%02d:%02d:%02dZ\"", int(i / 3600) % 24, int(i / 60) % 60, i % 60);
    printf("{\"event_id\":\"e-%d\",\"type\":\"%s\",\"user\":{\"id\":\"u-%d\"},\"occurred_at\":%s,\"amount\":%d.%02d,\"labels\":[\"web\",\"r%d\"]}\n",
           i, t, i % 97, ts, i % 50, i % 100, i % 3);
  }
  print "{\"event_id\": \"broken\", ";
  print "not json at all";
  print "[\"an\", \"array\"]";
}' | kcat -P -b "$BOOTSTRAP" -t events
echo "produced $((EVENTS + 3)) messages to events at $BOOTSTRAP"

step "Running examples/quickstart.yaml"
mkdir -p .dev
sed -e "s#brokers: \[\"127.0.0.1:9092\"\]#brokers: [\"$BOOTSTRAP\"]#" \
    -e "s#^    port: 9000#    port: $CH_TCP_PORT#" examples/quickstart.yaml > .dev/quickstart.yaml
rm -f .dev/dead_letters.jsonl
./build/sluice run .dev/quickstart.yaml --dead-letter .dev/dead_letters.jsonl \
  --status-interval 1 2> >(sed 's/^/  [sluice] /' >&2) &
SLUICE_PID=$!

for _ in $(seq 1 120); do
  rows=$(ch --query "SELECT count() FROM events")
  echo "rows in ClickHouse: $rows"
  [ "$rows" -ge "$EVENTS" ] && break
  kill -0 "$SLUICE_PID" 2>/dev/null || { echo "sluice exited early" >&2; exit 1; }
  sleep 1
done

step "Stopping sluice (SIGINT: drain, commit, exit 0)"
kill -INT "$SLUICE_PID"
wait "$SLUICE_PID"
SLUICE_PID=""

step "In ClickHouse"
ch --query "SELECT event_type, count() AS events, round(sum(amount), 2) AS amount,
  min(occurred_at) AS first, max(occurred_at) AS last FROM events GROUP BY event_type
  ORDER BY event_type FORMAT PrettyCompact"
ch --query "SELECT * FROM events ORDER BY event_id LIMIT 3 FORMAT PrettyCompact"
step "Dead letters ($(wc -l < .dev/dead_letters.jsonl) in .dev/dead_letters.jsonl)"
cut -c1-220 .dev/dead_letters.jsonl
rows=$(ch --query "SELECT count() FROM events")
[ "$rows" -eq "$EVENTS" ] || { echo "expected $EVENTS rows, found $rows" >&2; exit 1; }
echo
echo "OK: $rows events in ClickHouse, 3 malformed messages dead-lettered."
[ "${KEEP:-0}" = 1 ] && echo "ClickHouse and the dev Kafka are still running (KEEP=1); stop them with scripts/dev-clickhouse.sh stop and scripts/dev-kafka.sh stop."
exit 0
