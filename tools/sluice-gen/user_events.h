#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "workload.h"

namespace sluice::gen {

// W2, dedup: ~200 B events {event_id, user_id, name, email, created_at}. About 10% of the events
// (decided per index, so the exact number is counted and printed) repeat an earlier event
// byte for byte — same event_id and payload — picked from the previous kRepeatWindow events,
// i.e. within the workload's 1 h dedup window (created_at advances 1 ms per original event).
// Summary: duplicates, distinct_event_ids, distinct_user_ids, sum_created_s (all rows) and
// sum_created_s_distinct (after dedup), as whole seconds like toUnixTimestamp(DateTime).
class W2Dedup final : public Workload {
 public:
  static constexpr uint64_t kRepeatWindow = 100'000;
  static constexpr uint64_t kUsers = 100'000;
  explicit W2Dedup(uint64_t seed);
  std::string_view name() const override { return "w2"; }
  void append_event(uint64_t index, bool tally, std::string& out) override;
  void append_summary_fields(std::string& out) const override;
  // The index of the original event that event `index` repeats (itself if it is an original).
  uint64_t original_of(uint64_t index) const;

 private:
  uint64_t seed_;
  uint64_t valid_ = 0;
  uint64_t duplicates_ = 0;
  uint64_t distinct_users_ = 0;
  int64_t sum_created_s_ = 0;
  int64_t sum_created_s_distinct_ = 0;
  std::vector<bool> seen_users_;
};

// W4, filter + stateless: W2's fields (no repeats: event_id is unique) plus status, amount
// (2 decimals), user_agent and url. Summary: rows_after_filter for `amount > 10 and
// status == 'paid'`, sum_amount_cents (all) and sum_amount_cents_filtered, paid.
class W4Filter final : public Workload {
 public:
  explicit W4Filter(uint64_t seed);
  std::string_view name() const override { return "w4"; }
  void append_event(uint64_t index, bool tally, std::string& out) override;
  void append_summary_fields(std::string& out) const override;

 private:
  uint64_t seed_;
  uint64_t valid_ = 0;
  uint64_t paid_ = 0;
  uint64_t filtered_ = 0;
  int64_t sum_cents_ = 0;
  int64_t sum_cents_filtered_ = 0;
  int64_t sum_created_s_ = 0;
};

// W3, join, right side: users {user_id, email, country, created_at}; user i has the same
// user_id as W3 orders reference. Summary: distinct_user_ids.
class W3Users final : public Workload {
 public:
  explicit W3Users(uint64_t seed);
  std::string_view name() const override { return "w3-users"; }
  void append_event(uint64_t index, bool tally, std::string& out) override;
  void append_summary_fields(std::string& out) const override;

 private:
  uint64_t seed_;
  uint64_t valid_ = 0;
};

// W3, join, left side: orders {order_id, user_id, amount, created_at}. user_id is one of
// `users` + 5% user indexes, so about 1 in 21 orders has no user (left join finds nothing);
// the exact count is printed. Summary: orders_with_user, sum_amount_cents,
// sum_amount_cents_with_user, distinct_user_ids (referenced), users.
class W3Orders final : public Workload {
 public:
  W3Orders(uint64_t seed, uint64_t users);
  std::string_view name() const override { return "w3-orders"; }
  void append_event(uint64_t index, bool tally, std::string& out) override;
  void append_summary_fields(std::string& out) const override;

 private:
  uint64_t seed_;
  uint64_t users_;
  uint64_t valid_ = 0;
  uint64_t with_user_ = 0;
  uint64_t distinct_users_ = 0;
  int64_t sum_cents_ = 0;
  int64_t sum_cents_with_user_ = 0;
  std::vector<bool> seen_users_;
};

}  // namespace sluice::gen
