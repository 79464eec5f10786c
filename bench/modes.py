"""Latency and scaling modes of bench/harness.py (Sluice only)."""
import os
import re
import subprocess
import threading
import time

W2_PLAIN_FIELDS = [("event_id", "string", "String"), ("user_id", "string", "String"),
                   ("name", "string", "String"), ("email", "string", "String"),
                   ("created_at", "datetime", "DateTime")]


def plain_yaml(h, src, dst, kafka, ch, batch, topic, table, fields):
    """A Sluice pipeline for `fields` (plain ingest, no transforms) built from the W1 example."""
    text = open(src).read()
    schema = "".join("      - { name: %s, type: %s }\n" % (n, t) for n, t, _ in fields)
    mapping = "".join("    - { name: %s, column_name: %s, column_type: %s }\n" % (n, n, c)
                      for n, _, c in fields)
    text = re.sub(r"    schema_fields:\n(      - .*\n)+", "    schema_fields:\n" + schema, text)
    text = re.sub(r"  mapping:\n(    - .*\n)+", "  mapping:\n" + mapping, text)
    text = re.sub(r"\n    topic: .*", "\n    topic: %s" % topic, text)
    open(dst + ".src", "w").write(text)
    return h["sluice_yaml"](dst + ".src", dst, kafka.bootstrap, ch, batch, table=table)


def percentile(pairs, q):
    total = sum(n for _, n in pairs)
    want = q * total
    acc = 0
    for lat, n in pairs:
        acc += n
        if acc >= want:
            return lat
    return pairs[-1][0] if pairs else 0


def latency(rate, seconds, max_delays, h):
    rows = []
    gens = []
    for max_delay in max_delays.split(","):
        row, gen_out = latency_one(rate, seconds, max_delay, h)
        h["log"](row)
        rows.append(row)
        gens.append(gen_out)
    return ("| load | events produced | rows seen | max_delay_time | p50 ms | p99 ms | max ms | "
            "polls | Sluice CPU-s | events per CPU-s | peak RSS |\n"
            "|---|---|---|---|---|---|---|---|---|---|---|\n" + "\n".join(rows) + "\n\n"
            "Command: `bash bench/run.sh latency --rate %d --seconds %d --max-delay %s`. "
            "Sluice (batch 100000, --compression %s) runs first and has joined its group; then `sluice-gen "
            "--rate %d/s --stamp -X linger.ms=5` produces W1 events carrying `produced_us` "
            "(wall clock when handed to librdkafka). ClickHouse 18.16 has no sub-second insert "
            "time, so the harness polls `SELECT intDiv(produced_us, 10000), count() ... GROUP BY` "
            "every 50 ms; rows that appear are charged poll-start time − their 10 ms bucket's "
            "midpoint. Figures are therefore upper bounds by up to one poll (≤ 50 ms, ±5 ms "
            "bucket). The machine was loaded (see the load average in the machine section). "
            "Generator summaries: %s\n" % (rate, seconds, max_delays, h["COMPRESSION"], rate,
                                           "; ".join(g.strip() for g in gens)))


