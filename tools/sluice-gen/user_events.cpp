#include "user_events.h"

#include <array>
#include <string_view>

#include "json_append.h"
#include "rng.h"

namespace sluice::gen {

namespace {

// 2026-02-16T00:00:00Z, the same day as W1.
constexpr int64_t kDayStartMicros = 1'771'200'000'000'000;

// Streams keep the per-index random sequences of different purposes independent.
constexpr uint64_t kStreamEvent = 2;
constexpr uint64_t kStreamRepeat = 3;
constexpr uint64_t kStreamUser = 4;
constexpr uint64_t kStreamOrder = 5;

constexpr std::array<std::string_view, 16> kFirst = {
    "alice", "bob",  "carol",   "dave", "erin",   "frank", "grace",  "heidi",
    "ivan",  "judy", "mallory", "niaj", "olivia", "peggy", "rupert", "sybil"};
constexpr std::array<std::string_view, 12> kLast = {"smith",  "jones",  "garcia", "miller",
                                                    "davis",  "lopez",  "wilson", "moore",
                                                    "taylor", "nguyen", "kumar",  "sato"};
constexpr std::array<std::string_view, 6> kDomains = {"example.com",   "mail.example.org",
                                                      "Example.NET",   "corp.example.io",
                                                      "example.co.uk", "shop.example.de"};
constexpr std::array<std::string_view, 10> kCountries = {"DE", "FR", "US", "GB", "NL",
                                                         "ES", "IT", "PL", "SE", "JP"};
constexpr std::array<std::string_view, 5> kStatuses = {"paid", "pending", "paid", "refunded",
                                                       "failed"};
constexpr std::array<std::string_view, 5> kAgents = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Version/17.2 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0", "curl/8.4.0",
    "okhttp/4.12.0"};
constexpr std::array<std::string_view, 6> kPaths = {"/checkout", "/cart",           "/p/",
                                                    "/search",   "/account/orders", "/p/"};

// A bijection on 62-bit values: ids derived from distinct indexes never collide.
uint64_t scramble62(uint64_t x) {
  constexpr uint64_t kMask = (1ull << 62) - 1;
  x &= kMask;
  x = (x * 0x9E3779B97F4A7C15ull) & kMask;
  x ^= x >> 29;
  x = (x * 0xBF58476D1CE4E5B9ull) & kMask;
  x ^= x >> 32;
  return x;
}

// A v4-shaped UUID that is unique for (key, n).
void append_id(std::string& out, uint64_t key, uint64_t n) {
  uint64_t hi = (mix64(key ^ n) & ~0xF000ull) | 0x4000ull;
  uint64_t lo = scramble62(n ^ key) | (1ull << 63);
  append_uuid(out, hi, lo);
}

void append_created(std::string& out, int64_t micros) {
  out += "\"created_at\":\"";
  append_timestamp(out, micros);
  out += "Z\"";
}

void append_cents(std::string& out, int64_t cents) {
  append_int(out, cents / 100);
  out += '.';
  append_padded(out, static_cast<uint64_t>(cents % 100), 2);
}

uint64_t user_key(uint64_t seed) {
  return mix64(seed ^ 0x05E45);
}

// name/email of user u (W2/W4 and W3 users share the shape).
void append_name_email(std::string& out, uint64_t seed, uint64_t u) {
  Rng rng = Rng::for_event(seed, u, kStreamUser);
  const std::string_view first = kFirst[rng.below(kFirst.size())];
  const std::string_view last = kLast[rng.below(kLast.size())];
  out += "\"name\":\"";
  out += static_cast<char>(first[0] - 'a' + 'A');
  out += first.substr(1);
  out += ' ';
  out += static_cast<char>(last[0] - 'a' + 'A');
  out += last.substr(1);
  out += "\",\"email\":\"";
  out += first;
  out += '.';
  out += last;
  append_int(out, static_cast<int64_t>(u % 1000));
  out += '@';
  out += kDomains[rng.below(kDomains.size())];
  out += '"';
}

void append_user_part(std::string& out, uint64_t seed, uint64_t u) {
  out += "\"user_id\":";
  append_id(out, user_key(seed), u);
  out += ',';
  append_name_email(out, seed, u);
}

void count_user(std::vector<bool>& seen, uint64_t u, uint64_t& distinct) {
  if (u >= seen.size()) seen.resize(u + 1, false);
  if (!seen[u]) {
    seen[u] = true;
    ++distinct;
  }
}

}  // namespace

// ---- W2 ----

W2Dedup::W2Dedup(uint64_t seed) : seed_(seed), seen_users_(kUsers, false) {}

uint64_t W2Dedup::original_of(uint64_t index) const {
  // A repeat points strictly backwards, so the chain ends; each step continues with
  // probability 1/10.
  while (index > 0) {
    Rng rng = Rng::for_event(seed_, index, kStreamRepeat);
    if (rng.below(10) != 0) break;
    const uint64_t span = index < kRepeatWindow ? index : kRepeatWindow;
    index = index - 1 - rng.below(span);
  }
  return index;
}

void W2Dedup::append_event(uint64_t index, bool tally, std::string& out) {
  const uint64_t orig = original_of(index);
  Rng rng = Rng::for_event(seed_, orig, kStreamEvent);
  const uint64_t user = rng.below(kUsers);
  const int64_t created =
      kDayStartMicros + static_cast<int64_t>(orig) * 1000 + static_cast<int64_t>(rng.below(1000));
  out += "{\"event_id\":";
  append_id(out, mix64(seed_ ^ 0xE2), orig);
  out += ',';
  append_user_part(out, seed_, user);
  out += ',';
  append_created(out, created);
  out += '}';
  if (!tally) return;
  ++valid_;
  sum_created_s_ += created / 1'000'000;
  if (orig != index) {
    ++duplicates_;
  } else {
    sum_created_s_distinct_ += created / 1'000'000;
  }
  count_user(seen_users_, user, distinct_users_);
}

