#include "pipeline/pipeline_runner.h"

#include <cstdio>

#include "clickhouse/loopback.h"
#include "kafka/startup_checks.h"
#include "pipeline/metrics_text.h"
#include "pipeline/retained_messages.h"
#include "sink/dead_letter_target.h"

namespace sluice::pipeline {

namespace {

// How much of the next message's payload is prefetched while one is decoded (W1's are 1.6 KB).
constexpr size_t kPrefetchedPayloadBytes = 2048;

// Payloads up to this size are copied into their batch; larger ones are retained (add_message).
// W2-W4's events (160-390 bytes) are copied, W1's (1.6 KB) retained: copying those measured
// slower.
constexpr size_t kCopiedPayloadBytes = 1024;

using Clock = std::chrono::steady_clock;

const config::KafkaSource& source_of(const config::Pipeline& p) {
  return transforms::Stages::main_source_of(p);
}

BatchPool::Shape batch_shape(const config::Pipeline& p) {
  BatchPool::Shape shape{source_of(p).schema_fields.size(), source_of(p).topic, 0, {}};
  if (const auto* side = transforms::Stages::side_source_of(p)) {
    shape.side_fields = side->schema_fields.size();
    shape.side_topic = side->topic;
  }
  return shape;
}

std::vector<config::SchemaField> side_fields(const config::Pipeline& p) {
  const auto* side = transforms::Stages::side_source_of(p);
  return side ? side->schema_fields : std::vector<config::SchemaField>{};
}

std::string human(double v) {
  char buf[32];
  if (v >= 1e6)
    std::snprintf(buf, sizeof buf, "%.2fM", v / 1e6);
  else if (v >= 1e4)
    std::snprintf(buf, sizeof buf, "%.1fk", v / 1e3);
  else
    std::snprintf(buf, sizeof buf, "%.0f", v);
  return buf;
}

PacingOptions pacing_of(const config::Pipeline& p, const RunOptions& o) {
  PacingOptions pacing;
  pacing.max_batch_size = p.sink.max_batch_size;
  pacing.max_delay = p.sink.max_delay_time;
  pacing.max_batch_bytes = o.max_batch_bytes;
  pacing.adaptive = o.adaptive_pacing;
  return pacing;
}

}  // namespace

PipelineRunner::PipelineRunner(config::Pipeline pipeline, RunOptions options)
    : pipeline_(std::move(pipeline)),
      options_(std::move(options)),
      // Idle batches worth keeping: one per queue slot, the one being built, the one settling.
      pool_(options_.queue_capacity + 2, batch_shape(pipeline_)),
      pacer_(pacing_of(pipeline_, options_)),
      decoder_(source_of(pipeline_).schema_fields),
      side_decoder_(side_fields(pipeline_)) {
  topics_.push_back(source_of(pipeline_).topic);
  if (const auto* side = transforms::Stages::side_source_of(pipeline_))
    topics_.push_back(side->topic);
  next_offsets_.resize(topics_.size());
  batch_ = new_batch();
}

PipelineRunner::~PipelineRunner() {
  if (worker_) worker_->finish();
}

Batch PipelineRunner::new_batch() {
  Batch batch = pool_.take();
  batch.reserve_rows(pacer_.row_limit());
  return batch;
}

Status PipelineRunner::open() {
  SLUICE_RETURN_IF_ERROR(kafka::check_before_start(pipeline_, options_.kafka_overrides));
  auto target = sink::parse_dead_letter_target(
      options_.dead_letter, ".sluice", pipeline_.pipeline_id, pipeline_.sink.connection.database);
  if (!target.ok()) return target.error();
  auto dlq = sink::open_dead_letter_store(*target, pipeline_, options_.stop);
  if (!dlq.ok()) return dlq.error();
  dead_letters_ = std::move(dlq).value();

  sink::ClickHouseSinkOptions sink_options;
  sink_options.sink = pipeline_.sink;
  auto stages = transforms::Stages::create(pipeline_);
  if (!stages.ok()) return stages.error();
  stages_ = std::move(stages).value();
  decoder_.set_row_filter(stages_->early_filter());
  SLUICE_RETURN_IF_ERROR(open_state());
  sink_options.fields = stages_->column_fields();
  sink_options.compression = options_.compression;
  sink_options.stop = options_.stop;
  sink_options.health = &health_;
  auto sink = sink::ClickHouseSink::open(std::move(sink_options));
  if (!sink.ok()) return sink.error();
  sink_ = std::move(sink).value();
  const auto& server = sink_->server();
  std::fprintf(
      stderr,
      "sluice: ClickHouse %llu.%llu.%llu (revision %llu) at %s:%u, table %s.%s, "
      "compression %s\n",
      static_cast<unsigned long long>(server.major), static_cast<unsigned long long>(server.minor),
      static_cast<unsigned long long>(server.patch),
      static_cast<unsigned long long>(server.revision), pipeline_.sink.connection.host.c_str(),
      pipeline_.sink.connection.port, pipeline_.sink.connection.database.c_str(),
      pipeline_.sink.table.c_str(), clickhouse::compression_name(sink_->compression()));
  // Insert-dedup tokens arrived in ClickHouse 22.2; without them a retry after a crash can
  // insert a batch twice. Say so rather than promise exactly-once.
  std::fprintf(stderr,
               "sluice: delivery is at-least-once: offsets are committed only after ClickHouse "
               "acknowledged the insert, so a crash can repeat the last batch\n");

  auto properties =
      kafka::consumer_properties(pipeline_, source_of(pipeline_), options_.kafka_overrides);
  if (!properties.ok()) return properties.error();
  // A join reads its right topic up to its end before the left one (delivery.md#join-state).
  auto consumer = kafka::KafkaConsumer::create(properties.value(), topics_, this,
                                               topics_.size() > 1 ? topics_[1] : std::string());
  if (!consumer.ok()) return consumer.error();
  consumer_ = std::move(consumer).value();
  consumer_->start_from(options_.start);  // before the first assignment, which poll() serves
  if (state_) {
    auto offsets = state_->offsets();
    if (!offsets.ok()) return offsets.error();
    consumer_->start_at_checkpoint(std::move(offsets).value());
  }
  std::string topics = topics_[0];
  if (topics_.size() > 1) topics += " (join left) and " + topics_[1] + " (join right)";
  std::fprintf(stderr, "sluice: consuming %s as group %s, dead letters to %s\n", topics.c_str(),
               config::consumer_group_name(pipeline_).c_str(), target->describe().c_str());

  worker_ = std::make_unique<SinkWorker>(*sink_, *dead_letters_, *consumer_, stats_, pool_,
                                         options_.queue_capacity);
  if (!stages_->empty()) worker_->set_stages(stages_.get(), state_.get());
  worker_->start();
  return Status::success();
}

Status PipelineRunner::open_state() {
  if (!stages_->stateful()) return Status::success();
  std::string dir = options_.state_dir.empty() ? ".sluice/" + pipeline_.pipeline_id + "/state"
                                               : options_.state_dir;
  auto store = state::StateStore::open(dir);
  if (!store.ok()) return store.error();
  state_ = std::move(store).value();
  auto started = Clock::now();
  SLUICE_RETURN_IF_ERROR(stages_->restore(*state_));
  std::string restored = std::to_string(stages_->restored_keys()) + " dedup keys";
  if (const auto* join = stages_->join())
    restored += ", " + std::to_string(join->waiting()) + " left records waiting for a join, " +
                std::to_string(join->right_keys()) + " right keys";
  std::fprintf(stderr, "sluice: state in %s: %s inside their window (%.1f s)\n", dir.c_str(),
               restored.c_str(), std::chrono::duration<double>(Clock::now() - started).count());
  return Status::success();
}

Status PipelineRunner::run() {
  started_ = last_status_ = Clock::now();
  SLUICE_RETURN_IF_ERROR(open());
  Status status = consume_loop();
  // Drain: hand over what was decoded, let the worker settle it, then leave the group.
  if (status.ok()) flush_batch();
  worker_->finish();
  if (status.ok() && worker_->failed()) status = *worker_->failure();
  if (!status.ok() && status.error().code() == ErrorCode::Shutdown) {
    // Stopped while ClickHouse was unavailable: what was not written was not committed, and
    // the next run reads it again. Nothing to fix, so not a failure.
    std::fprintf(stderr, "sluice: %s; unwritten batches were not committed\n",
                 status.error().message().c_str());
    status = Status::success();
  }
  consumer_->close();
  report_status(true);
  return status;
}

Status PipelineRunner::consume_loop() {
  std::vector<kafka::KafkaMessage> messages;
  while (!(options_.stop && options_.stop->load())) {
    if (worker_->failed()) return *worker_->failure();
    auto now = Clock::now();
    BatchPacer::Cut cut =
        pacer_.should_cut(batch_records_, batch_.byte_size(), now - batch_started_);
    if (cut != BatchPacer::Cut::None && !flush_or_pause(cut)) break;

    auto timeout = std::chrono::milliseconds(100);
    size_t room =
        std::max<size_t>(1, pacer_.row_limit() - std::min(pacer_.row_limit(), batch_records_));
    if (batch_records_ > 0 && !consumer_->paused()) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          batch_started_ + pipeline_.sink.max_delay_time - Clock::now());
      timeout = std::clamp(left, std::chrono::milliseconds(0), timeout);
    }
    // Paused: librdkafka returns nothing for paused partitions, but the poll serves the group
    // (heartbeats, rebalances, max.poll.interval.ms) however long the sink is stuck.
    messages.clear();
    SLUICE_RETURN_IF_ERROR(consumer_->poll(timeout, std::min<size_t>(room, 10000), messages));
    // The next messages are fetched into cache while this one is decoded: their headers two
    // ahead, their payloads one ahead.
    for (size_t i = 0; i < messages.size(); ++i) {
      if (i + 2 < messages.size()) messages[i + 2].prefetch_header();
      if (i + 1 < messages.size()) messages[i + 1].prefetch_payload(kPrefetchedPayloadBytes);
      add_message(std::move(messages[i]));
    }
    messages.clear();  // returns the memory to librdkafka now