def latency_one(rate, seconds, max_delay, h):
    count = rate * seconds
    parts = 512
    kafka = h["Kafka"](["lat:%d" % parts])
    ch = h["ClickHouse"]("ch-latency-" + max_delay)
    try:
        yaml = h["sluice_yaml"](os.path.join(h["ROOT"], "examples/w1-telemetry.yaml"),
                                os.path.join(ch.dir, "pipeline.yaml"), kafka.bootstrap, ch, 100000,
                                extra_fields=[("produced_us", "uint", "UInt64")])
        text = open(yaml).read()
        text = re.sub(r"\n    topic: .*", "\n    topic: lat", text)
        text = re.sub(r"max_delay_time: .*", "max_delay_time: %s" % max_delay, text)
        open(yaml, "w").write(text)
        ch.multi(subprocess.run([os.path.join(h["BUILD"], "sluice"), "ddl", yaml], check=True,
                                stdout=subprocess.PIPE, text=True).stdout)
        p = subprocess.Popen([os.path.join(h["BUILD"], "sluice"), "run", yaml, "--compression",
                              h["COMPRESSION"], "--status-interval", "0"],
                             stderr=open(os.path.join(ch.dir, "sluice.log"), "w"))
        time.sleep(6)  # consumer group join (the mock delays the first join by 3 s)
        cpu0 = sum(h["proc_cpu"](p.pid))
        gen = subprocess.Popen([os.path.join(h["BUILD"], "tools/sluice-gen"), "--workload", "w1",
                                "--count", str(count), "--seed", "1", "--brokers",
                                kafka.bootstrap, "--topic", "lat", "--partitions", str(parts),
                                "--rate", "%d/s" % rate, "--stamp", "-X", "linger.ms=5"],
                               stdout=subprocess.PIPE, text=True)
        seen = {}
        pairs = {}
        total = 0
        polls = 0
        deadline = time.time() + seconds + 60
        while total < count and time.time() < deadline:
            t_send = time.time()
            out = ch.q("SELECT intDiv(produced_us, 10000) AS b, count() FROM w1 GROUP BY b "
                       "FORMAT TSV")
            polls += 1
            now_us = int(t_send * 1e6)
            for line in out.splitlines():
                b, n = map(int, line.split("\t"))
                d = n - seen.get(b, 0)
                if d > 0:
                    seen[b] = n
                    total += d
                    lat_ms = (now_us - (b * 10000 + 5000)) / 1000
                    key = round(lat_ms)
                    pairs[key] = pairs.get(key, 0) + d
            time.sleep(max(0, 0.05 - (time.time() - t_send)))
        gen_out = gen.communicate()[0]
        cpu = sum(h["proc_cpu"](p.pid)) - cpu0
        rss = h["proc_hwm_mb"](p.pid)
        p.send_signal(2)
        p.wait(30)
        ps = sorted(pairs.items())
        row = ("| %d ev/s × %d s (W1, ~1.6 KB) | %d | %s | %s | %d | %d | %d | %d | %.2f | %s | %.0f MB |"
               % (rate, seconds, count, "{:,}".format(total), max_delay, percentile(ps, 0.5),
                  percentile(ps, 0.99), ps[-1][0] if ps else 0, polls, cpu,
                  "{:,.0f}".format(total / cpu) if cpu else "-", rss))
        return row, gen_out
    finally:
        ch.stop()
        kafka.stop()


def scaling(h, _events):
    rows = []
    cases = [
        # label, gen workload, gen extra, events, partitions, batch, fields-or-None
        ("200 B (W2 shape, plain ingest)", "w2", [], 500000, 64, 100000, W2_PLAIN_FIELDS),
        ("1.6 KB (W1)", "w1", [], 100000, 512, 100000, None),
        ("16 KB (W1 + 14.5 KB `padding`)", "w1", ["--pad", "14500"], 20000, 512, 100000, "pad"),
        ("1.6 KB, batch 10000", "w1", [], 100000, 512, 10000, None),
        ("1.6 KB, batch 50000", "w1", [], 100000, 512, 50000, None),
        ("1.6 KB, 64 partitions", "w1", [], 100000, 64, 100000, None),
    ]
    for label, wl, extra, events, parts, batch, fields in cases:
        kafka = h["Kafka"](["s:%d" % parts])
        ch = h["ClickHouse"]("ch-scaling")
        try:
            summary = h["generate"](kafka, wl, events, "s", parts, extra)
            dst = os.path.join(ch.dir, "pipeline.yaml")
            if isinstance(fields, list):
                yaml = plain_yaml(h, os.path.join(h["ROOT"], "examples/w1-telemetry.yaml"), dst,
                                  kafka, ch, batch, "s", "w1", fields)
            else:
                ef = [("padding", "string", "String")] if fields == "pad" else []
                yaml = h["sluice_yaml"](os.path.join(h["ROOT"], "examples/w1-telemetry.yaml"),
                                        dst, kafka.bootstrap, ch, batch, extra_fields=ef)
                text = re.sub(r"\n    topic: .*", "\n    topic: s", open(yaml).read())
                open(yaml, "w").write(text)

            class S:
                pass
            spec = S()
            spec.sluice_yaml = yaml
            spec.expected_rows = summary["valid"]
            r = h["run_sluice"](ch, spec, kafka, "s", batch=batch, table="w1")
            n = ch.count("w1")
            ok = "ok" if n == events and not r.get("error") else "**WRONG: %d rows %s**" % (
                n, r.get("error") or "")
            mb = summary["bytes"] / 1e6
            rows.append("| %s | %d | %d | %d | %.0f | %.2f | %.2f | **%s** | %.0f | %s | %.2f | %s |" % (
                label, events, parts, batch, mb, r["cpu"], r["cpu"] / events * 1e6,
                "{:,.0f}".format(events / r["cpu"]) if r["cpu"] else "-",
                mb / r["cpu"] if r["cpu"] else 0, r["rss"], r["wall"], ok))
            h["log"](rows[-1])
        finally:
            ch.stop()
            kafka.stop()
    return ("| case | events | partitions | batch | MB | Sluice CPU-s | CPU-µs per event | events per CPU-s | "
            "MB per CPU-s | peak RSS | wall s | check |\n"
            "|---|---|---|---|---|---|---|---|---|---|---|---|\n" + "\n".join(rows) + "\n\n"
            "Command: `bash bench/run.sh scaling`. Sluice only (--compression %s), one run each, preloaded topic; "
            "wall includes the ~3 s consumer-group join and the final `max_delay_time` (1 s) flush. "
            "These runs are short (20k–500k events), so fixed start-up costs weigh more than in the "
            "1M W1 run: compare rows within this table.\n" % h["COMPRESSION"])


