#!/usr/bin/env bash
# Runs the dev Kafka (tools/sluice-dev-kafka: librdkafka's mock cluster) in the background on
# 127.0.0.1, random ports; the bootstrap list is written to DIR/bootstrap.
#
#   scripts/dev-kafka.sh start [TOPIC:PARTITIONS ...]   (default topic: events:64)
#   scripts/dev-kafka.sh stop|status
#   scripts/dev-kafka.sh cmd "down 1"                   (fault injection, see sluice-dev-kafka --help)
#
# env: KAFKA_DIR (default .dev/kafka), SLUICE_BUILD_DIR (default build), KAFKA_BROKERS (default 3).
# Remember: the mock keeps only 5 MiB per partition; use enough partitions for your data.
# Idempotent; stops by the PID in DIR/kafka.pid, never by name. The mock keeps data in memory
# only, so stop loses all topics.
set -euo pipefail

usage() {
  echo "usage: $0 start [TOPIC:PARTITIONS...] | stop | status | cmd \"<command>\"" >&2
  echo "       env: KAFKA_DIR=.dev/kafka SLUICE_BUILD_DIR=build KAFKA_BROKERS=3" >&2
  exit 2
}

[[ $# -ge 1 ]] || usage
cmd=$1
shift
dir=${KAFKA_DIR:-.dev/kafka}
build=${SLUICE_BUILD_DIR:-build}
brokers=${KAFKA_BROKERS:-3}
pid_file=$dir/kafka.pid
bin=$build/tools/sluice-dev-kafka

running_pid() {
  [[ -f $pid_file ]] || return 0
  local pid
  pid=$(cat "$pid_file" 2>/dev/null || true)
  if [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
    echo "$pid"
  fi
}

print_status() {
  echo "dev kafka running: pid=$1 brokers=$(cat "$dir/bootstrap") dir=$dir"
  echo "KAFKA_BOOTSTRAP=$(cat "$dir/bootstrap")"
}

case $cmd in
  start)
    pid=$(running_pid)
    if [[ -n $pid ]]; then
      print_status "$pid"
      [[ $# -eq 0 ]] || echo "dev-kafka: already running; topics not re-created (use: $0 cmd \"create T N\")" >&2
      exit 0
    fi
    if [[ ! -x $bin ]]; then
      echo "dev-kafka: $bin not found; build it: cmake --build $build --target sluice-dev-kafka (or set SLUICE_BUILD_DIR)" >&2
      exit 1
    fi
    topics=("$@")
    [[ ${#topics[@]} -gt 0 ]] || topics=(events:64)
    mkdir -p "$dir"
    rm -f "$dir/bootstrap"
    # The tool writes its own PID file and bootstrap file (atomically) and removes them at exit.
    setsid "$bin" --brokers "$brokers" --bootstrap-file "$dir/bootstrap" --control "$dir/control" \
      --pid-file "$pid_file" "${topics[@]}" </dev/null >"$dir/stdout.log" 2>"$dir/stderr.log" &
    launched=$!
    for _ in $(seq 1 150); do
      if [[ -s $dir/bootstrap ]]; then
        print_status "$launched"
        exit 0
      fi
      if ! kill -0 "$launched" 2>/dev/null; then
        echo "dev-kafka: sluice-dev-kafka exited during start-up:" >&2
        tail -n 20 "$dir/stderr.log" >&2 || true
        exit 1
      fi
      sleep 0.1
    done
    echo "dev-kafka: no bootstrap file after 15 s (pid $launched; see $dir/stderr.log)" >&2
    exit 1
    ;;
  stop)
    pid=$(running_pid)
    if [[ -z $pid ]]; then
      rm -f "$pid_file" "$dir/bootstrap"
      echo "dev kafka not running (dir=$dir)"
      exit 0
    fi
    kill -TERM "$pid"
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "dev-kafka: pid $pid did not stop within 10 s; sending SIGKILL" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$pid_file" "$dir/bootstrap" "$dir/control"
    echo "dev kafka stopped (pid $pid)"
    ;;
  status)
    pid=$(running_pid)
    if [[ -z $pid ]]; then
      echo "dev kafka not running (dir=$dir)"
      exit 3
    fi
    print_status "$pid"
    ;;
  cmd)
    [[ $# -eq 1 ]] || usage
    pid=$(running_pid)
    [[ -n $pid ]] || { echo "dev-kafka: not running" >&2; exit 1; }
    before=$(grep -cE '^(ok|error) ' "$dir/stderr.log" || true)
    printf '%s\n' "$1" >"$dir/control"
    for _ in $(seq 1 100); do
      after=$(grep -cE '^(ok|error) ' "$dir/stderr.log" || true)
      if [[ $after -gt $before ]]; then
        answer=$(grep -E '^(ok|error) ' "$dir/stderr.log" | sed -n "$((before + 1))p")
        echo "$answer"
        [[ $answer == ok* ]] && exit 0 || exit 1
      fi
      sleep 0.1
    done
    echo "dev-kafka: no answer to \"$1\" within 10 s" >&2
    exit 1
    ;;
  *)
    usage
    ;;
esac