    now = Clock::now();
    if (options_.status_interval.count() > 0 && now - last_status_ >= options_.status_interval)
      report_status(false);
  }
  return Status::success();
}

bool PipelineRunner::flush_or_pause(BatchPacer::Cut why) {
  size_t rows = batch_records_;
  if (!worker_->try_submit(
          batch_, consumer_->paused() ? std::chrono::milliseconds(0) : options_.pause_after)) {
    if (worker_->failed()) return false;
    if (!consumer_->paused()) {
      const bool failing = health_.retrying.load();
      pause_reason_ = failing ? "clickhouse_failing" : "clickhouse_behind";
      std::string reason = failing ? "ClickHouse is failing (" + health_.last_error() + ")"
                                   : "ClickHouse inserts are behind";
      std::fprintf(stderr, "sluice: pausing consumption: %s\n", reason.c_str());
      if (Status s = consumer_->pause(); !s.ok())
        std::fprintf(stderr, "sluice: %s\n", s.error().message().c_str());
    }
    return true;
  }
  pacer_.on_cut(why, rows, Clock::now());
  batch_ = new_batch();
  batch_records_ = 0;
  if (consumer_->paused()) {
    std::fprintf(stderr, "sluice: resuming consumption\n");
    if (Status s = consumer_->resume(consumed_positions()); !s.ok())
      std::fprintf(stderr, "sluice: %s\n", s.error().message().c_str());
  }
  return true;
}

