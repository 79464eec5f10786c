#!/usr/bin/python3
"""Sluice benchmark harness (issue 5). Called by bench/run.sh; see docs/benchmarks.md.

  harness.py w1|w2|w3|w4 [--runs N] [--events N] [--contenders LIST] [--write-docs]
  harness.py latency [--rate N] [--seconds S] [--max-delay 1s,200ms] [--write-docs]
  harness.py scaling [--write-docs]
  harness.py profile [--events N] [--write-docs]
  harness.py machine [--write-docs]

Per run: a fresh dev Kafka (librdkafka mock, 3 brokers, 127.0.0.1, random ports) is preloaded
by sluice-gen; then every contender drains the whole topic into a fresh table on its own fresh
ClickHouse server (127.0.0.1, free ports). The clock starts when the contender's first DDL runs
or its processes are spawned and stops when the expected row count is visible (polled every
0.1 s over HTTP). CPU: /proc/PID/stat (Sluice, CH server) or wait4() rusage (kcat, client,
Python). Correctness: count, distinct keys and sums against the generator's summary."""
import argparse
import datetime
import json
import os
import re
import resource
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.environ.get("BUILD_DIR", "build")
if not os.path.isabs(BUILD):
    BUILD = os.path.join(ROOT, BUILD)
WORK = os.path.join(ROOT, ".dev", "bench")
TICK = os.sysconf("SC_CLK_TCK")
PY = "/usr/bin/python3"
COMPRESSION = os.environ.get("COMPRESSION", "auto")  # sluice run --compression
DOCS = os.path.join(ROOT, "docs", "benchmarks.md")


def log(*a):
    print("[bench]", *a, file=sys.stderr, flush=True)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def proc_cpu(pid):
    """(user, sys) seconds of a live process, all threads."""
    with open("/proc/%d/stat" % pid) as f:
        parts = f.read().rsplit(")", 1)[1].split()
    return int(parts[11]) / TICK, int(parts[12]) / TICK


def proc_minflt(pid):
    """Minor page faults of a live process (fresh memory touched: the main driver of sys time)."""
    with open("/proc/%d/stat" % pid) as f:
        return int(f.read().rsplit(")", 1)[1].split()[7])


def thread_cpu(pid):
    """CPU-s per thread name of a live process, e.g. {'sluice': 2.1, 'rdk:broker': 0.9}."""
    out = {}
    for tid in os.listdir("/proc/%d/task" % pid):
        try:
            with open("/proc/%d/task/%s/stat" % (pid, tid)) as f:
                text = f.read()
        except OSError:
            continue
        name = re.sub(r"\d+$", "", text[text.index("(") + 1:text.rindex(")")])
        parts = text.rsplit(")", 1)[1].split()
        out[name] = round(out.get(name, 0) + (int(parts[11]) + int(parts[12])) / TICK, 2)
    return out


def proc_hwm_mb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmHWM"):
                return int(line.split()[1]) / 1024
    return 0


# ---------------------------------------------------------------- servers

