// JoinBuffers' state store side: the segments it writes at checkpoints and reads at restore.
#include <algorithm>
#include <cstring>
#include <set>

#include "base/bytes.h"
#include "state/packed_value.h"
#include "transforms/join_buffers.h"
#include "transforms/join_state_entries.h"

namespace sluice::transforms {
namespace {

using join_entries::done_key;
using join_entries::key_number;
using join_entries::kLeftDonePrefix;
using join_entries::kLeftEntryPrefix;
using join_entries::kLeftSegmentPrefix;
using join_entries::kRightKeyPrefix;
using join_entries::kRightSegmentPrefix;
using join_entries::numbered_key;

}  // namespace

bool JoinBuffers::leave_left_segment(uint64_t segment) {
  auto it = left_live_.find(segment);
  if (--it->second.live == 0) {
    left_segments_gone_.push_back(segment);
    left_done_.erase(segment);
    left_live_.erase(it);
    return false;
  }
  if (it->second.mostly_stale()) rewrite_lefts_ = true;
  return true;
}

void JoinBuffers::rewrite_stale_left_segments() {
  // As rewrite_stale_segments() for rights: the lefts still waiting in mostly stale segments join
  // the next segment, so those segments (and their done lists) go. A restore orders lefts by
  // their numbers, so a moved one keeps its place.
  rewrite_lefts_ = false;
  for (size_t i = 0; i < waiting_.size(); ++i) {
    Slot& slot = waiting_[i];
    if (slot.done || slot.segment == 0) continue;
    auto it = left_live_.find(slot.segment);
    if (it == left_live_.end() || !it->second.mostly_stale()) continue;
    leave_left_segment(slot.segment);  // its segment goes once all its lefts are moved
    slot.segment = 0;
    left_put_.push_back(first_pos_ + i);
  }
}

void JoinBuffers::leave_segment(RightRecord& right) {
  if (right.segment == 0) return;
  auto it = segment_live_.find(right.segment);
  if (it != segment_live_.end()) {
    if (--it->second.live == 0) {
      segments_gone_.push_back(it->first);
      segment_live_.erase(it);
    } else if (it->second.mostly_stale()) {
      rewrite_rights_ = true;
    }
  }
  right.segment = 0;
}

void JoinBuffers::rewrite_stale_segments() {
  // Segments where most copies are no longer the latest (records set again or expired since):
  // their live records join the next segment, so those segments go, and the stored copies stay
  // fewer than about twice the live records (with hot keys set every batch and cold ones kept,
  // a segment per checkpoint would otherwise be kept by its cold keys alone).
  rewrite_rights_ = false;
  for (uint32_t record = 0; record < rights_.size(); ++record) {
    RightRecord& right = rights_[record];
    if (!right.live || right.dirty || right.segment == 0) continue;
    auto it = segment_live_.find(right.segment);
    if (it == segment_live_.end() || !it->second.mostly_stale()) continue;
    right.dirty = true;
    right_dirty_.push_back(record);
  }
}

void JoinBuffers::checkpoint(state::Checkpoint& checkpoint) {
  for (std::string& key : right_gone_) checkpoint.erase(std::string(kRightKeyPrefix) + key);
  right_gone_.clear();
  if (rewrite_rights_) rewrite_stale_segments();
  // The records set since the last checkpoint, as one segment: (key, seen_ms, cells) each. One
  // entry instead of one per key: RocksDB's cost is mostly per entry (memtable inserts, the
  // flush's sort), and a batch can set hundreds of thousands of keys.
  size_t bytes = 0;
  for (uint32_t record : right_dirty_) {
    const RightRecord& right = rights_[record];
    if (right.live) bytes += 16 + right.key.size() + right.cells.size();
  }
  if (bytes > 0) {
    const uint64_t segment = next_segment_++;
    std::string value;
    value.reserve(bytes);
    uint32_t count = 0;
    for (uint32_t record : right_dirty_) {
      RightRecord& right = rights_[record];
      if (!right.live) continue;
      leave_segment(right);  // its previous copy, if stored
      right.segment = segment;
      ++count;
      put_bytes(value, right.key);
      put_raw(value, right.seen_ms);
      put_bytes(value, right.cells.view());
    }
    segment_live_[segment] = SegmentCount{count, count};
    checkpoint.put(numbered_key(kRightSegmentPrefix, segment), state::pack_value(std::move(value)));
  }
  for (uint32_t record : right_dirty_) rights_[record].dirty = false;
  right_dirty_.clear();
  for (uint64_t segment : segments_gone_)
    checkpoint.erase(numbered_key(kRightSegmentPrefix, segment));
  segments_gone_.clear();
  checkpoint_lefts(checkpoint);
}

void JoinBuffers::checkpoint_lefts(state::Checkpoint& checkpoint) {
  for (uint64_t entry : left_erased_) checkpoint.erase(numbered_key(kLeftEntryPrefix, entry));
  left_erased_.clear();
  if (rewrite_lefts_) rewrite_stale_left_segments();
  // The lefts that started waiting since the last checkpoint, as one segment: (entry number, its
  // bytes) each. Sized up front, as the rights' segment: W3's segments are megabytes, and one
  // grown by doubling copied them and touched each larger buffer anew.
  // The slot at `pos` if its left still waits (not done, nor done and gone already), or null.
  auto still_waiting = [&](uint64_t pos) -> Slot* {
    if (pos < first_pos_) return nullptr;
    Slot& slot = waiting_[pos - first_pos_];
    return slot.done ? nullptr : &slot;
  };
  size_t bytes = 0;
  for (uint64_t pos : left_put_) {
    if (const Slot* slot = still_waiting(pos))
      bytes += sizeof(uint64_t) + sizeof(uint32_t) + slot->left.entry().size();  // as put below
  }
  std::string value;
  value.reserve(bytes);
  uint64_t segment = 0;
  uint32_t count = 0;
  for (uint64_t pos : left_put_) {
    Slot* found = still_waiting(pos);
    if (found == nullptr) continue;
    Slot& slot = *found;
    if (segment == 0) segment = next_segment_++;
    slot.segment = segment;
    ++count;
    put_raw(value, slot.entry);
    put_bytes(value, slot.left.entry());
  }
  left_put_.clear();
  if (count > 0) {
    left_live_[segment] = SegmentCount{count, count};
    checkpoint.put(numbered_key(kLeftSegmentPrefix, segment), state::pack_value(std::move(value)));
  }
  // Lefts done in segments that keep others waiting: listed, so a restore skips them.
  for (const auto& [done_segment, entries] : left_done_) {
    std::string list;
    list.reserve(entries.size() * sizeof(uint64_t));
    for (uint64_t entry : entries) put_raw(list, entry);
    const uint64_t seq = next_done_++;
    checkpoint.put(done_key(done_segment, seq), std::move(list));
    left_done_keys_[done_segment].push_back(seq);
  }
  left_done_.clear();
  for (uint64_t gone : left_segments_gone_) {
    checkpoint.erase(numbered_key(kLeftSegmentPrefix, gone));
    auto it = left_done_keys_.find(gone);
    if (it == left_done_keys_.end()) continue;
    for (uint64_t seq : it->second) checkpoint.erase(done_key(gone, seq));
    left_done_keys_.erase(it);
  }
  left_segments_gone_.clear();
}

bool JoinBuffers::restore_segment(uint64_t segment, std::string_view stored, int64_t now_ms) {
  next_segment_ = std::max(next_segment_, segment + 1);
  std::string scratch;
  std::string_view value;
  if (!state::unpack_value(stored, scratch, value)) return false;
  ByteReader in(value);
  std::string_view key, cells;
  uint32_t copies = 0;
  while (!in.rest().empty()) {
    int64_t seen_ms = 0;
    if (!in.get_bytes(key) || !in.get(seen_ms) || !in.get_bytes(cells)) return false;
    ++copies;
    // Segments scan in the order they were written: a record replaces the older ones of its key.
    if (expired(seen_ms, right_window_ms_, now_ms)) continue;
    RightRecord& right = rights_[put_latest(key, cells, seen_ms)];
    leave_segment(right);
    right.segment = segment;
    ++segment_live_[segment].live;
  }
  auto it = segment_live_.find(segment);
  if (it == segment_live_.end()) {
    segments_gone_.push_back(segment);
  } else {
    it->second.total = copies;
    if (it->second.mostly_stale()) rewrite_rights_ = true;
  }
  return true;
}

bool JoinBuffers::restore_lefts(const state::StateStore& store, int64_t now_ms) {
  bool corrupt = false;
  // The done lists first: segment -> its entries that are done.
  std::map<uint64_t, std::set<uint64_t>> done;
  Status scanned = store.scan(kLeftDonePrefix, [&](std::string_view key, std::string_view value) {
    uint64_t segment = 0, seq = 0;
    if (!join_entries::parse_done_key(key, segment, seq) || value.size() % sizeof(uint64_t) != 0) {
      corrupt = true;
      return;
    }
    next_done_ = std::max(next_done_, seq + 1);
    left_done_keys_[segment].push_back(seq);
    ByteReader in(value);
    for (uint64_t entry = 0; in.get(entry);) done[segment].insert(entry);
  });
  // The waiting lefts of both layouts, added in the order of their numbers (arrival order) once
  // all are read: a left moved out of a mostly stale segment sits in a later one.
  struct Restored {
    uint64_t entry;
    uint64_t segment;  // 0: an entry of one left (before segments), moved by the next checkpoint
    WaitingLeft left;
  };
  std::vector<Restored> restored;
  if (scanned.ok())
    scanned = store.scan(kLeftEntryPrefix, [&](std::string_view key, std::string_view value) {
      uint64_t entry = 0;
      WaitingLeft left;
      if (!key_number(key, kLeftEntryPrefix, entry) || !left.parse(value)) {
        corrupt = true;
        return;
      }
      next_entry_ = std::max(next_entry_, entry + 1);
      left_erased_.push_back(entry);
      if (expired(left.seen_ms(), left_window_ms_, now_ms)) return;
      restored.push_back(Restored{entry, 0, std::move(left)});
    });
  std::string scratch;
  if (scanned.ok())
    scanned = store.scan(kLeftSegmentPrefix, [&](std::string_view key, std::string_view stored) {
      uint64_t segment = 0;
      std::string_view value;
      if (!key_number(key, kLeftSegmentPrefix, segment) ||
          !state::unpack_value(stored, scratch, value)) {
        corrupt = true;
        return;
      }
      next_segment_ = std::max(next_segment_, segment + 1);
      const std::set<uint64_t>& done_here = done[segment];
      ByteReader in(value);
      uint32_t total = 0;
      while (!in.rest().empty()) {
        ++total;
        uint64_t entry = 0;
        std::string_view bytes;
        WaitingLeft left;
        if (!in.get(entry) || !in.get_bytes(bytes) || !left.parse(bytes)) {
          corrupt = true;
          return;
        }
        next_entry_ = std::max(next_entry_, entry + 1);
        if (done_here.count(entry) != 0) continue;
        if (expired(left.seen_ms(), left_window_ms_, now_ms)) {
          left_done_[segment].push_back(entry);  // listed by the next checkpoint
          continue;
        }
        restored.push_back(Restored{entry, segment, std::move(left)});
        ++left_live_[segment].live;
      }
      auto it = left_live_.find(segment);
      if (it == left_live_.end()) {
        left_done_.erase(segment);
        left_segments_gone_.push_back(segment);
      } else {
        it->second.total = total;
        if (it->second.mostly_stale()) rewrite_lefts_ = true;
      }
    });
  std::sort(restored.begin(), restored.end(),
            [](const Restored& a, const Restored& b) { return a.entry < b.entry; });
  for (Restored& r : restored) {
    const KeyFingerprint key = fingerprint_of(r.left.key());
    add_waiting(std::move(r.left), key, r.entry, r.segment);
    if (r.segment == 0) left_put_.push_back(first_pos_ + waiting_.size() - 1);
  }
  // Done lists of a segment that is gone (not written by Sluice, but harmless): erased.
  for (const auto& [segment, seqs] : left_done_keys_)
    if (left_live_.count(segment) == 0 &&
        std::find(left_segments_gone_.begin(), left_segments_gone_.end(), segment) ==
            left_segments_gone_.end())
      left_segments_gone_.push_back(segment);
  return scanned.ok() && !corrupt;
}

Status JoinBuffers::restore(const state::StateStore& store, int64_t now_ms) {
  bool corrupt = false;
  SLUICE_RETURN_IF_ERROR(
      store.scan(kRightKeyPrefix, [&](std::string_view entry, std::string_view value) {
        const std::string_view key = entry.substr(kRightKeyPrefix.size());
        ByteReader in(value);
        int64_t seen_ms = 0;
        if (!in.get(seen_ms)) {
          corrupt = true;
          return;
        }
        right_gone_.emplace_back(key);  // moved into a segment by the next checkpoint
        if (expired(seen_ms, right_window_ms_, now_ms)) return;
        const uint32_t record = put_latest(key, in.rest(), seen_ms);
        rights_[record].dirty = true;
        right_dirty_.push_back(record);
      }));
  SLUICE_RETURN_IF_ERROR(
      store.scan(kRightSegmentPrefix, [&](std::string_view entry, std::string_view value) {
        uint64_t segment = 0;
        if (!key_number(entry, kRightSegmentPrefix, segment) ||
            !restore_segment(segment, value, now_ms))
          corrupt = true;
      }));
  // Rights expire in the order they were seen.
  std::sort(right_order_.begin(), right_order_.end(),
            [](const auto& a, const auto& b) { return a.second < b.second; });
  if (!restore_lefts(store, now_ms)) corrupt = true;
  if (corrupt)
    return Error(ErrorCode::Io,
                 "state store " + store.directory() + ": a join entry (j/...) is corrupt");
  return Status::success();
}

}  // namespace sluice::transforms
