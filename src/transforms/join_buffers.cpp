#include "transforms/join_buffers.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "base/bytes.h"
#include "transforms/dedup_index.h"

namespace sluice::transforms {
namespace {

constexpr std::string_view kRightPrefix = "j/r/";
constexpr std::string_view kLeftPrefix = "j/l/";

std::string left_entry_key(uint64_t entry) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(entry));
  return std::string(kLeftPrefix) + hex;
}

bool expired(int64_t seen_ms, int64_t window_ms, int64_t now_ms) {
  return window_ms > 0 && seen_ms + window_ms <= now_ms;
}

std::string encode_left(const WaitingLeft& left) {
  std::string v;
  v.reserve(48 + left.key.size() + left.payload.size() + left.kafka_key.size() + left.cells.size());
  put_raw(v, left.seen_ms);
  put_raw(v, left.origin.topic);
  put_raw(v, left.origin.partition.value);
  put_raw(v, left.origin.offset.value);
  put_raw(v, left.origin.timestamp_ms);
  put_bytes(v, left.key);
  put_bytes(v, left.payload);
  put_bytes(v, left.kafka_key);
  v.append(left.cells);
  return v;
}

bool decode_left(std::string_view value, WaitingLeft& left) {
  ByteReader in(value);
  std::string_view key, payload, kafka_key;
  if (!in.get(left.seen_ms) || !in.get(left.origin.topic) || !in.get(left.origin.partition.value) ||
      !in.get(left.origin.offset.value) || !in.get(left.origin.timestamp_ms) ||
      !in.get_bytes(key) || !in.get_bytes(payload) || !in.get_bytes(kafka_key))
    return false;
  left.key = key;
  left.payload = payload;
  left.kafka_key = kafka_key;
  left.cells = in.rest();
  return true;
}

}  // namespace

JoinBuffers::JoinBuffers(std::chrono::milliseconds left_window,
                         std::chrono::milliseconds right_window)
    : left_window_ms_(left_window.count()), right_window_ms_(right_window.count()) {}

const std::string* JoinBuffers::latest(const std::string& key, int64_t now_ms) const {
  return latest(fingerprint_of(key), now_ms);
}

const std::string* JoinBuffers::latest(const KeyFingerprint& key, int64_t now_ms) const {
  const JoinRightIndex::Entry* right = index_.find(key);
  if (right == nullptr || expired(right->seen_ms, right_window_ms_, now_ms)) return nullptr;
  return right->cells;
}

LatestRight& JoinBuffers::put_latest(const std::string& key,
                                     std::shared_ptr<const std::string> cells, int64_t seen_ms) {
  LatestRight& right = latest_[key];
  right.seen_ms = seen_ms;
  right.cells = std::move(cells);
  index_.set(fingerprint_of(key), {seen_ms, right.cells.get()});
  if (right_window_ms_ > 0) right_order_.emplace_back(key, seen_ms);
  return right;
}

const LatestRight& JoinBuffers::set_latest(const std::string& key, std::string cells,
                                           int64_t now_ms) {
  right_changed_[key] = true;
  return put_latest(key, std::make_shared<const std::string>(std::move(cells)), now_ms);
}

void JoinBuffers::wait(WaitingLeft left) {
  add_waiting(std::move(left), next_entry_++);
  left_put_.push_back(first_pos_ + waiting_.size() - 1);
}

void JoinBuffers::add_waiting(WaitingLeft left, uint64_t entry) {
  const uint64_t pos = first_pos_ + waiting_.size();
  waiting_by_key_[left.key].push_back(pos);
  waiting_.push_back(Slot{std::move(left), entry, false});
  ++waiting_count_;
}

void JoinBuffers::finish(Slot& slot) {
  slot.done = true;
  slot.left = WaitingLeft();  // frees its bytes now
  left_erased_.push_back(slot.entry);
  --waiting_count_;
}

