#include "kafka/kafka_consumer.h"

#include <algorithm>
#include <cstdio>

namespace sluice::kafka {

namespace {

std::vector<TopicPartition> to_vector(const rd_kafka_topic_partition_list_t* list) {
  std::vector<TopicPartition> out;
  for (int i = 0; list && i < list->cnt; ++i)
    out.push_back({list->elems[i].topic, Partition{list->elems[i].partition}});
  return out;
}

rd_kafka_topic_partition_list_t* to_list(const std::set<std::pair<std::string, int32_t>>& set) {
  rd_kafka_topic_partition_list_t* list =
      rd_kafka_topic_partition_list_new(static_cast<int>(set.size()));
  for (const auto& [topic, partition] : set)
    rd_kafka_topic_partition_list_add(list, topic.c_str(), partition);
  return list;
}

Error kafka_error(rd_kafka_resp_err_t err, const std::string& what) {
  return Error(ErrorCode::Kafka, what + ": " + rd_kafka_err2str(err), true, static_cast<int>(err));
}

}  // namespace

Result<std::unique_ptr<KafkaConsumer>> KafkaConsumer::create(const Properties& properties,
                                                             const std::vector<std::string>& topics,
                                                             RebalanceListener* listener,
                                                             const std::string& read_first) {
  std::unique_ptr<KafkaConsumer> consumer(new KafkaConsumer());
  consumer->listener_ = listener;
  consumer->read_first_ = read_first;
  char errstr[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  Properties all = properties;
  if (!read_first.empty()) all.emplace_back("enable.partition.eof", "true");
  for (const auto& [name, value] : all) {
    if (rd_kafka_conf_set(conf, name.c_str(), value.c_str(), errstr, sizeof errstr) !=
        RD_KAFKA_CONF_OK) {
      rd_kafka_conf_destroy(conf);
      return Error(ErrorCode::InvalidArgument,
                   "Kafka property \"" + name + "\": " + std::string(errstr));
    }
  }
  rd_kafka_conf_set_opaque(conf, consumer.get());
  rd_kafka_conf_set_rebalance_cb(conf, &KafkaConsumer::rebalance_cb);
  rd_kafka_conf_set_error_cb(conf, &KafkaConsumer::error_cb);
  consumer->rk_ = rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, sizeof errstr);
  if (consumer->rk_ == nullptr) {
    rd_kafka_conf_destroy(conf);  // not owned by a handle that failed to be created
    return Error(ErrorCode::Kafka, "cannot create the Kafka consumer: " + std::string(errstr));
  }
  rd_kafka_poll_set_consumer(consumer->rk_);
  consumer->queue_ = rd_kafka_queue_get_consumer(consumer->rk_);

  rd_kafka_topic_partition_list_t* subscription =
      rd_kafka_topic_partition_list_new(static_cast<int>(topics.size()));
  for (const auto& t : topics)
    rd_kafka_topic_partition_list_add(subscription, t.c_str(), RD_KAFKA_PARTITION_UA);
  rd_kafka_resp_err_t err = rd_kafka_subscribe(consumer->rk_, subscription);
  rd_kafka_topic_partition_list_destroy(subscription);
  if (err) return kafka_error(err, "cannot subscribe");
  return consumer;
}

KafkaConsumer::~KafkaConsumer() {
  close();
}

void KafkaConsumer::close() {
  if (closed_ || rk_ == nullptr) return;
  closed_ = true;
  rd_kafka_consumer_close(rk_);  // serves the final revoke through rebalance_cb
  if (queue_) rd_kafka_queue_destroy(queue_);
  queue_ = nullptr;
  rd_kafka_destroy(rk_);
  rk_ = nullptr;
}

Status KafkaConsumer::poll(std::chrono::milliseconds timeout, size_t max,
                           std::vector<KafkaMessage>& out) {
  if (received_.size() < max) received_.resize(max);
  rd_kafka_message_t** raw = received_.data();
  ssize_t n = rd_kafka_consume_batch_queue(queue_, static_cast<int>(timeout.count()), raw, max);
  if (n < 0) return kafka_error(rd_kafka_last_error(), "poll failed");
  for (ssize_t i = 0; i < n; ++i) {
    rd_kafka_message_t* m = raw[i];
    if (m->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
      if (gate_.reading() && of_read_first(m)) gate_.on_message(m->partition, m->offset);
      out.emplace_back(m);
      continue;
    }
    if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
      if (gate_.reading() && of_read_first(m)) gate_.on_end(m->partition);
      rd_kafka_message_destroy(m);
      continue;
    }
    rd_kafka_resp_err_t err = m->err;
    std::string text = rd_kafka_message_errstr(m);
    rd_kafka_message_destroy(m);
    char fatal[512];
    if (rd_kafka_fatal_error(rk_, fatal, sizeof fatal))
      return Error(ErrorCode::Kafka, "fatal Kafka error: " + std::string(fatal));
    if (err == RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC || err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART)
      return Error(ErrorCode::Kafka, "topic does not exist: " + text +
                                         " (create it, or check the topic name in the pipeline)");
    std::fprintf(stderr, "sluice: kafka: %s (retrying)\n", text.c_str());
  }
  if (!held_.empty() && !gate_.reading()) release_held();
  return Status::success();
}

