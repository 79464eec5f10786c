#!/usr/bin/env bash
# Sluice benchmark harness (issue 5): one command measures Sluice and its peers side by side.
#
#   bash bench/run.sh w1|w2|w3|w4 [--runs N] [--events N] [--contenders sluice,kafka-engine,pipe,python]
#   bash bench/run.sh latency [--rate 20000] [--seconds 30] [--max-delay 1s,200ms]
#   bash bench/run.sh scaling
#   bash bench/run.sh profile [--events 200000]   (perf record -g of sluice on W1; PERF_CALL_GRAPH=dwarf for callers through libc)
#   bash bench/run.sh machine
#   ... add --write-docs to rewrite the matching <!-- bench:NAME --> section of docs/benchmarks.md
#
# env: BUILD_DIR (default build); PERF=1 records a perf profile of Sluice (kept in its server dir);
# SLUICE_ARGS adds options to `sluice run` (e.g. --kafka-property NAME=VALUE). Servers: fresh ClickHouse per contender and a fresh dev Kafka
# per run, 127.0.0.1 and free ports, all state under .dev/bench; stopped by PID.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD_DIR:-build}
export BUILD_DIR=$BUILD

cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD" -j"$(nproc)" --target sluice sluice-dev-kafka sluice-gen >/dev/null

missing=()
command -v kcat >/dev/null || missing+=(kcat)
command -v clickhouse-client >/dev/null || missing+=(clickhouse-client clickhouse-server)
/usr/bin/python3 -c 'import confluent_kafka' 2>/dev/null || missing+=(python3-confluent-kafka)
/usr/bin/python3 -c 'import clickhouse_driver' 2>/dev/null || missing+=(python3-clickhouse-driver)
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench: installing ${missing[*]}" >&2
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get install -y "${missing[@]}" >/dev/null
fi
# The Debian modules are only visible to /usr/bin/python3 (not a pyenv python3 on PATH).
exec /usr/bin/python3 bench/harness.py "$@"
