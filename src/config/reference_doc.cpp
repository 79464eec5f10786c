#include "config/reference_doc.h"

#include "config/pipeline_spec.h"
#include "config/text_util.h"

namespace sluice::config {
namespace {

constexpr std::string_view kIntro = R"(# Pipeline file reference (V3)

<!-- Generated from the field tables in src/config/pipeline_spec.cpp by
     sluice::config::pipeline_reference_markdown(). Do not edit by hand: run
     SLUICE_UPDATE_EXPECTED=1 build/tests/sluice_config_unit_tests --gtest_filter='ReferenceDoc.*'
     to regenerate it. -->

Sluice reads GlassFlow-compatible V3 pipeline files, in JSON or YAML (the same field names
and nesting). `sluice validate FILE` reports every problem at once, each with its path
(`transforms[1].config.key`), position and a hint; `sluice check FILE` then checks the live
Kafka and ClickHouse; `sluice run FILE` runs it.

## General rules

- Unknown keys are errors, with a "did you mean" hint, except inside `resources`.
- Durations are strings in Go syntax (`500ms`, `30s`, `1m`, `1h30m`) plus `Nd` for days
  (`1d12h`). A bare number is an error: its unit would be a guess.
- Letter case: `consumer_group_initial_offset`, source/sink `type`, transform `type` and
  `join.type` ignore case; `protocol` and `mechanism` of Kafka are exact.
- V2 files are migrated to V3 on load with a warning; `sluice migrate FILE [--format json|yaml]`
  prints the V3 equivalent. V2 filters dropped matching records, V3 filters keep them: the
  migrated expression is negated (`!(...)`) — review it.
- `sources`: one Kafka source, or exactly two with `join.enabled: true`; both sources of a join
  must have identical `connection_params`. `source_id`s are unique.
- `transforms[]` run per source in the order they are listed; each names an existing
  `source_id`. At most one `dedup` per source; several `filter` and `stateless` steps are
  allowed, also in front of a join. A `stateless` step's output holds only its listed
  `output_name`s, so later steps and the sink see those names.
- `dedup.key` must be a field of the source's schema at that step. Join keys and
  `output_fields[].name` must be fields of that source (after its transforms).
- `sink.mapping[].name` must be a field of the sink's upstream schema: the source's
  `schema_fields` (after its transforms), or the join's output names (`output_name`, which
  defaults to `name`) when there is a join. Each `column_name` is mapped once.
- `sink.mapping[].column_type` must parse as a ClickHouse type that Sluice can write
  (`String`, `Int8`..`Int256`, `UInt8`..`UInt256`, `Float32/64`, `Decimal(P, S)`, `Bool`,
  `Date`, `Date32`, `DateTime`, `DateTime64(p)`, `UUID`, `IPv4`, `IPv6`, `Enum8/16`,
  `FixedString(N)`, `Nullable(...)`, `LowCardinality(String)`, `Array(...)`, `Map(...)`,
  `Tuple(...)`).
- Filter and stateless expressions are written in expr-lang (the language GlassFlow uses) and
  are checked as GlassFlow checks them when a pipeline is created: each is compiled against the
  fields of its source at that step, typed by their zero values. Numbers are float there
  (`int`, `uint` and `float` fields alike: write `int(quantity) % 2`, not `quantity % 2`),
  strings `""`, bools `false`, arrays `[]`, maps `{}`, `datetime` fields strings; a dotted
  name such as `user.age` is reached as `user.age` (a nested map). Unknown names, type
  errors (`status > 5` on a string), bad regexes in `matches` and syntax errors are reported
  with the position inside the expression (`(line:column)`). A filter must also run on that
  zero record and give a bool (true keeps the record). Stateless expressions may use the
  GlassFlow helper functions (`parseQuery`, `getQueryParam`, `urlDecode`, `parseISO8601`,
  `toDate`, `parseUserAgent`, `containsStr`, `toInt`, `toFloat`, `toString`, `waterfall`,
  `extractPathType`, `hasKeyPrefix`, `hasAnyKey`, and their own `upper lower trim split join
  replace keys hasPrefix hasSuffix`, which replace the builtins of those names); filters get
  the expr-lang builtins only. A filter after a stateless step sees that step's outputs.
- At run time filter and stateless steps run in `transforms[]` order on each batch, in
  expr-lang's untyped mode as GlassFlow runs them (a missing field is `nil`). A filter keeps
  the records where it gives true; a record on which it fails or gives no bool is
  dead-lettered (`filter_failed`, with expr's error). A stateless step's outputs, cast by
  `output_type` (`string`, `int`, `int64`, `float64`, `bool`; other types keep the value), are
  the only fields after it; a failed expression or cast dead-letters the record
  (`transform_failed`).
- A dedup step drops a record whose `key` was seen within `time_window` (processing time: the
  window starts when the first record of the key is seen, and duplicates do not extend it),
  including duplicates within one batch; the first record wins. Keys are compared by their
  text: the string `"1"`, the integer `1` and the float `1.0` are one key. A record without
  the key (missing or null) is dead-lettered (`dedup_key_missing`). The keys seen are kept in
  the pipeline's state store (`--state-dir`, default `.sluice/<pipeline_id>/state`), written
  with each batch's Kafka offsets after the insert and before the commit, so a restart
  deduplicates against everything seen before it (see docs/delivery.md).
- A join (`join.enabled: true`) reads both sources with one consumer (their topics must
  differ). Each source's steps run first; then the right side keeps the latest record per
  `right_source.key` for `right_source.time_window`, and a left record is written joined with
  it as soon as both are there, or waits up to `left_source.time_window` (0 = no expiry) and
  then expires unmatched (an inner join). Keys compare by text, as dedup keys; a missing or
  null key is dead-lettered (`join_key_missing`). The joined record holds `output_fields`
  under their `output_name`s. Both sides' state is in the state store (docs/delivery.md).

## Kafka security: protocol x mechanism

| `protocol` | TLS | `mechanism` | What Sluice sets in librdkafka |
|---|---|---|---|
| `PLAINTEXT` / `SSL` | no / yes | `NO_AUTH` | `security.protocol` only (plus TLS settings with SSL) |
| `SASL_PLAINTEXT` / `SASL_SSL` | no / yes | `PLAIN`, `SCRAM-SHA-256`, `SCRAM-SHA-512` | `sasl.mechanisms`, `sasl.username`, `sasl.password` (both required) |
| any | | `GSSAPI` | `sasl.kerberos.service.name`, `sasl.kerberos.principal` (`username@kerberos_realm`), `sasl.kerberos.keytab` (the keytab written to a private 0600 file, or the path given), `sasl.kerberos.kinit.cmd` and `KRB5_CONFIG` pointing at `kerberos_config` written to a private file |

With `SSL`/`SASL_SSL`: `root_ca` (PEM text or base64 of PEM) is passed in memory as
`ssl.ca.pem` and replaces the system CAs; without it the system CAs are used.
`skip_tls_verification: true` sets `enable.ssl.certificate.verification=false` and
`ssl.endpoint.identification.algorithm=none`. `client_cert` + `client_key` (PEM or base64 of
PEM, both or neither) enable mutual TLS (`ssl.certificate.pem`, `ssl.key.pem`).

**Escape hatch** (Sluice extension): `connection_params.librdkafka: {name: value}` passes
extra librdkafka consumer properties (e.g. `session.timeout.ms`, `client.rack`,
`ssl.ca.location`). Names are checked against the linked librdkafka's own property list
(unknown names are errors with a "did you mean"); properties Sluice controls (`group.id`,
`enable.auto.commit`, `enable.auto.offset.store`, `bootstrap.servers`, `security.protocol`,
`sasl.mechanisms`, `sasl.username`, `sasl.password`, `auto.offset.reset`) are refused.
`sluice run --kafka-property NAME=VALUE` overrides both.

Examples for Confluent Cloud, Redpanda, AWS MSK, WarpStream, Kerberos and mutual TLS are in
`examples/providers/`.

## Offsets

The consumer group is `sluice-<pipeline_id>`. `consumer_group_initial_offset`
(`earliest` | `latest`, any case, default `latest`) applies only when the group has no
committed offset; otherwise a pipeline resumes where it stopped. To replay:
`sluice run FILE --from-beginning` starts every assigned partition at its earliest offset,
and `sluice run FILE --from-timestamp 2026-01-15T10:00:00Z` (or epoch milliseconds) at the
first offset at or after that time — both override committed offsets.

## ClickHouse connection (Sluice extensions)

`sink.connection_params.protocol` (`native`, default, or `http`) selects the protocol inserts
use: the native TCP `port`, or `http_port`. `ca_file` is the path of a PEM CA bundle to trust
with `secure: true` (default: the system CAs). Neither exists in the reference's format.

## Start-up checks

Before consuming, `sluice run` (and `sluice check FILE`, which does nothing else) checks that
the Kafka brokers answer and the topic exists (waiting at most 10 s per source), that
ClickHouse is reachable, the table exists, and every mapped column exists with a type
compatible with `column_type` (equal after removing `Nullable(...)`/`LowCardinality(...)`;
DateTime time zones ignored). Each failure is one line saying what is wrong and how to fix it.

## Example

```yaml
version: v3
pipeline_id: orders-dedup
sources:
  - type: kafka
    source_id: orders
    connection_params:
      brokers: ["broker-1:9092"]
      protocol: SASL_SSL
      mechanism: SCRAM-SHA-512
      username: etl
      password: secret
    topic: orders
    consumer_group_initial_offset: earliest
    schema_fields:
      - { name: order_id, type: string }
      - { name: amount, type: float64 }
transforms:
  - { type: dedup, source_id: orders, config: { key: order_id, time_window: 1h } }
sink:
  connection_params: { host: clickhouse, port: 9000, database: shop, username: writer }
  table: orders
  max_batch_size: 1000
  max_delay_time: 1s
  mapping:
    - { name: order_id, column_name: order_id, column_type: String }
    - { name: amount, column_name: amount, column_type: Float64 }
```

# Fields
)";

}  // namespace

std::string pipeline_reference_markdown() {
  std::string out(kIntro);
  for (const ObjectDoc& object : pipeline_docs()) {
    out += "\n## `" + std::string(object.path.empty() ? "(root)" : object.path) + "`\n\n";
    out += "| Key | Type | Required | Default | Description |\n|---|---|---|---|---|\n";
    for (const ObjectDoc::Row& row : object.rows) {
      std::string description(row.info.doc);
      if (!row.choices.empty()) description += " (one of: " + join(row.choices, ", ") + ")";
      out +=
          "| `" + std::string(row.info.key) + "` | " + std::string(row.type) + " | " +
          (row.info.need == Need::Required ? "yes" : "no") + " | " +
          (row.info.default_value.empty() ? "" : "`" + std::string(row.info.default_value) + "`") +
          " | " + description + " |\n";
    }
  }
  return out;
}

}  // namespace sluice::config