void W2Dedup::append_summary_fields(std::string& out) const {
  out += ",\"duplicates\":";
  append_int(out, static_cast<int64_t>(duplicates_));
  out += ",\"distinct_event_ids\":";
  append_int(out, static_cast<int64_t>(valid_ - duplicates_));
  out += ",\"distinct_user_ids\":";
  append_int(out, static_cast<int64_t>(distinct_users_));
  out += ",\"sum_created_s\":";
  append_int(out, sum_created_s_);
  out += ",\"sum_created_s_distinct\":";
  append_int(out, sum_created_s_distinct_);
}

// ---- W4 ----

W4Filter::W4Filter(uint64_t seed) : seed_(seed) {}

void W4Filter::append_event(uint64_t index, bool tally, std::string& out) {
  Rng rng = Rng::for_event(seed_, index, kStreamEvent);
  const uint64_t user = rng.below(W2Dedup::kUsers);
  const int64_t created =
      kDayStartMicros + static_cast<int64_t>(index) * 1000 + static_cast<int64_t>(rng.below(1000));
  const std::string_view status = kStatuses[rng.below(kStatuses.size())];
  // 0.01 .. 500.00; about 2% at or under 10.00.
  const int64_t cents = rng.between(1, 50'000);
  out += "{\"event_id\":";
  append_id(out, mix64(seed_ ^ 0xE4), index);
  out += ',';
  append_user_part(out, seed_, user);
  out += ',';
  append_created(out, created);
  out += ",\"status\":\"";
  out += status;
  out += "\",\"amount\":";
  append_cents(out, cents);
  out += ",\"user_agent\":\"";
  out += kAgents[rng.below(kAgents.size())];
  out += "\",\"url\":\"https://shop.example.com";
  const std::string_view path = kPaths[rng.below(kPaths.size())];
  out += path;
  if (path == "/p/") append_int(out, rng.between(1000, 99999));
  out += "?utm_source=";
  out += kCountries[rng.below(kCountries.size())];
  out += "&ref=";
  append_hex(out, rng.next(), 8);
  out += "\"}";
  if (!tally) return;
  ++valid_;
  sum_cents_ += cents;
  sum_created_s_ += created / 1'000'000;
  if (status == "paid") {
    ++paid_;
    if (cents > 1000) {
      ++filtered_;
      sum_cents_filtered_ += cents;
    }
  }
}

void W4Filter::append_summary_fields(std::string& out) const {
  out += ",\"distinct_event_ids\":";
  append_int(out, static_cast<int64_t>(valid_));
  out += ",\"paid\":";
  append_int(out, static_cast<int64_t>(paid_));
  out += ",\"rows_after_filter\":";
  append_int(out, static_cast<int64_t>(filtered_));
  out += ",\"sum_amount_cents\":";
  append_int(out, sum_cents_);
  out += ",\"sum_amount_cents_filtered\":";
  append_int(out, sum_cents_filtered_);
  out += ",\"sum_created_s\":";
  append_int(out, sum_created_s_);
}

// ---- W3 ----

W3Users::W3Users(uint64_t seed) : seed_(seed) {}

void W3Users::append_event(uint64_t index, bool tally, std::string& out) {
  Rng rng = Rng::for_event(seed_, index, kStreamUser);
  out += '{';
  append_user_part(out, seed_, index);
  out += ",\"country\":\"";
  out += kCountries[rng.below(kCountries.size())];
  out += "\",";
  // Users sign up during the hour before the orders start, in index order.
  append_created(out, kDayStartMicros - 3'600'000'000 + static_cast<int64_t>(index) * 10'000);
  out += '}';
  if (tally) ++valid_;
}

void W3Users::append_summary_fields(std::string& out) const {
  out += ",\"distinct_user_ids\":";
  append_int(out, static_cast<int64_t>(valid_));
}

W3Orders::W3Orders(uint64_t seed, uint64_t users) : seed_(seed), users_(users) {}

void W3Orders::append_event(uint64_t index, bool tally, std::string& out) {
  Rng rng = Rng::for_event(seed_, index, kStreamOrder);
  const uint64_t user = rng.below(users_ + users_ / 20);
  const int64_t cents = rng.between(100, 100'000);
  out += "{\"order_id\":";
  append_id(out, mix64(seed_ ^ 0x0DE5), index);
  out += ",\"user_id\":";
  append_id(out, user_key(seed_), user);
  out += ",\"amount\":";
  append_cents(out, cents);
  out += ',';
  // 2M orders span the 1 h join window (1.8 ms apart).
  append_created(out, kDayStartMicros + static_cast<int64_t>(index) * 1800);
  out += '}';
  if (!tally) return;
  ++valid_;
  sum_cents_ += cents;
  if (user < users_) {
    ++with_user_;
    sum_cents_with_user_ += cents;
  }
  count_user(seen_users_, user, distinct_users_);
}

void W3Orders::append_summary_fields(std::string& out) const {
  out += ",\"users\":";
  append_int(out, static_cast<int64_t>(users_));
  out += ",\"orders_with_user\":";
  append_int(out, static_cast<int64_t>(with_user_));
  out += ",\"distinct_user_ids\":";
  append_int(out, static_cast<int64_t>(distinct_users_));
  out += ",\"sum_amount_cents\":";
  append_int(out, sum_cents_);
  out += ",\"sum_amount_cents_with_user\":";
  append_int(out, sum_cents_with_user_);
}

}  // namespace sluice::gen
