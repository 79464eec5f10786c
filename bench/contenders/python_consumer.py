#!/usr/bin/python3
"""The hand-written baseline: confluent_kafka + json.loads + clickhouse_driver (Debian's
python3-confluent-kafka and python3-clickhouse-driver; run with /usr/bin/python3).

  python_consumer.py WORKLOAD BOOTSTRAP TOPIC GROUP CH_PORT TABLE EXPECTED [BATCH] [RIGHT_TOPIC]

Consumes TOPIC from the beginning in a fresh consumer group, applies the workload's transforms
in Python and inserts BATCH-row batches (default 10000) into TABLE over the native protocol.
Exits after EXPECTED messages were consumed and inserted (or after 20 s without a message).
w1: map the 38 fields (RFC 3339 -> DateTime, UUID). w2: plain ingest; dedup is left to a
ReplacingMergeTree + FINAL (a dict of seen ids would not survive restarts). w3: RIGHT_TOPIC
(users) is read completely into a dict first, then orders are joined against it (LEFT).
w4: filter amount > 10 and status == 'paid', plus the 4 computed fields."""
import datetime
import json
import sys
import time
import uuid

from clickhouse_driver import Client
from confluent_kafka import Consumer, KafkaError

W1_COLUMNS = None  # (json key, column) pairs, given on stdin as JSON for w1


def ts(s):
    # '2026-02-16T17:57:04.572864Z' -> naive UTC datetime (server timezone is UTC), whole seconds.
    return datetime.datetime.fromisoformat(s[:19])


def browser(ua):
    if "Firefox/" in ua:
        return "firefox"
    if "Chrome/" in ua:
        return "chrome"
    if "Safari/" in ua:
        return "safari"
    return "other"


def consumer(bootstrap, topic, group):
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": group,
                  "auto.offset.reset": "earliest", "enable.auto.commit": True,
                  "session.timeout.ms": 6000})
    c.subscribe([topic])
    return c


def drain(c, expected, on_batch, batch):
    got = 0
    idle_since = time.time()
    while got < expected:
        msgs = c.consume(num_messages=batch, timeout=0.5)
        if not msgs:
            if time.time() - idle_since > 20 and got > 0:
                break
            continue
        idle_since = time.time()
        values = []
        for m in msgs:
            if m.error():
                if m.error().code() == KafkaError._PARTITION_EOF:
                    continue
                raise SystemExit("kafka error: %s" % m.error())
            values.append(m.value())
        got += len(values)
        on_batch(values)
    return got


def main():
    workload, bootstrap, topic, group, port, table, expected = sys.argv[1:8]
    expected = int(expected)
    batch = int(sys.argv[8]) if len(sys.argv) > 8 else 10000
    right_topic = sys.argv[9] if len(sys.argv) > 9 else None
    ch = Client(host="127.0.0.1", port=int(port))

    if workload == "w1":
        cols = json.loads(sys.stdin.read())  # [[json key, column, type], ...]
        names = ", ".join("`%s`" % c[1] for c in cols)
        conv = []
        for key, _, typ in cols:
            if typ == "DateTime":
                conv.append((key, ts))
            elif typ == "UUID":
                conv.append((key, uuid.UUID))
            elif typ.startswith("UInt8"):
                conv.append((key, int))
            else:
                conv.append((key, None))

        def on_batch(values):
            rows = []
            for v in values:
                e = json.loads(v)
                rows.append([f(e[k]) if f else e[k] for k, f in conv])
            ch.execute("INSERT INTO %s (%s) VALUES" % (table, names), rows)
    elif workload == "w2":
        def on_batch(values):
            rows = []
            for v in values:
                e = json.loads(v)
                rows.append((uuid.UUID(e["event_id"]), uuid.UUID(e["user_id"]), e["name"],
                             e["email"], ts(e["created_at"])))
            ch.execute("INSERT INTO %s (event_id, user_id, name, email, created_at) VALUES" % table,
                       rows)
    elif workload == "w4":
        def on_batch(values):
            rows = []
            for v in values:
                e = json.loads(v)
                if not (e["amount"] > 10 and e["status"] == "paid"):
                    continue
                email = e["email"]
                url = e["url"]
                path = url.split("://", 1)[1]
                path = path[path.find("/"):].split("?", 1)[0]
                rows.append((uuid.UUID(e["event_id"]), uuid.UUID(e["user_id"]), e["name"], email,
                             ts(e["created_at"]), e["status"], round(e["amount"] * 100),
                             email.split("@", 1)[1].lower(), path, browser(e["user_agent"]),
                             e["name"].upper()))
            if rows:
                ch.execute("INSERT INTO %s (event_id, user_id, name, email, created_at, status, "
                           "amount_cents, email_domain, url_path, browser, name_upper) VALUES"
                           % table, rows)
    elif workload == "w3":
        users = {}
        uc = consumer(bootstrap, right_topic, group + "-users")
        n_users = int(sys.stdin.readline())

        def on_users(values):
            for v in values:
                u = json.loads(v)
                users[u["user_id"]] = (u["email"], u["country"])
        drain(uc, n_users, on_users, batch)
        uc.close()

        def on_batch(values):
            rows = []
            for v in values:
                o = json.loads(v)
                email, country = users.get(o["user_id"], ("", ""))
                rows.append((uuid.UUID(o["order_id"]), uuid.UUID(o["user_id"]),
                             round(o["amount"] * 100), ts(o["created_at"]), email, country))
            ch.execute("INSERT INTO %s (order_id, user_id, amount_cents, created_at, email, "
                       "country) VALUES" % table, rows)
    else:
        raise SystemExit("unknown workload " + workload)

    c = consumer(bootstrap, topic, group)
    got = drain(c, expected, on_batch, batch)
    c.close()
    print("consumed", got, file=sys.stderr)


if __name__ == "__main__":
    main()
