#!/usr/bin/env bash
# Runs a development ClickHouse server (Debian's clickhouse-server 18.16) in the background,
# listening on 127.0.0.1 only, with all state in one directory.
#
#   scripts/dev-clickhouse.sh start|stop|status [DIR]     (DIR defaults to .dev/clickhouse)
#
# Ports come from CH_TCP_PORT (default 19000) and CH_HTTP_PORT (default 18123). Idempotent:
# start on a running server just prints its ports; stop on a stopped one does nothing.
# The server is stopped by the PID recorded in DIR/server.pid, never by name.
set -euo pipefail

usage() {
  echo "usage: $0 start|stop|status [DIR]   (env: CH_TCP_PORT=19000 CH_HTTP_PORT=18123)" >&2
  exit 2
}

[[ $# -ge 1 ]] || usage
cmd=$1
dir=${2:-.dev/clickhouse}
tcp_port=${CH_TCP_PORT:-19000}
http_port=${CH_HTTP_PORT:-18123}
pid_file=$dir/server.pid

find_server() {
  local c
  for c in "${CLICKHOUSE_SERVER:-}" /usr/bin/clickhouse-server /usr/sbin/clickhouse-server; do
    if [[ -n $c && -x $c ]]; then
      echo "$c"
      return 0
    fi
  done
  echo "dev-clickhouse: clickhouse-server not found; run scripts/install-deps.sh or set CLICKHOUSE_SERVER" >&2
  return 1
}

# Prints the recorded PID if that process is alive, else nothing.
running_pid() {
  [[ -f $pid_file ]] || return 0
  local pid
  pid=$(cat "$pid_file" 2>/dev/null || true)
  if [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
    echo "$pid"
  fi
}

# The ports a running server was started with (the config is the source of truth).
configured_port() {
  sed -n "s:.*<$1>\([0-9]*\)</$1>.*:\1:p" "$dir/config.xml" 2>/dev/null | head -1
}

ping_ok() {
  curl -sf --max-time 1 "http://127.0.0.1:$1/ping" >/dev/null 2>&1
}

write_config() {
  local abs
  abs=$(cd "$dir" && pwd)
  mkdir -p "$abs"/{data,tmp,user_files,log,format_schemas}
  local templates
  templates="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/clickhouse"
  sed -e "s:@DIR@:$abs:g" -e "s:@HTTP_PORT@:$http_port:g" -e "s:@TCP_PORT@:$tcp_port:g" \
    "$templates/config.xml.in" >"$abs/config.xml"
  cp "$templates/users.xml" "$abs/users.xml"
}

print_ports() {
  local pid=$1 tcp http
  tcp=$(configured_port tcp_port)
  http=$(configured_port http_port)
  echo "clickhouse running: pid=$pid tcp=127.0.0.1:$tcp http=http://127.0.0.1:$http dir=$dir"
  echo "CH_TCP_PORT=$tcp"
  echo "CH_HTTP_PORT=$http"
}

case $cmd in
  start)
    pid=$(running_pid)
    if [[ -n $pid ]]; then
      print_ports "$pid"
      exit 0
    fi
    server=$(find_server)
    if ping_ok "$http_port"; then
      echo "dev-clickhouse: something already answers on 127.0.0.1:$http_port; set CH_HTTP_PORT" >&2
      exit 1
    fi
    mkdir -p "$dir"
    write_config
    abs=$(cd "$dir" && pwd)
    # setsid: the server must not die with the shell that started it.
    setsid "$server" --config-file="$abs/config.xml" </dev/null >>"$abs/stdout.log" 2>&1 &
    pid=$!
    echo "$pid" >"$pid_file.tmp" && mv "$pid_file.tmp" "$pid_file"
    for _ in $(seq 1 300); do
      if ping_ok "$http_port"; then
        print_ports "$pid"
        exit 0
      fi
      if ! kill -0 "$pid" 2>/dev/null; then
        echo "dev-clickhouse: server exited during start-up; tail of $dir/log/server.err.log:" >&2
        tail -n 20 "$abs/log/server.err.log" >&2 2>/dev/null || tail -n 20 "$abs/stdout.log" >&2 || true
        rm -f "$pid_file"
        exit 1
      fi
      sleep 0.1
    done
    echo "dev-clickhouse: /ping on 127.0.0.1:$http_port did not answer within 30 s (pid $pid still running; see $dir/log)" >&2
    exit 1
    ;;
  stop)
    pid=$(running_pid)
    if [[ -z $pid ]]; then
      rm -f "$pid_file"
      echo "clickhouse not running (dir=$dir)"
      exit 0
    fi
    kill -TERM "$pid"
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "dev-clickhouse: pid $pid did not stop within 10 s; sending SIGKILL" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$pid_file"
    echo "clickhouse stopped (pid $pid)"
    ;;
  status)
    pid=$(running_pid)
    if [[ -z $pid ]]; then
      echo "clickhouse not running (dir=$dir)"
      exit 3
    fi
    print_ports "$pid"
    if ! ping_ok "$(configured_port http_port)"; then
      echo "dev-clickhouse: warning: pid $pid is alive but /ping does not answer" >&2
      exit 1
    fi
    ;;
  *)
    usage
    ;;
esac