size_t PipelineRunner::topic_of(const kafka::KafkaMessage& m) {
  if (topics_.size() < 2) return 0;
  const void* handle = m.topic_handle();
  if (handle == topic_handles_[0]) return 0;
  if (handle == topic_handles_[1]) return 1;
  const size_t t = topics_[1] == m.topic() ? 1 : 0;
  topic_handles_[t] = handle;
  return t;
}

void PipelineRunner::add_message(kafka::KafkaMessage&& m) {
  if (batch_records_ == 0) batch_started_ = Clock::now();
  RecordOrigin origin;
  // The join's right topic is topic 1; its rows go to the side batch.
  origin.topic = topic_of(m);
  origin.partition = Partition{m.partition()};
  origin.offset = Offset{m.offset()};
  origin.timestamp_ms = m.timestamp_ms();
  batch_.advance(origin.topic, origin.partition, Offset{m.offset() + 1});
  const size_t p = static_cast<size_t>(m.partition());
  std::vector<int64_t>& next = next_offsets_[origin.topic];
  if (next.size() <= p) next.resize(p + 1, -1);
  next[p] = m.offset() + 1;
  ++batch_records_;
  add_own(stats_.records_in, 1);
  add_own(stats_.bytes_in, m.payload().size());
  // A large message's row points into it (no copy), so the batch keeps the message until it
  // is settled. A small one is copied into the batch and goes back to librdkafka at once:
  // keeping it would also keep librdkafka's bookkeeping for it (a few hundred bytes) and its
  // share of the fetch buffer, more memory than the copy, on pages touched for the first time
  // (docs/benchmarks.md). A rejected record has its own copy either way.
  // The keeper of the outer batch holds the messages of both sides.
  const auto lifetime = m.payload().size() <= kCopiedPayloadBytes ? json::PayloadLifetime::Copy
                                                                  : json::PayloadLifetime::Retained;
  bool row = origin.topic == 0
                 ? decoder_.decode(batch_, m.payload(), m.key(), origin, lifetime)
                 : side_decoder_.decode(*batch_.side, m.payload(), m.key(), origin, lifetime);
  if (row && lifetime == json::PayloadLifetime::Retained)
    RetainedMessages::of(batch_).keep(std::move(m));
}

std::vector<kafka::OffsetToCommit> PipelineRunner::consumed_positions() const {
  std::vector<kafka::OffsetToCommit> out;
  for (size_t t = 0; t < topics_.size(); ++t) {
    for (size_t p = 0; p < next_offsets_[t].size(); ++p) {
      if (next_offsets_[t][p] >= 0)
        out.push_back(
            {topics_[t], Partition{static_cast<int32_t>(p)}, Offset{next_offsets_[t][p]}});
    }
  }
  return out;
}