bool KafkaConsumer::of_read_first(const rd_kafka_message_t* m) const {
  return m->rkt != nullptr && read_first_ == rd_kafka_topic_name(m->rkt);
}

void KafkaConsumer::hold_until_read(rd_kafka_t* rk,
                                    const rd_kafka_topic_partition_list_t* partitions) {
  if (read_first_.empty()) return;
  std::set<std::pair<std::string, int32_t>> others;
  for (int i = 0; i < partitions->cnt; ++i) {
    const auto& tp = partitions->elems[i];
    if (read_first_ != tp.topic) {
      others.emplace(tp.topic, tp.partition);
      continue;
    }
    int64_t low = 0, high = -1;
    if (rd_kafka_query_watermark_offsets(rk, tp.topic, tp.partition, &low, &high, 10000))
      high = -1;  // unknown: the reported end of the partition tells
    if (high < 0 || high > low) gate_.expect(tp.partition, high);
  }
  if (!gate_.reading() || others.empty()) return;
  rd_kafka_topic_partition_list_t* list = to_list(others);
  if (rd_kafka_resp_err_t err = rd_kafka_pause_partitions(rk, list); err) {
    std::fprintf(stderr, "sluice: kafka: cannot hold the other topics back while reading %s: %s\n",
                 read_first_.c_str(), rd_kafka_err2str(err));
  } else {
    held_.insert(others.begin(), others.end());
    std::fprintf(stderr,
                 "sluice: kafka: reading %s up to its end before the other topics (%zu "
                 "partitions held)\n",
                 read_first_.c_str(), held_.size());
  }
  rd_kafka_topic_partition_list_destroy(list);
}

void KafkaConsumer::forget_revoked(const rd_kafka_topic_partition_list_t* partitions) {
  for (int i = 0; partitions && i < partitions->cnt; ++i) {
    const auto& tp = partitions->elems[i];
    if (read_first_ == tp.topic) gate_.forget(tp.partition);
    held_.erase({tp.topic, tp.partition});
  }
}

void KafkaConsumer::release_held() {
  std::fprintf(stderr, "sluice: kafka: %s read up to its end; consuming the other topics\n",
               read_first_.c_str());
  rd_kafka_topic_partition_list_t* list = to_list(held_);
  held_.clear();
  // Paused for back-pressure: resume() resumes them with the rest.
  if (!paused_) {
    if (rd_kafka_resp_err_t err = rd_kafka_resume_partitions(rk_, list); err)
      std::fprintf(stderr, "sluice: kafka: cannot resume: %s\n", rd_kafka_err2str(err));
  }
  rd_kafka_topic_partition_list_destroy(list);
}

Status KafkaConsumer::commit(const std::vector<OffsetToCommit>& offsets) {
  if (offsets.empty()) return Status::success();
  rd_kafka_topic_partition_list_t* list =
      rd_kafka_topic_partition_list_new(static_cast<int>(offsets.size()));
  for (const auto& o : offsets) {
    rd_kafka_topic_partition_list_add(list, o.topic.c_str(), o.partition.value)->offset =
        o.next.value;
  }
  rd_kafka_resp_err_t err = rd_kafka_commit(rk_, list, 0);
  rd_kafka_topic_partition_list_destroy(list);
  if (err) return kafka_error(err, "offset commit failed");
  return Status::success();
}