def profile(h, events):
    """perf record -g of `sluice run` draining `events` W1 events; returns perf report's top."""
    events = events or 200000
    kafka = h["Kafka"](["p:512"])
    ch = h["ClickHouse"]("ch-profile")
    data = os.path.join(ch.dir, "perf.data")
    try:
        summary = h["generate"](kafka, "w1", events, "p", 512)
        yaml = h["sluice_yaml"](os.path.join(h["ROOT"], "examples/w1-telemetry.yaml"),
                                os.path.join(ch.dir, "pipeline.yaml"), kafka.bootstrap, ch, 100000)
        text = re.sub(r"\n    topic: .*", "\n    topic: p", open(yaml).read())
        open(yaml, "w").write(text)
        ch.multi(subprocess.run([os.path.join(h["BUILD"], "sluice"), "ddl", yaml], check=True,
                                stdout=subprocess.PIPE, text=True).stdout)
        p = subprocess.Popen([os.path.join(h["BUILD"], "sluice"), "run", yaml, "--compression",
                              h["COMPRESSION"], "--status-interval", "0"],
                             stderr=open(os.path.join(ch.dir, "sluice.log"), "w"))
        cg = os.environ.get("PERF_CALL_GRAPH", "fp")  # "dwarf" resolves callers through libc
        # perf -p samples the threads that exist when it attaches (one run saw only the main
        # thread): wait for the sink and librdkafka threads. The group join takes ~3 s, so no
        # record is consumed before this.
        time.sleep(1)
        perf = subprocess.Popen(["perf", "record", "-F", "499" if cg == "fp" else "149",
                                 "--call-graph", cg if cg == "fp" else "dwarf,16384", "-o", data,
                                 "-p", str(p.pid)], stdout=subprocess.DEVNULL,
                                stderr=open(os.path.join(ch.dir, "perf.err"), "w"))
        while ch.count("w1") < summary["valid"]:
            time.sleep(0.1)
        cpu = sum(h["proc_cpu"](p.pid))
        perf.send_signal(2)
        perf.wait(60)
        p.send_signal(2)
        p.wait(30)
        flat = subprocess.run(["perf", "report", "-i", data, "--stdio", "--no-children",
                               "--sort", "dso,symbol", "-g", "none", "--percent-limit", "0.7"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout
        lines = [re.sub(r"\s+-\s+-\s*$", "", l) for l in flat.splitlines()
                 if l.strip() and not l.startswith("#")][:40]
        incl = subprocess.run(["perf", "report", "-i", data, "--stdio", "--children", "--sort",
                               "symbol", "-g", "none", "--percent-limit", "4"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout
        ilines = [re.sub(r"\s+-\s+-\s*$", "", l) for l in incl.splitlines()
                  if l.strip() and not l.startswith("#")][:40]
        return ("Command: `bash bench/run.sh profile --events %d` (`perf record -F 499 -g -p "
                "<sluice pid>` over the whole drain, %.2f CPU-s of Sluice for %d W1 events).\n\n"
                "Self time (overhead, dso, symbol; ≥ 0.7%%):\n\n```\n%s\n```\n\n"
                "Inclusive (children; ≥ 4%%):\n\n```\n%s\n```\n"
                % (events, cpu, events, "\n".join(lines), "\n".join(ilines)))
    finally:
        ch.stop()
        kafka.stop()
