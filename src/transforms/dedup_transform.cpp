#include "transforms/dedup_transform.h"

#include <charconv>
#include <cstdio>
#include <cstring>

#include "expr/value_format.h"
#include "transforms/cell_values.h"

namespace sluice::transforms {

bool dedup_key_text(const Column& column, const Cell& cell, std::string& out) {
  out.clear();
  char buf[32];
  switch (cell.kind) {
    case ValueKind::Missing:
    case ValueKind::Null:
      return false;
    case ValueKind::String:
      out.assign(cell.text());
      return true;
    case ValueKind::Int:
      out.assign(buf, std::to_chars(buf, buf + sizeof buf, cell.i).ptr);
      return true;
    case ValueKind::UInt:
      out.assign(buf, std::to_chars(buf, buf + sizeof buf, cell.u).ptr);
      return true;
    case ValueKind::Float:
      out = expr::format_float(cell.f);
      return true;
    case ValueKind::Bool:
      out = cell.b ? "true" : "false";
      return true;
    default:
      out = expr::display_string(value_of_cell(column, cell));
      return true;
  }
}

bool key_text(const Column& column, const Cell& cell, std::string& scratch, std::string_view& out) {
  if (cell.kind == ValueKind::String) {
    out = cell.text();  // the common case, without a copy
    return true;
  }
  if (!dedup_key_text(column, cell, scratch)) return false;
  out = scratch;
  return true;
}

bool key_fingerprint(const Column& column, const Cell& cell, std::string& scratch,
                     KeyFingerprint& out) {
  std::string_view text;
  if (!key_text(column, cell, scratch, text)) return false;
  out = fingerprint_of(text);
  return true;
}

DedupTransform::DedupTransform(std::string state_prefix, std::chrono::milliseconds window)
    : prefix_(std::move(state_prefix)), window_ms_(window.count()) {}

void DedupTransform::apply(Batch& batch, size_t key_column, int64_t now_ms,
                           std::vector<uint8_t>& keep) {
  const Column& column = batch.columns[key_column];
  const size_t rows = batch.rows();
  if (pending_.empty()) pending_since_ms_ = now_ms;
  const int64_t expires = now_ms + window_ms_;
  // First the fingerprints of the rows still kept, then the lookups in row order: each
  // lookup touches a random slot of a table far bigger than the caches, so the slot of a row a
  // few places ahead is prefetched while this one is looked up.
  keys_.clear();
  for (size_t row = 0; row < rows; ++row) {
    if (!keep[row]) continue;
    const Cell& cell = column.cells[row];
    KeyFingerprint key;
    if (key_fingerprint(column, cell, key_text_, key)) {
      keys_.push_back({row, key});
    } else {
      keep[row] = 0;
      batch.rejected.push_back(batch.make_rejected(
          row, RejectReason::DedupKeyMissing,
          std::string("dedup key is ") + (cell.kind == ValueKind::Null ? "null" : "missing")));
    }
  }
  constexpr size_t kAhead = 8;
  for (size_t i = 0; i < keys_.size(); ++i) {
    if (i + kAhead < keys_.size()) index_.prefetch(keys_[i + kAhead].key);
    const RowKey& k = keys_[i];
    if (index_.insert_if_new(k.key, now_ms, expires)) {
      pending_.push_back(k.key);
    } else {
      keep[k.row] = 0;
      ++duplicates_;
    }
  }
}

std::string DedupTransform::entry_key(uint64_t seq) const {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(seq));
  return prefix_ + hex;
}

void DedupTransform::checkpoint(state::Checkpoint& checkpoint, int64_t now_ms) {
  while (!entries_.empty() && entries_.front().seen_ms + window_ms_ <= now_ms) {
    expired_.push_back(entries_.front().seq);
    entries_.pop_front();
  }
  for (uint64_t seq : expired_) checkpoint.erase(entry_key(seq));
  expired_.clear();
  if (pending_.empty()) return;
  std::string value(8 + pending_.size() * 16, '\0');
  std::memcpy(value.data(), &pending_since_ms_, 8);
  std::memcpy(value.data() + 8, pending_.data(), pending_.size() * 16);
  static_assert(sizeof(KeyFingerprint) == 16);
  const uint64_t seq = next_seq_++;
  checkpoint.put(entry_key(seq), std::move(value));
  entries_.push_back({seq, pending_since_ms_});
  pending_.clear();
}

Status DedupTransform::restore(const state::StateStore& store, int64_t now_ms) {
  bool corrupt = false;
  Status s = store.scan(prefix_, [&](std::string_view key, std::string_view value) {
    uint64_t seq = 0;
    std::string_view hex = key.substr(prefix_.size());
    if (hex.size() != 16 ||
        std::from_chars(hex.data(), hex.data() + hex.size(), seq, 16).ec != std::errc() ||
        value.size() < 8 || (value.size() - 8) % 16 != 0) {
      corrupt = true;
      return;
    }
    next_seq_ = std::max(next_seq_, seq + 1);
    int64_t seen_ms = 0;
    std::memcpy(&seen_ms, value.data(), 8);
    if (seen_ms + window_ms_ <= now_ms) {
      expired_.push_back(seq);
      return;
    }
    entries_.push_back({seq, seen_ms});
    const size_t n = (value.size() - 8) / 16;
    for (size_t i = 0; i < n; ++i) {
      KeyFingerprint fp;
      std::memcpy(&fp, value.data() + 8 + i * 16, 16);
      index_.insert_or_extend(fp, seen_ms + window_ms_, now_ms);
    }
    restored_keys_ += n;
  });
  if (!s.ok()) return s;
  if (corrupt)
    return Error(ErrorCode::Io, "state store " + store.directory() + ": a dedup entry under " +
                                    prefix_ + " is corrupt");
  return Status::success();
}

}  // namespace sluice::transforms