ConsumerLag KafkaConsumer::lag() {
  ConsumerLag lag;
  rd_kafka_topic_partition_list_t* assigned = nullptr;
  if (rd_kafka_assignment(rk_, &assigned) || assigned == nullptr) return lag;
  lag.partitions = assigned->cnt;
  lag.known = assigned->cnt > 0;
  if (rd_kafka_position(rk_, assigned) == RD_KAFKA_RESP_ERR_NO_ERROR) {
    for (int i = 0; i < assigned->cnt; ++i) {
      const auto& tp = assigned->elems[i];
      int64_t low = 0, high = 0;
      if (rd_kafka_get_watermark_offsets(rk_, tp.topic, tp.partition, &low, &high) || high < 0) {
        lag.known = false;
        continue;
      }
      int64_t position = tp.offset >= 0 ? tp.offset : low;
      if (high > position) lag.messages += high - position;
    }
  }
  rd_kafka_topic_partition_list_destroy(assigned);
  return lag;
}

Status KafkaConsumer::pause() {
  paused_ = true;
  rd_kafka_topic_partition_list_t* assigned = nullptr;
  if (rd_kafka_resp_err_t err = rd_kafka_assignment(rk_, &assigned); err)
    return kafka_error(err, "cannot read the assignment");
  rd_kafka_resp_err_t err = rd_kafka_pause_partitions(rk_, assigned);
  rd_kafka_topic_partition_list_destroy(assigned);
  if (err) return kafka_error(err, "cannot pause consumption");
  return Status::success();
}

Status KafkaConsumer::resume(const std::vector<OffsetToCommit>& next) {
  paused_ = false;
  rd_kafka_topic_partition_list_t* all = nullptr;
  if (rd_kafka_resp_err_t err = rd_kafka_assignment(rk_, &all); err)
    return kafka_error(err, "cannot read the assignment");
  rd_kafka_topic_partition_list_t* assigned =
      rd_kafka_topic_partition_list_new(all ? all->cnt : 0);  // without the held partitions
  for (int i = 0; all && i < all->cnt; ++i) {
    if (!held_.count({all->elems[i].topic, all->elems[i].partition}))
      rd_kafka_topic_partition_list_add(assigned, all->elems[i].topic, all->elems[i].partition);
  }
  if (all) rd_kafka_topic_partition_list_destroy(all);
  rd_kafka_resp_err_t err = rd_kafka_resume_partitions(rk_, assigned);
  if (err) {
    rd_kafka_topic_partition_list_destroy(assigned);
    return kafka_error(err, "cannot resume consumption");
  }
  rd_kafka_topic_partition_list_t* seek =
      rd_kafka_topic_partition_list_new(static_cast<int>(next.size()));
  for (const OffsetToCommit& o : next) {
    if (rd_kafka_topic_partition_list_find(assigned, o.topic.c_str(), o.partition.value))
      rd_kafka_topic_partition_list_add(seek, o.topic.c_str(), o.partition.value)->offset =
          o.next.value;
  }
  rd_kafka_topic_partition_list_destroy(assigned);
  rd_kafka_error_t* error = seek->cnt > 0 ? rd_kafka_seek_partitions(rk_, seek, 10000) : nullptr;
  Status status = Status::success();
  if (error != nullptr) {
    status =
        Error(ErrorCode::Kafka,
              std::string("cannot seek after resuming: ") + rd_kafka_error_string(error), true);
    rd_kafka_error_destroy(error);
  }
  for (int i = 0; status.ok() && i < seek->cnt; ++i) {
    if (seek->elems[i].err)
      status = kafka_error(seek->elems[i].err,
                           "cannot seek partition " + std::to_string(seek->elems[i].partition));
  }
  rd_kafka_topic_partition_list_destroy(seek);
  return status;
}