class ClickHouse:
    def __init__(self, name, kafka_cfg=True):
        self.dir = os.path.join(WORK, name)
        shutil.rmtree(self.dir, ignore_errors=True)
        os.makedirs(os.path.join(self.dir, "config.d"))
        if kafka_cfg:
            # 18.16's Kafka engine passes <kafka> to librdkafka ('_' -> '.'); without
            # auto_offset_reset a fresh group starts at the *latest* offset and reads nothing.
            with open(os.path.join(self.dir, "config.d", "kafka.xml"), "w") as f:
                f.write("<yandex><kafka><auto_offset_reset>earliest</auto_offset_reset>"
                        "<session_timeout_ms>6000</session_timeout_ms></kafka></yandex>\n")
        self.tcp, self.http = free_port(), free_port()
        env = dict(os.environ, CH_TCP_PORT=str(self.tcp), CH_HTTP_PORT=str(self.http))
        subprocess.run(["bash", os.path.join(ROOT, "scripts/dev-clickhouse.sh"), "start", self.dir],
                       env=env, check=True, stdout=subprocess.DEVNULL)
        with open(os.path.join(self.dir, "server.pid")) as f:
            self.pid = int(f.read())

    def q(self, sql, timeout=120):
        req = urllib.request.Request("http://127.0.0.1:%d/" % self.http, data=sql.encode())
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return r.read().decode().strip()
        except urllib.error.HTTPError as e:
            raise RuntimeError("ClickHouse: %s\n%s" % (e.read().decode()[:500], sql[:300]))

    def multi(self, sql):
        for stmt in [s.strip() for s in sql.split(";")]:
            if stmt:
                self.q(stmt)

    def count(self, table):
        return int(self.q("SELECT count() FROM %s" % table))

    def stop(self):
        subprocess.run(["bash", os.path.join(ROOT, "scripts/dev-clickhouse.sh"), "stop", self.dir],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # Keep logs and configs for inspection; drop the table data (GBs per W1 run).
        shutil.rmtree(os.path.join(self.dir, "data"), ignore_errors=True)


class Kafka:
    def __init__(self, topics):
        self.dir = os.path.join(WORK, "kafka")
        shutil.rmtree(self.dir, ignore_errors=True)
        self.env = dict(os.environ, KAFKA_DIR=self.dir, SLUICE_BUILD_DIR=BUILD, KAFKA_BROKERS="3")
        subprocess.run(["bash", os.path.join(ROOT, "scripts/dev-kafka.sh"), "start"] + topics,
                       env=self.env, check=True, stdout=subprocess.DEVNULL)
        with open(os.path.join(self.dir, "bootstrap")) as f:
            self.bootstrap = f.read().strip()

    def stop(self):
        subprocess.run(["bash", os.path.join(ROOT, "scripts/dev-kafka.sh"), "stop"], env=self.env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def generate(kafka, workload, count, topic, partitions, extra=()):
    cmd = [os.path.join(BUILD, "tools/sluice-gen"), "--workload", workload, "--count", str(count),
           "--seed", "1", "--brokers", kafka.bootstrap, "--topic", topic,
           "--partitions", str(partitions), "-X", "linger.ms=50"] + list(extra)
    out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True).stdout
    summary = json.loads(out.strip().splitlines()[-1])
    summary["command"] = " ".join(c if c != kafka.bootstrap else "$BOOTSTRAP" for c in cmd[1:])
    return summary


# ---------------------------------------------------------------- workloads

def parse_w1_mapping(path):
    """[(json name, column, column type)] and [(json name, schema type)] of a pipeline YAML."""
    text = open(path).read()
    mapping = re.findall(r"- \{ name: \"?([^,\"]+)\"?, column_name: ([^,]+), column_type: ([^}]+?) \}",
                         text)
    return mapping


class Spec:
    """What every contender needs for one workload: the final table, the JSON landing columns,
    the MV's SELECT (+ WHERE) from landing to final, expected rows and correctness checks."""
    final = None        # CREATE TABLE {t} ...
    landing = None      # [(json key, landing type)]
    select = None       # SELECT list from landing to the final columns
    where = ""
    read_final = False  # checks read `FROM t FINAL` (dedup by ReplacingMergeTree)
    sluice = None       # None: Sluice cannot run this workload yet (reason in sluice_na)
    sluice_na = "n/a (not implemented yet)"
    expected_rows = 0   # rows to wait for (inserted, before FINAL)
    checks = ()         # [(label, sql expr, expected value)]
    key = ""


def w1_spec(summary, events, yaml_path):
    s = Spec()
    mapping = parse_w1_mapping(os.path.join(ROOT, "examples/w1-telemetry.yaml"))
    s.mapping = mapping
    s.landing = []
    sel = []
    for name, col, typ in mapping:
        if typ == "DateTime":
            s.landing.append((name, "String"))
            sel.append("parseDateTimeBestEffort(`%s`) AS %s" % (name, col))
        elif typ == "UUID":
            s.landing.append((name, "String"))
            sel.append("toUUID(`%s`) AS %s" % (name, col))
        else:
            s.landing.append((name, typ))
            sel.append("`%s` AS %s" % (name, col))
    s.select = ",\n  ".join(sel)
    s.final = None  # from `sluice ddl`
    s.sluice = yaml_path
    s.expected_rows = events
    s.key = "request_id"
    s.checks = [("rows", "count()", summary["valid"]),
                ("uniq request_id", "uniqExact(request_id)", summary["distinct_request_ids"]),
                ("sum port", "sum(port)", summary["sum_port"]),
                ("sum version", "sum(version)", summary["sum_version"]),
                ("sum ts", "sum(toUInt64(timestamp))", summary["sum_timestamp_s"])]
    return s


W2_FINAL = """CREATE TABLE {t} (event_id UUID, user_id UUID, name String, email String,
 created_at DateTime) ENGINE = ReplacingMergeTree ORDER BY event_id"""
W2_LANDING = [("event_id", "String"), ("user_id", "String"), ("name", "String"),
              ("email", "String"), ("created_at", "String")]
W2_SELECT = ("toUUID(event_id) AS event_id, toUUID(user_id) AS user_id, name, email, "
             "parseDateTimeBestEffort(created_at) AS created_at")


def w2_spec(summary):
    s = Spec()
    s.final, s.landing, s.select = W2_FINAL, W2_LANDING, W2_SELECT
    s.read_final = True
    s.expected_rows = summary["distinct_event_ids"]  # counted with FINAL
    s.key = "event_id"
    s.checks = [("rows FINAL", "count()", summary["distinct_event_ids"]),
                ("uniq event_id", "uniqExact(event_id)", summary["distinct_event_ids"]),
                ("uniq user_id", "uniqExact(user_id)", summary["distinct_user_ids"]),
                ("sum created", "sum(toUInt64(created_at))", summary["sum_created_s_distinct"])]
    return s


def w4_spec(summary):
    s = Spec()
    s.final = """CREATE TABLE {t} (event_id UUID, user_id UUID, name String, email String,
 created_at DateTime, status String, amount_cents UInt64, email_domain String, url_path String,
 browser String, name_upper String) ENGINE = MergeTree ORDER BY created_at"""
    s.landing = W2_LANDING + [("status", "String"), ("amount", "Float64"),
                              ("user_agent", "String"), ("url", "String")]
    s.select = (W2_SELECT + ", status, toUInt64(round(amount * 100)) AS amount_cents, "
                "lower(splitByChar('@', email)[2]) AS email_domain, path(url) AS url_path, "
                "multiIf(position(user_agent, 'Firefox/') > 0, 'firefox', "
                "position(user_agent, 'Chrome/') > 0, 'chrome', "
                "position(user_agent, 'Safari/') > 0, 'safari', 'other') AS browser, "
                "upper(name) AS name_upper")
    s.where = "amount > 10 AND status = 'paid'"
    s.expected_rows = summary["rows_after_filter"]
    s.key = "event_id"
    s.checks = [("rows", "count()", summary["rows_after_filter"]),
                ("uniq event_id", "uniqExact(event_id)", summary["rows_after_filter"]),
                ("sum cents", "sum(amount_cents)", summary["sum_amount_cents_filtered"]),
                ("derived", "countIf(email_domain = '' OR url_path = '' OR browser = '')", 0)]
    return s


def w3_spec(orders, users):
    s = Spec()
    s.final = """CREATE TABLE {t} (order_id UUID, user_id UUID, amount_cents UInt64,
 created_at DateTime, email String, country String) ENGINE = MergeTree ORDER BY created_at"""
    s.landing = [("order_id", "String"), ("user_id", "String"), ("amount", "Float64"),
                 ("created_at", "String")]
    s.select = ("toUUID(order_id) AS order_id, toUUID(user_id) AS user_id, "
                "toUInt64(round(amount * 100)) AS amount_cents, "
                "parseDateTimeBestEffort(created_at) AS created_at, email, country")
    s.join = "ANY LEFT JOIN {t}_users USING user_id"
    s.users_final = """CREATE TABLE {t}_users (user_id UUID, email String, country String)
 ENGINE = MergeTree ORDER BY user_id"""
    s.users_landing = [("user_id", "String"), ("email", "String"), ("country", "String")]
    s.users_count = users["valid"]
    s.expected_rows = orders["valid"]
    s.key = "order_id"
    s.checks = [("rows", "count()", orders["valid"]),
                ("uniq order_id", "uniqExact(order_id)", orders["valid"]),
                ("joined", "countIf(email != '')", orders["orders_with_user"]),
                ("sum cents joined", "sumIf(amount_cents, email != '')",
                 orders["sum_amount_cents_with_user"])]
    return s


def w3_sluice(spec, orders, yaml):
    """Sluice joins in the pipeline (examples/w3-join.yaml), an inner temporal join: each order
    whose user exists lands once, enriched; the peers' LEFT JOIN also lands the others with
    empty user fields, so Sluice's row count is orders_with_user, and every row is joined."""
    spec.sluice = spec.sluice_yaml = yaml
    joined = orders["orders_with_user"]
    spec.expected_rows = joined
    spec.checks = [("rows", "count()", joined),
                   ("uniq order_id", "uniqExact(order_id)", joined),
                   ("joined", "countIf(email != '')", joined),
                   ("sum cents joined", "sumIf(amount_cents, email != '')",
                    orders["sum_amount_cents_with_user"])]


def landing_ddl(name, cols, engine):
    return "CREATE TABLE %s (%s) ENGINE = %s" % (
        name, ", ".join("`%s` %s" % (k, t) for k, t in cols), engine)


# ---------------------------------------------------------------- contenders

class Result(dict):
    pass


def waited(spec, table):
    """What to count while waiting: W2's ReplacingMergeTree may merge (dedup) during the drain,
    so its count() can stay below the events inserted; wait for the deduplicated rows instead."""
    return table + " FINAL" if spec.read_final else table


def wait_rows(ch, table, expected, timeout, alive=lambda: True, start=None):
    start = start or time.time()
    first = None
    last = -1
    while True:
        n = ch.count(table)
        now = time.time()
        if n > 0 and first is None:
            first = now - start
        if n >= expected:
            return now, first, n, None
        if not alive():
            time.sleep(0.3)
            n = ch.count(table)
            if n >= expected:
                return time.time(), first, n, None
            return now, first, n, "contender exited early with %d rows" % n
        if now - start > timeout:
            return now, first, n, "timeout after %.0f s with %d rows" % (timeout, n)
        last = n
        time.sleep(0.1)


def sluice_yaml(src_yaml, dst, bootstrap, ch, batch, extra_fields=(), table=None):
    text = open(src_yaml).read()
    text = text.replace('brokers: ["127.0.0.1:9092"]', 'brokers: ["%s"]' % bootstrap)
    text = text.replace('port: "19000"', 'port: "%d"' % ch.tcp)
    text = text.replace('http_port: "18123"', 'http_port: "%d"' % ch.http)
    text = re.sub(r"max_batch_size: .*", "max_batch_size: %d" % batch, text)
    text = re.sub(r"pipeline_id: .*", "pipeline_id: bench-%d" % int(time.time() * 1000), text)
    for name, stype, ctype in extra_fields:
        text = text.replace("    schema_fields:\n",
                            "    schema_fields:\n      - { name: %s, type: %s }\n" % (name, stype))
        text = text.replace("  mapping:\n", "  mapping:\n    - { name: %s, column_name: %s, "
                            "column_type: %s }\n" % (name, name, ctype))
    if table:
        text = re.sub(r"\n  table: .*", "\n  table: %s" % table, text)
    with open(dst, "w") as f:
        f.write(text)
    return dst


def run_sluice(ch, spec, kafka, topic, batch=100000, table="w1",
               timeout=600):
    d = ch.dir
    yaml = spec.sluice_yaml
    ddl = subprocess.run([os.path.join(BUILD, "sluice"), "ddl", yaml], check=True,
                         stdout=subprocess.PIPE, text=True).stdout
    ch.multi(ddl)
    srv0 = proc_cpu(ch.pid)
    start = time.time()
    # SLUICE_WRAP runs Sluice under a tool, e.g. "valgrind --tool=callgrind" (instruction
    # counts: repeatable on a loaded machine; CPU figures are then the tool's, not Sluice's).
    p = subprocess.Popen(shlex.split(os.environ.get("SLUICE_WRAP", "")) + [os.path.join(BUILD, "sluice"), "run", yaml, "--dead-letter",
                          os.path.join(d, "dead_letters.jsonl"), "--state-dir",
                          os.path.join(d, "state"), "--compression", COMPRESSION,
                          "--status-interval", "0"] + shlex.split(os.environ.get("SLUICE_ARGS", "")),
                         stderr=open(os.path.join(d, "sluice.log"), "w"),
                         env=dict(os.environ, **dict(kv.split("=", 1) for kv in
                                                     shlex.split(os.environ.get("SLUICE_ENV", "")))))
    perf = None
    if os.environ.get("PERF") == "1":  # a CPU profile of Sluice over the drain, kept in its dir
        time.sleep(1)  # its threads exist by now (perf -p follows only threads present at start)
        graph = ["--call-graph", "dwarf,16384", "-F", "250"] if os.environ.get(
            "PERF_CALL_GRAPH") == "dwarf" else ["-g"]  # dwarf: callers through libc and librdkafka
        perf = subprocess.Popen(["perf", "record", "-e", os.environ.get("PERF_EVENT", "cpu-clock")] + graph + ["-p", str(p.pid), "-o",
                                 os.path.join(d, "perf.data")], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
    end, first, n, err = wait_rows(ch, table, spec.expected_rows, timeout,
                                   alive=lambda: p.poll() is None, start=start)
    # auto is resolved at start-up (none to this loopback server); the log names the choice.
    used = re.search(r", compression (\w+)\n", open(os.path.join(d, "sluice.log")).read())
    used = used.group(1) if used else "?"
    r = Result(contender="Sluice (`sluice run`, batch %d, %s)" % (
        batch, used if COMPRESSION == used else "%s: %s" % (COMPRESSION, used)))
    if p.poll() is None:
        u, s = proc_cpu(p.pid)
        r["rss"] = "%.0f MB" % proc_hwm_mb(p.pid)
        r["minflt"] = proc_minflt(p.pid)
        r["threads"] = thread_cpu(p.pid)
        if perf:
            perf.send_signal(signal.SIGINT)
            perf.wait()
            log("profile:", os.path.join(d, "perf.data"))
        p.send_signal(signal.SIGINT)
        try:
            p.wait(30)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
    else:
        u = s = 0.0
        r["rss"] = "?"
        err = err or "sluice exited: " + open(os.path.join(d, "sluice.log")).read()[-300:]
    su, ss = proc_cpu(ch.pid)
    r.update(wall=end - start, first=first, cpu=u + s, cpu_detail="%.2f/%.2f" % (u, s),
             server_cpu=(su + ss) - sum(srv0), error=err)
    return r


def run_kafka_engine(ch, spec, kafka, topic, consumers=1, table="t", timeout=600):
    group = "bench-ke-%d" % int(time.time() * 1000)
    srv0 = proc_cpu(ch.pid)
    start = time.time()
    ch.q(spec.final.format(t=table))
    if getattr(spec, "join", None):
        # Right side first: users via their own Kafka table + MV, wait until all are there.
        ch.q(spec.users_final.format(t=table))
        ch.q(landing_ddl(table + "_ukafka", spec.users_landing,
                         "Kafka SETTINGS kafka_broker_list = '%s', kafka_topic_list = '%s', "
                         "kafka_group_name = '%s-u', kafka_format = 'JSONEachRow', "
                         "kafka_num_consumers = 1" % (kafka.bootstrap, topic + "_users", group)))
        ch.q("CREATE MATERIALIZED VIEW %s_umv TO %s_users AS SELECT toUUID(user_id) AS user_id, "
             "email, country FROM %s_ukafka"
             % (table, table, table))
        _, _, _, err = wait_rows(ch, table + "_users", spec.users_count, timeout, start=start)
        if err:
            return Result(contender="CH Kafka engine + MV", error="users: " + err)
    ch.q(landing_ddl(table + "_kafka", spec.landing,
                     "Kafka SETTINGS kafka_broker_list = '%s', kafka_topic_list = '%s', "
                     "kafka_group_name = '%s', kafka_format = 'JSONEachRow', "
                     "kafka_num_consumers = %d, kafka_max_block_size = 65536"
                     % (kafka.bootstrap, topic, group, consumers)))
    ch.q("CREATE MATERIALIZED VIEW %s_kmv TO %s AS SELECT %s FROM %s_kafka %s %s" % (
        table, table, spec.select, table, getattr(spec, "join", "").format(t=table) if
        getattr(spec, "join", None) else "", "WHERE " + spec.where if spec.where else ""))
    end, first, n, err = wait_rows(ch, waited(spec, table), spec.expected_rows, timeout, start=start)
    su, ss = proc_cpu(ch.pid)
    cpu = su + ss - sum(srv0)
    r = Result(contender="CH Kafka engine + MV (%d consumer%s)" % (consumers, "s" * (consumers > 1)),
               wall=end - start, first=first, cpu=cpu,
               cpu_detail="server %.2f/%.2f" % (su - srv0[0], ss - srv0[1]),
               server_cpu=None, rss="%.0f MB (server)" % proc_hwm_mb(ch.pid), error=err)
    ch.q("DROP TABLE %s_kmv" % table)  # stop consuming before the checks
    return r


def spawn_wait4(argv, **kw):
    return subprocess.Popen(argv, **kw)


def reap(p, timeout):
    """wait4() the child: (exit status, rusage)."""
    deadline = time.time() + timeout
    while True:
        pid, status, ru = os.wait4(p.pid, os.WNOHANG)
        if pid == p.pid:
            p.returncode = os.waitstatus_to_exitcode(status)
            return p.returncode, ru
        if time.time() > deadline:
            p.kill()
        time.sleep(0.05)


def run_pipe(ch, spec, kafka, topic, table="t", timeout=600):
    srv0 = proc_cpu(ch.pid)
    start = time.time()
    ch.q(spec.final.format(t=table))
    ch.q(landing_ddl(table + "_json", spec.landing, "Null"))
    if getattr(spec, "join", None):
        ch.q(spec.users_final.format(t=table))
        ch.q(landing_ddl(table + "_ujson", spec.users_landing, "Null"))
        ch.q("CREATE MATERIALIZED VIEW %s_umv TO %s_users AS SELECT toUUID(user_id) AS user_id, "
             "email, country FROM %s_ujson"
             % (table, table, table))
        k = subprocess.Popen(["kcat", "-C", "-b", kafka.bootstrap, "-t", topic + "_users", "-o",
                              "beginning", "-e", "-q"], stdout=subprocess.PIPE)
        c = subprocess.Popen(["clickhouse-client", "--host", "127.0.0.1", "--port", str(ch.tcp),
                              "--max_insert_block_size=65536",
                              "--input_format_skip_unknown_fields=1", "--query",
                              "INSERT INTO %s_ujson FORMAT JSONEachRow" % table], stdin=k.stdout)
        k.stdout.close()
        _, kru0 = reap(k, timeout)
        _, cru0 = reap(c, timeout)
        nu = ch.count(table + "_users")
        if nu != spec.users_count:
            log("pipe: users table has %d rows, expected %d" % (nu, spec.users_count))
    else:
        kru0 = cru0 = None
    join = getattr(spec, "join", "").format(t=table) if getattr(spec, "join", None) else ""
    ch.q("CREATE MATERIALIZED VIEW %s_mv TO %s AS SELECT %s FROM %s_json %s %s" % (
        table, table, spec.select, table, join, "WHERE " + spec.where if spec.where else ""))
    err_path = os.path.join(ch.dir, "client.err")
    k = subprocess.Popen(["kcat", "-C", "-b", kafka.bootstrap, "-t", topic, "-o", "beginning",
                          "-e", "-q"], stdout=subprocess.PIPE)
    c = subprocess.Popen(["clickhouse-client", "--host", "127.0.0.1", "--port", str(ch.tcp),
                          "--max_insert_block_size=65536", "--query",
                          "INSERT INTO %s_json FORMAT JSONEachRow" % table], stdin=k.stdout,
                         stderr=open(err_path, "w"))
    k.stdout.close()
    # wait4() both processes in threads (for their rusage) while the rows are polled.
    reaped = {}

    def reaper(name, proc):
        reaped[name] = reap(proc, timeout)
    threads = [threading.Thread(target=reaper, args=("k", k)),
               threading.Thread(target=reaper, args=("c", c))]
    for t in threads:
        t.start()
    end, first, n, err = wait_rows(ch, waited(spec, table), spec.expected_rows, timeout,
                                   alive=lambda: threads[1].is_alive(), start=start)
    for t in threads:
        t.join()
    kst, kru = reaped["k"]
    cst, cru = reaped["c"]
    if cst != 0:
        err = "client exit %s: %s" % (cst, open(err_path).read()[:300])
    su, ss = proc_cpu(ch.pid)
    cpu = kru.ru_utime + kru.ru_stime + cru.ru_utime + cru.ru_stime
    if kru0:
        cpu += kru0.ru_utime + kru0.ru_stime + cru0.ru_utime + cru0.ru_stime
    return Result(contender="`kcat -C \\| clickhouse-client INSERT … JSONEachRow` + MV",
                  wall=end - start, first=first, cpu=cpu,
                  cpu_detail="kcat %.2f/%.2f, client %.2f/%.2f" % (
                      kru.ru_utime, kru.ru_stime, cru.ru_utime, cru.ru_stime),
                  server_cpu=su + ss - sum(srv0),
                  rss="kcat %.0f + client %.0f MB" % (kru.ru_maxrss / 1024, cru.ru_maxrss / 1024),
                  error=err)


def run_python(ch, spec, kafka, topic, workload, table="t", timeout=900):
    srv0 = proc_cpu(ch.pid)
    start = time.time()
    if spec.final:
        ch.q(spec.final.format(t=table))
    group = "bench-py-%d" % int(time.time() * 1000)
    consumed = spec.events  # every message is read, whatever lands after filter/dedup
    argv = [PY, os.path.join(ROOT, "bench/contenders/python_consumer.py"), workload,
            kafka.bootstrap, topic, group, str(ch.tcp), table, str(consumed), "10000"]
    stdin = None
    if workload == "w1":
        stdin = json.dumps([[n, c, t] for n, c, t in spec.mapping])
    if workload == "w3":
        argv.append(topic + "_users")
        stdin = "%d\n" % spec.users_count
    errp = os.path.join(ch.dir, "python.err")
    p = subprocess.Popen(argv, stdin=subprocess.PIPE, stderr=open(errp, "w"), text=True)
    p.stdin.write(stdin or "")
    p.stdin.close()
    reaped = {}
    reaper = threading.Thread(target=lambda: reaped.update(r=reap(p, timeout)))
    reaper.start()  # wait4() for the rusage; p.poll() would reap the child without it
    end, first, n, err = wait_rows(ch, waited(spec, table), spec.expected_rows, timeout,
                                   alive=reaper.is_alive, start=start)
    reaper.join()
    st, ru = reaped["r"]
    if st != 0:
        err = "python exit %s: %s" % (st, open(errp).read()[-300:])
    su, ss = proc_cpu(ch.pid)
    return Result(contender="Python (confluent_kafka + clickhouse_driver, 10k batches)",
                  wall=end - start, first=first, cpu=ru.ru_utime + ru.ru_stime,
                  cpu_detail="%.2f/%.2f" % (ru.ru_utime, ru.ru_stime),
                  server_cpu=su + ss - sum(srv0), rss="%.0f MB" % (ru.ru_maxrss / 1024),
                  error=err)


def check(ch, spec, table):
    out = []
    ok = True
    src = table + (" FINAL" if spec.read_final else "")
    for label, expr, want in spec.checks:
        if not spec.read_final:
            label = label.replace(" FINAL", "")
        got = int(float(ch.q("SELECT %s FROM %s" % (expr, src))))
        if got != want:
            ok = False
            diff = got - want
            out.append("**%s %s (%+d)**" % (label, got, diff))
        else:
            out.append("%s %s" % (label, got))
    return ok, ", ".join(out)


# ---------------------------------------------------------------- suites

def fmt_row(r, events, mb):
    if r.get("na"):
        return "| %s | %s | | | | | | | | | %s |" % (r["contender"], events, r["na"])
    cpu = r.get("cpu") or 0
    eps_cpu = events / cpu if cpu else 0
    if not r.get("wall"):
        return "| %s | %s | | | | | | | | | %s |" % (r["contender"], events, r.get("check", ""))
    srv = r.get("server_cpu")
    return "| %s | %d | %.0f | %.2f | %s | %s | %s | **%s** | %s | %s | %s |" % (
        r["contender"], events, mb, r["wall"], "%.2f" % r["first"] if r.get("first") else "-",
        "{:,.0f}".format(events / r["wall"]),
        "%.2f (%s)" % (cpu, r["cpu_detail"]), "{:,.0f}".format(eps_cpu),
        "%.2f" % srv if srv is not None else "(= contender)", r["rss"],
        r["check"])


HEADER = ("| contender | events | MB | wall s | first rows s | events/s | contender CPU-s (user/sys) | "
          "events per CPU-s | CH server CPU-s | peak RSS | correctness |\n"
          "|---|---|---|---|---|---|---|---|---|---|---|")


def median(xs):
    xs = sorted(xs)
    return xs[len(xs) // 2] if xs else 0


DEFAULT_EVENTS = {"w1": 1_000_000, "w2": 5_000_000, "w3": 2_000_000, "w4": 5_000_000}
BYTES_PER_EVENT = {"w1": 1650, "w2": 210, "w3": 170, "w4": 400}


def suite(workload, runs, events, contenders, warmup=1):
    parts = max(16, (events * BYTES_PER_EVENT[workload]) // (3 * 1024 * 1024) + 1)
    parts = 1 << (parts - 1).bit_length()
    topic = workload
    all_results = {}
    gen_info = None
    # `warmup` uncounted rounds first: the first process to page in hundreds of MB after the
    # machine sat idle pays several times the usual system time for it (W4: 1.50-1.67 sys-s
    # against 0.59-0.95 in the runs after it), whichever contender that is. Then the counted
    # runs, each starting with the next contender in turn, so no contender always runs first.
    for run in range(warmup + runs):
        counted = run >= warmup
        turn = (run - warmup) % len(contenders) if counted else 0
        order = contenders[turn:] + contenders[:turn]
        os.makedirs(WORK, exist_ok=True)
        topics = ["%s:%d" % (topic, parts)]
        if workload == "w3":
            topics.append("%s_users:%d" % (topic, 16))
        kafka = Kafka(topics)
        try:
            gen_workload = {"w3": "w3-orders"}.get(workload, workload)
            t0 = time.time()
            summary = generate(kafka, gen_workload, events, topic, parts,
                               ["--users", str(events // 10)] if workload == "w3" else [])
            users = None
            if workload == "w3":
                users = generate(kafka, "w3-users", events // 10, topic + "_users", 16)
            log("produced", summary["events"], "events in %.1f s" % (time.time() - t0), summary)
            gen_info = (summary, users, parts)
            for name in order:
                ch = ClickHouse("ch-%s-%s-%d" % (workload, name, run))
                try:
                    if workload == "w1":
                        yaml = sluice_yaml(os.path.join(ROOT, "examples/w1-telemetry.yaml"),
                                           os.path.join(ch.dir, "pipeline.yaml"), kafka.bootstrap,
                                           ch, 100000)
                        spec = w1_spec(summary, events, yaml)
                        spec.sluice_yaml = yaml
                        ddl = subprocess.run([os.path.join(BUILD, "sluice"), "ddl", yaml],
                                             check=True, stdout=subprocess.PIPE, text=True).stdout
                        spec.final = re.sub(r"CREATE TABLE (IF NOT EXISTS )?[`\w.]*w1`?",
                                            "CREATE TABLE {t}", ddl, count=1).rstrip().rstrip(";")
                    elif workload == "w2":
                        spec = w2_spec(summary)
                        if name == "sluice":
                            # Sluice deduplicates in the pipeline: its table is a plain
                            # MergeTree, and count() itself must be exact (no FINAL).
                            spec.read_final = False
                            spec.sluice = spec.sluice_yaml = sluice_yaml(
                                os.path.join(ROOT, "examples/w2-dedup.yaml"),
                                os.path.join(ch.dir, "pipeline.yaml"), kafka.bootstrap, ch,
                                100000)
                    elif workload == "w4":
                        spec = w4_spec(summary)
                        spec.sluice = spec.sluice_yaml = sluice_yaml(
                            os.path.join(ROOT, "examples/w4-filter-stateless.yaml"),
                            os.path.join(ch.dir, "pipeline.yaml"), kafka.bootstrap, ch, 100000)
                    else:
                        spec = w3_spec(summary, users)
                        if name == "sluice":
                            w3_sluice(spec, summary, sluice_yaml(
                                os.path.join(ROOT, "examples/w3-join.yaml"),
                                os.path.join(ch.dir, "pipeline.yaml"), kafka.bootstrap, ch,
                                100000))
                    spec.events = events
                    table = workload if name == "sluice" else "t"
                    log(("run %d: %s" % (run - warmup + 1, name)) if counted else
                        ("warm-up %d (not counted): %s" % (run + 1, name)))
                    if name == "sluice":
                        if spec.sluice is None:
                            r = Result(contender="Sluice", na=spec.sluice_na)
                        else:
                            r = run_sluice(ch, spec, kafka, topic, table=workload)
                    elif name == "kafka-engine":
                        r = run_kafka_engine(ch, spec, kafka, topic)
                    elif name == "kafka-engine-2":
                        r = run_kafka_engine(ch, spec, kafka, topic, consumers=2)
                    elif name == "pipe":
                        r = run_pipe(ch, spec, kafka, topic)
                    elif name == "python":
                        r = run_python(ch, spec, kafka, topic, workload)
                    if not r.get("na"):
                        time.sleep(1.0)  # late duplicates would show up here
                        ok, text = check(ch, spec, table)
                        if r.get("error"):
                            ok = False
                            text = "**FAILED: %s** — %s" % (r["error"], text)
                        r["ok"] = ok
                        r["check"] = ("ok: " if ok else "**WRONG, not ranked**: ") + text
                    log(r)
                    if counted:
                        all_results.setdefault(name, []).append(r)
                finally:
                    ch.stop()
        finally:
            kafka.stop()
    summary, users, parts = gen_info
    mb = summary["bytes"] / 1e6
    rows = []
    ranked = []
    for name in contenders:
        rs = all_results[name]
        if rs[0].get("na"):
            rows.append(fmt_row(rs[0], events, mb))
            continue
        # Medians per metric (each separately); correctness must hold in every run.
        # The run with the median CPU gives the CPU split and RSS; wall and first rows are
        # medians of their own.
        m = Result(sorted(rs, key=lambda r: r.get("cpu") or 0)[len(rs) // 2])
        m["wall"] = median([r.get("wall") or 0 for r in rs])
        if all(r.get("first") for r in rs):
            m["first"] = median([r["first"] for r in rs])
        m["runs"] = rs
        if rs[0].get("server_cpu") is not None:
            m["server_cpu"] = median([r["server_cpu"] for r in rs])
        m["ok"] = all(r["ok"] for r in rs)
        if not m["ok"]:
            m["check"] = next(r["check"] for r in rs if not r["ok"])
        rows.append((m, fmt_row(m, events, mb)))
    ordered = sorted([x for x in rows if isinstance(x, tuple)],
                     key=lambda x: (not x[0]["ok"], -(events / x[0]["cpu"]) if x[0]["cpu"] else 0))
    lines = [HEADER] + [x[1] for x in ordered] + [x for x in rows if isinstance(x, str)]
    if runs > 1:
        per_run = []
        for m, _ in ordered:
            per_run.append("%s: CPU-s %s, wall s %s" % (
                m["contender"].split(" (")[0], " / ".join("%.2f" % (r.get("cpu") or 0) for r in m["runs"]),
                " / ".join("%.2f" % (r.get("wall") or 0) for r in m["runs"])))
        lines.append("\nPer run — " + "; ".join(per_run) + ".")
    gen_line = "Generator: `sluice-gen %s` → %s" % (summary["command"], json.dumps(
        {k: v for k, v in summary.items() if k not in ("command",)}))
    if users:
        gen_line += "; users: `sluice-gen %s`" % users["command"]
    notes = ("%d run(s) after %d uncounted warm-up round(s), each run starting with the next contender in turn; medians (the CPU split and RSS are those of the median-CPU run); %d partitions; ranked by events per CPU-second of the "
             "contender's own process(es) (for the Kafka engine that is the server's CPU during the drain);"
             " contenders with a wrong result are listed last and not ranked. Measured %s; load average"
             " at the end %s on %d CPUs (other engineers' builds share this machine: wall times are"
             " noisy, CPU-seconds less so).") % (
        runs, warmup, parts, datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M UTC"),
        " ".join(open("/proc/loadavg").read().split()[:3]), os.cpu_count())
    return "\n".join(lines) + "\n\n" + notes + "\n\n" + gen_line + "\n"


def machine():
    cpu = "?"
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = int(open("/proc/meminfo").readline().split()[1]) / 1024 / 1024
    def ver(cmd):
        try:
            return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                  shell=True).stdout.strip().splitlines()[0]
        except Exception:
            return "?"
    load = open("/proc/loadavg").read().split()[:3]
    rows = [("nproc", str(os.cpu_count())), ("CPU", cpu), ("RAM", "%.1f GiB" % mem),
            ("kernel", os.uname().release), ("load average at measurement", " ".join(load)),
            ("ClickHouse server / client", ver("dpkg-query -W -f='${Version} / ' clickhouse-server; "
                                               "dpkg-query -W -f='${Version}' clickhouse-client")),
            ("librdkafka", ver("dpkg-query -W -f='${Version}' librdkafka1")),
            ("kcat", ver("dpkg-query -W -f='${Version}' kcat")),
            ("python3-confluent-kafka / python3-clickhouse-driver",
             ver("dpkg-query -W -f='${Version} / ' python3-confluent-kafka; "
                 "dpkg-query -W -f='${Version}' python3-clickhouse-driver")),
            ("python", ver("/usr/bin/python3 --version")),
            ("sluice", ver(os.path.join(BUILD, "sluice") + " version")),
            ("compiler", ver("c++ --version")), ("git", ver("git -C %s describe --always --dirty" % ROOT))]
    return "| | |\n|---|---|\n" + "\n".join("| %s | %s |" % r for r in rows) + "\n"


def write_docs(section, text):
    doc = open(DOCS).read()
    begin, end = "<!-- bench:%s -->" % section, "<!-- /bench:%s -->" % section
    block = "%s\n%s%s" % (begin, text, end)
    if begin in doc:
        doc = re.sub(re.escape(begin) + ".*?" + re.escape(end), lambda _: block, doc, flags=re.S)
    else:
        doc += "\n" + block + "\n"
    open(DOCS, "w").write(doc)
    log("wrote section", section, "of", DOCS)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("what")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--events", type=int)
    ap.add_argument("--contenders", default="sluice,kafka-engine,pipe,python")
    ap.add_argument("--write-docs", action="store_true")
    ap.add_argument("--rate", type=int, default=20000)
    ap.add_argument("--seconds", type=int, default=30)
    ap.add_argument("--max-delay", default="1s")
    a = ap.parse_args()
    if a.what in DEFAULT_EVENTS:
        events = a.events or DEFAULT_EVENTS[a.what]
        text = suite(a.what, a.runs, events, a.contenders.split(","), a.warmup)
        cmd = "bash bench/run.sh %s --runs %d --warmup %d --events %d --contenders %s" % (
            a.what, a.runs, a.warmup, events, a.contenders)
        text = "Command: `%s`\n\n%s" % (cmd, text)
        section = a.what.upper()
    elif a.what == "latency":
        import modes
        text = modes.latency(a.rate, a.seconds, a.max_delay, globals())
        section = "latency"
    elif a.what == "scaling":
        import modes
        text = modes.scaling(globals(), a.events)
        section = "scaling"
    elif a.what == "profile":
        import modes
        text = modes.profile(globals(), a.events)
        section = "profile"
    elif a.what == "machine":
        text = machine()
        section = "machine"
    else:
        sys.exit("unknown: " + a.what)
    print(text)
    if a.write_docs:
        write_docs(section, text)


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    main()