bool PipelineRunner::flush_batch() {
  if (batch_.empty() && batch_.positions.empty()) return true;
  Batch full = std::move(batch_);
  batch_ = new_batch();
  batch_records_ = 0;
  return worker_->submit(std::move(full));
}

void PipelineRunner::on_partitions_revoked(const std::vector<kafka::TopicPartition>& partitions) {
  // Settle everything consumed so far before the partitions move to another member.
  if (!worker_) return;
  flush_batch();
  worker_->wait_settled();
  std::fprintf(stderr, "sluice: %zu partitions revoked, all consumed records settled\n",
               partitions.size());
}

void PipelineRunner::on_partitions_assigned(const std::vector<kafka::TopicPartition>& partitions) {
  std::fprintf(stderr, "sluice: %zu partitions assigned\n", partitions.size());
}

void PipelineRunner::report_status(bool final_line) {
  auto now = Clock::now();
  uint64_t in = stats_.records_in.load();
  double seconds =
      std::chrono::duration<double>(now - (final_line ? started_ : last_status_)).count();
  double rate =
      seconds > 0 ? static_cast<double>(final_line ? in : in - last_status_records_) / seconds : 0;
  std::string lag = "?";
  int64_t lag_messages = -1;
  if (consumer_ && !final_line) {
    kafka::ConsumerLag l = consumer_->lag();
    if (l.known) {
      lag_messages = static_cast<int64_t>(l.messages);
      lag = std::to_string(l.messages);
    }
  }
  if (!options_.metrics_file.empty()) write_metrics(lag_messages);
  if (final_line) {
    std::fprintf(stderr,
                 "sluice: summary: %llu records in (%s), %llu rows written, %llu dead-lettered, "
                 "%llu filtered out, %llu duplicates dropped, %s%llu batches, %llu insert "
                 "retries, %.1f s, %s records/s\n",
                 static_cast<unsigned long long>(in),
                 (human(static_cast<double>(stats_.bytes_in.load())) + "B").c_str(),
                 static_cast<unsigned long long>(stats_.rows_written.load()),
                 static_cast<unsigned long long>(stats_.dead_lettered.load()),
                 static_cast<unsigned long long>(stats_.filtered.load()),
                 static_cast<unsigned long long>(stats_.duplicates.load()), join_summary().c_str(),
                 static_cast<unsigned long long>(stats_.batches.load()),
                 static_cast<unsigned long long>(health_.retries.load()), seconds,
                 human(rate).c_str());
  } else {
    std::string state;
    if (consumer_ && consumer_->paused()) state += " paused";
    if (health_.retrying.load())
      state += " retrying (" + std::to_string(health_.retries.load()) +
               " retries): " + health_.last_error();
    std::fprintf(stderr, "sluice: in %llu (%s/s) out %llu dead %llu lag %s batch %zu%s\n",
                 static_cast<unsigned long long>(in), human(rate).c_str(),
                 static_cast<unsigned long long>(stats_.rows_written.load()),
                 static_cast<unsigned long long>(stats_.dead_lettered.load()), lag.c_str(),
                 pacer_.row_limit(), state.c_str());
  }
  last_status_ = now;
  last_status_records_ = in;
}

std::string PipelineRunner::join_summary() const {
  if (!stages_ || stages_->join() == nullptr) return "";
  return std::to_string(stats_.join_waiting.load()) + " left records waiting for a join (" +
         std::to_string(stats_.join_waited.load()) + " waited in all), " +
         std::to_string(stats_.join_expired.load()) + " expired unmatched, ";
}

void PipelineRunner::write_metrics(int64_t lag) {
  MetricsSnapshot m;
  m.pipeline_id = pipeline_.pipeline_id;
  m.records_in = stats_.records_in.load();
  m.bytes_in = stats_.bytes_in.load();
  m.rows_written = stats_.rows_written.load();
  m.dead_lettered = stats_.dead_lettered.load();
  m.filtered = stats_.filtered.load();
  m.duplicates = stats_.duplicates.load();
  m.batches = stats_.batches.load();
  m.insert_retries = health_.retries.load();
  m.commits_failed = stats_.commits_failed.load();
  m.join = stages_ && stages_->join() != nullptr;
  m.join_waiting = stats_.join_waiting.load();
  m.join_waited = stats_.join_waited.load();
  m.join_expired = stats_.join_expired.load();
  m.join_right_keys = stats_.join_right_keys.load();
  m.lag = lag;
  m.paused = consumer_ && consumer_->paused();
  m.pause_reason = pause_reason_;
  m.retrying = health_.retrying.load();
  if (m.retrying) m.last_error = health_.last_error();
  if (Status s = write_metrics_file(options_.metrics_file, render_prometheus(m)); !s.ok())
    std::fprintf(stderr, "sluice: %s\n", s.error().message().c_str());
}

}  // namespace sluice::pipeline