void KafkaConsumer::apply_checkpoint(rd_kafka_t* rk, rd_kafka_topic_partition_list_t* partitions,
                                     const std::vector<int>& fresh) {
  rd_kafka_topic_partition_list_t* query =
      rd_kafka_topic_partition_list_new(static_cast<int>(fresh.size()));
  std::vector<std::pair<int, int64_t>> targets;  // index into `partitions`, checkpoint offset
  for (int i : fresh) {
    auto found = checkpoint_.find({partitions->elems[i].topic, partitions->elems[i].partition});
    if (found == checkpoint_.end()) continue;
    rd_kafka_topic_partition_list_add(query, partitions->elems[i].topic,
                                      partitions->elems[i].partition);
    targets.emplace_back(i, found->second);
  }
  if (!targets.empty()) {
    rd_kafka_resp_err_t err = rd_kafka_committed(rk, query, 30000);
    if (err) {
      std::fprintf(stderr,
                   "sluice: kafka: cannot read committed offsets (%s); starting at the state "
                   "checkpoint\n",
                   rd_kafka_err2str(err));
    }
    for (size_t k = 0; k < targets.size(); ++k) {
      const int64_t committed = err ? -1 : query->elems[k].offset;
      partitions->elems[targets[k].first].offset = std::max(committed, targets[k].second);
    }
  }
  rd_kafka_topic_partition_list_destroy(query);
}

void KafkaConsumer::apply_start_position(rd_kafka_t* rk,
                                         rd_kafka_topic_partition_list_t* partitions) {
  if (start_.kind == StartPosition::Kind::Committed && checkpoint_.empty()) return;
  std::vector<int> fresh;  // indexes into `partitions`
  for (int i = 0; i < partitions->cnt; ++i) {
    const auto& tp = partitions->elems[i];
    if (started_.emplace(tp.topic, tp.partition).second) fresh.push_back(i);
  }
  if (fresh.empty()) return;
  if (start_.kind == StartPosition::Kind::Committed) {
    apply_checkpoint(rk, partitions, fresh);
    return;
  }
  if (start_.kind == StartPosition::Kind::Beginning) {
    for (int i : fresh) partitions->elems[i].offset = RD_KAFKA_OFFSET_BEGINNING;
    return;
  }
  // offsets_for_times takes the timestamp in `offset` and returns the offset there (-1 when
  // every message is older: start at the end).
  rd_kafka_topic_partition_list_t* query =
      rd_kafka_topic_partition_list_new(static_cast<int>(fresh.size()));
  for (int i : fresh) {
    rd_kafka_topic_partition_list_add(query, partitions->elems[i].topic,
                                      partitions->elems[i].partition)
        ->offset = start_.timestamp_ms;
  }
  rd_kafka_resp_err_t err = rd_kafka_offsets_for_times(rk, query, 30000);
  if (err) {
    std::fprintf(stderr, "sluice: kafka: cannot look up offsets for --from-timestamp: %s\n",
                 rd_kafka_err2str(err));
  }
  for (int k = 0; k < query->cnt; ++k) {
    const auto& found = query->elems[k];
    auto& target = partitions->elems[fresh[k]];
    if (err || found.err) continue;  // keep the committed position
    target.offset = found.offset >= 0 ? found.offset : RD_KAFKA_OFFSET_END;
  }
  rd_kafka_topic_partition_list_destroy(query);
}

void KafkaConsumer::rebalance_cb(rd_kafka_t* rk, rd_kafka_resp_err_t err,
                                 rd_kafka_topic_partition_list_t* partitions, void* opaque) {
  auto* self = static_cast<KafkaConsumer*>(opaque);
  if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
    self->apply_start_position(rk, partitions);
    rd_kafka_assign(rk, partitions);
    // Paused: partitions that arrive now stay paused too, until resume().
    if (self->paused_) rd_kafka_pause_partitions(rk, partitions);
    self->hold_until_read(rk, partitions);
    if (self->listener_) self->listener_->on_partitions_assigned(to_vector(partitions));
  } else {
    if (self->listener_) self->listener_->on_partitions_revoked(to_vector(partitions));
    self->forget_revoked(partitions);
    rd_kafka_assign(rk, nullptr);
  }
}

void KafkaConsumer::error_cb(rd_kafka_t* /*rk*/, int err, const char* reason, void* /*opaque*/) {
  // Broker connection errors are retried by librdkafka; say what happened, once per event.
  if (err == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN || err == RD_KAFKA_RESP_ERR__TRANSPORT ||
      err == RD_KAFKA_RESP_ERR__RESOLVE || err == RD_KAFKA_RESP_ERR__AUTHENTICATION ||
      err == RD_KAFKA_RESP_ERR__SSL) {
    std::fprintf(stderr, "sluice: kafka: %s\n", reason);
  }
}

}  // namespace sluice::kafka