size_t JoinBuffers::expire(int64_t now_ms) {
  size_t expired_lefts = 0;
  while (!waiting_.empty()) {
    Slot& front = waiting_.front();
    if (!front.done) {
      if (!expired(front.left.seen_ms, left_window_ms_, now_ms)) break;
      // The oldest record of its key: first in the key's list.
      auto it = waiting_by_key_.find(front.left.key);
      if (it != waiting_by_key_.end()) {
        auto& positions = it->second;
        positions.erase(positions.begin());
        if (positions.empty()) waiting_by_key_.erase(it);
      }
      finish(front);
      ++expired_lefts;
    }
    waiting_.pop_front();
    ++first_pos_;
  }
  while (!right_order_.empty() && expired(right_order_.front().second, right_window_ms_, now_ms)) {
    auto& [key, seen_ms] = right_order_.front();
    auto it = latest_.find(key);
    if (it != latest_.end() && it->second.seen_ms == seen_ms) {
      index_.erase(fingerprint_of(key));
      latest_.erase(it);
      right_changed_[key] = false;
    }
    right_order_.pop_front();
  }
  return expired_lefts;
}

void JoinBuffers::checkpoint(state::Checkpoint& checkpoint) {
  for (auto& [key, put] : right_changed_) {
    std::string entry = std::string(kRightPrefix) + key;
    auto it = latest_.find(key);
    if (put && it != latest_.end()) {
      std::string value;
      value.reserve(8 + it->second.cells->size());
      put_raw(value, it->second.seen_ms);
      value.append(*it->second.cells);
      checkpoint.put(std::move(entry), std::move(value));
    } else {
      checkpoint.erase(std::move(entry));
    }
  }
  right_changed_.clear();
  for (uint64_t pos : left_put_) {
    if (pos < first_pos_) continue;  // already gone (then its erase is queued too)
    const Slot& slot = waiting_[pos - first_pos_];
    if (!slot.done) checkpoint.put(left_entry_key(slot.entry), encode_left(slot.left));
  }
  left_put_.clear();
  for (uint64_t entry : left_erased_) checkpoint.erase(left_entry_key(entry));
  left_erased_.clear();
}

Status JoinBuffers::restore(const state::StateStore& store, int64_t now_ms) {
  bool corrupt = false;
  SLUICE_RETURN_IF_ERROR(
      store.scan(kRightPrefix, [&](std::string_view entry, std::string_view value) {
        const std::string key(entry.substr(kRightPrefix.size()));
        ByteReader in(value);
        int64_t seen_ms = 0;
        if (!in.get(seen_ms)) {
          corrupt = true;
          return;
        }
        if (expired(seen_ms, right_window_ms_, now_ms)) {
          right_changed_[key] = false;
          return;
        }
        put_latest(key, std::make_shared<const std::string>(in.rest()), seen_ms);
      }));
  // Rights expire in the order they were seen.
  std::sort(right_order_.begin(), right_order_.end(),
            [](const auto& a, const auto& b) { return a.second < b.second; });
  SLUICE_RETURN_IF_ERROR(
      store.scan(kLeftPrefix, [&](std::string_view entry, std::string_view value) {
        uint64_t seq = 0;
        std::string_view hex = entry.substr(kLeftPrefix.size());
        WaitingLeft left;
        if (hex.size() != 16 ||
            std::from_chars(hex.data(), hex.data() + hex.size(), seq, 16).ec != std::errc() ||
            !decode_left(value, left)) {
          corrupt = true;
          return;
        }
        next_entry_ = std::max(next_entry_, seq + 1);
        if (expired(left.seen_ms, left_window_ms_, now_ms)) {
          left_erased_.push_back(seq);
          return;
        }
        add_waiting(std::move(left), seq);  // entries scan in key order: arrival order
      }));
  if (corrupt)
    return Error(ErrorCode::Io,
                 "state store " + store.directory() + ": a join entry (j/...) is corrupt");
  return Status::success();
}

}  // namespace sluice::transforms
