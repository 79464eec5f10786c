// The temporal join (decisions.md): the latest right record per key, left records emitted as soon
// as their right record is there or waiting up to their window; inner; state restored from the
// store. Batches are decoded from JSON as `sluice run` does, and run through Stages.
#include <gtest/gtest.h>

#include "base/bytes.h"
#include "json/record_decoder.h"
#include "state/packed_value.h"
#include "support/temp_dir.h"
#include "transforms/join_state_entries.h"
#include "transforms/stages.h"

namespace sluice::transforms {
namespace {

using config::FieldType;
using namespace std::chrono_literals;

constexpr int64_t kStart = 1'760'000'000'000;  // epoch ms

config::JoinOutputField out(std::string source, std::string name, std::string output_name = "") {
  return {std::move(source), std::move(name), std::move(output_name)};
}

config::KafkaSource source(std::string id, std::vector<config::SchemaField> fields) {
  config::KafkaSource s;
  s.topic = id + "-topic";
  s.source_id = std::move(id);
  s.schema_fields = std::move(fields);
  return s;
}

config::Pipeline join_pipeline(std::chrono::milliseconds left_window = 1h,
                               std::chrono::milliseconds right_window = 1h) {
  config::Pipeline p;
  p.pipeline_id = "unit-join";
  p.sources = {source("orders", {{"order_id", FieldType::String, "string"},
                                 {"user_id", FieldType::String, "string"},
                                 {"amount", FieldType::Float, "float"}}),
               source("users", {{"user_id", FieldType::String, "string"},
                                {"email", FieldType::String, "string"},
                                {"tags", FieldType::Array, "array"}})};
  p.join.enabled = true;
  p.join.left = {"orders", "user_id", left_window};
  p.join.right = {"users", "user_id", right_window};
  p.join.output_fields = {out("orders", "order_id"), out("orders", "amount"), out("users", "email"),
                          out("users", "tags", "user_tags"), out("orders", "user_id", "uid")};
  return p;
}

class TemporalJoinTest : public ::testing::Test {
 protected:
  void SetUp() override { stages_ = make(); }

  std::unique_ptr<Stages> make() {
    Stages::Options options;
    options.now_ms = [this] { return now_; };
    auto s = Stages::create(pipeline_, options);
    EXPECT_TRUE(s.ok()) << s.error().message();
    return std::move(s).value();
  }

  // A batch as the runner builds it: left messages as rows, right messages in `side`.
  Batch batch(const std::vector<std::string>& lefts, const std::vector<std::string>& rights) {
    Batch b(3);
    b.side = std::make_unique<Batch>(3);
    b.topics = {"orders-topic", "users-topic"};
    for (const std::string& json : lefts) decode(left_decoder_, b, json, 0);
    for (const std::string& json : rights) decode(right_decoder_, *b.side, json, 1);
    return b;
  }
  void decode(json::RecordDecoder& decoder, Batch& into, const std::string& json, uint32_t topic) {
    RecordOrigin origin;
    origin.topic = topic;
    origin.offset = Offset{next_offset_++};
    decoder.decode(into, json, "", origin);
  }

  // An integral JSON number decodes as an Int cell, others as Float.
  static std::string number(const Cell& c) {
    return std::to_string(c.kind == ValueKind::Int ? c.i : static_cast<int64_t>(c.f));
  }
  // The joined rows as "order_id amount email [tags] uid".
  std::vector<std::string> rows(const Batch& b) const {
    const auto& fields = stages_->column_fields();
    auto column = [&](const std::string& name) -> const Column& {
      for (size_t i = 0; i < fields.size(); ++i)
        if (fields[i].name == name) return b.columns[i];
      ADD_FAILURE() << "no column " << name;
      return b.columns[0];
    };
    std::vector<std::string> out;
    for (size_t r = 0; r < b.rows(); ++r) {
      const Column& tags = column("user_tags");
      const Cell& t = tags.cells[r];
      std::string list;
      for (uint32_t i = 0; t.kind == ValueKind::Array && i < t.len; ++i)
        list += (i ? "," : "") + std::string(tags.elements->cells[t.ref + i].text());
      out.push_back(std::string(column("order_id").cells[r].text()) + " " +
                    number(column("amount").cells[r]) + " " +
                    std::string(column("email").cells[r].text()) + " [" + list + "] " +
                    std::string(column("uid").cells[r].text()));
    }
    return out;
  }

  std::vector<std::string> run(const std::vector<std::string>& lefts,
                               const std::vector<std::string>& rights) {
    Batch b = batch(lefts, rights);
    stages_->apply(b);
    EXPECT_EQ(b.payloads.size(), b.rows());
    EXPECT_EQ(b.origins.size(), b.rows());
    last_rejected_ = std::move(b.rejected);
    return rows(b);
  }

  static std::string order(const std::string& id, const std::string& user, int amount) {
    return R"({"order_id":")" + id + R"(","user_id":")" + user + R"(","amount":)" +
           std::to_string(amount) + "}";
  }
  static std::string user(const std::string& id, const std::string& email,
                          const std::string& tags = "[]") {
    return R"({"user_id":")" + id + R"(","email":")" + email + R"(","tags":)" + tags + "}";
  }

  config::Pipeline pipeline_ = join_pipeline();
  json::RecordDecoder left_decoder_{pipeline_.sources[0].schema_fields};
  json::RecordDecoder right_decoder_{pipeline_.sources[1].schema_fields};
  std::unique_ptr<Stages> stages_;
  std::vector<RejectedRecord> last_rejected_;
  int64_t now_ = kStart;
  int64_t next_offset_ = 0;
};

TEST_F(TemporalJoinTest, OutputFieldsUnderTheirOutputNames) {
  std::vector<std::string> visible;
  for (const auto& f : stages_->column_fields())
    if (f.name[0] != '\x01') visible.push_back(f.name);
  EXPECT_EQ(visible, (std::vector<std::string>{"order_id", "uid", "amount", "email", "user_tags"}));
  EXPECT_TRUE(stages_->stateful());
}

TEST_F(TemporalJoinTest, LeftWaitsUntilItsRightArrivesThenIsEmittedInArrivalOrder) {
  EXPECT_TRUE(run({order("o1", "u1", 10), order("o2", "u1", 20)}, {}).empty());
  EXPECT_EQ(stages_->join()->waiting(), 2u);
  now_ += 1000;
  EXPECT_EQ(run({}, {user("u1", "a@x", R"(["vip","eu"])")}),
            (std::vector<std::string>{"o1 10 a@x [vip,eu] u1", "o2 20 a@x [vip,eu] u1"}));
  EXPECT_EQ(stages_->join()->waiting(), 0u);
  EXPECT_TRUE(run({}, {user("u1", "b@x")}).empty()) << "a left record is emitted once";
}

TEST_F(TemporalJoinTest, RightFirstEnrichesEveryLaterLeftWithTheLatestRight) {
  EXPECT_TRUE(run({}, {user("u1", "a@x")}).empty()) << "a right record is never emitted alone";
  EXPECT_EQ(run({order("o1", "u1", 1), order("o2", "u2", 2)}, {}),
            std::vector<std::string>{"o1 1 a@x [] u1"});
  EXPECT_EQ(run({order("o3", "u1", 3)}, {user("u1", "new@x")}),
            std::vector<std::string>{"o3 3 new@x [] u1"});
  EXPECT_EQ(stages_->join()->right_keys(), 1u);
  EXPECT_EQ(stages_->join()->waiting(), 1u) << "o2 waits for u2";
}

TEST_F(TemporalJoinTest, LeftAndRightOfOneBatchMeetWhateverTheirOrder) {
  EXPECT_EQ(run({order("o1", "u1", 5)}, {user("u1", "a@x")}),
            std::vector<std::string>{"o1 5 a@x [] u1"});
}

TEST_F(TemporalJoinTest, UnmatchedLeftRecordsExpireAfterTheLeftWindow) {
  EXPECT_TRUE(run({order("o1", "u1", 1)}, {}).empty());
  now_ += std::chrono::milliseconds(1h).count() - 1;
  EXPECT_TRUE(run({order("o2", "u2", 2)}, {}).empty());
  EXPECT_EQ(stages_->join()->expired(), 0u);
  now_ += 1;
  EXPECT_TRUE(run({}, {user("u1", "late@x")}).empty()) << "o1 expired: inner join";
  EXPECT_EQ(stages_->join()->expired(), 1u);
  EXPECT_EQ(run({}, {user("u2", "b@x")}), std::vector<std::string>{"o2 2 b@x [] u2"});
}

TEST_F(TemporalJoinTest, LeftsOfOneKeyExpireOldestFirstAndTheRestAreReleasedInOrder) {
  EXPECT_TRUE(run({order("o1", "u1", 1), order("o2", "u2", 2)}, {}).empty());
  now_ += std::chrono::milliseconds(30min).count();
  EXPECT_TRUE(run({order("o3", "u1", 3), order("o4", "u1", 4)}, {}).empty());
  now_ += std::chrono::milliseconds(30min).count();  // o1 and o2 reach the left window
  EXPECT_TRUE(run({order("o5", "u2", 5)}, {}).empty());
  EXPECT_EQ(stages_->join()->expired(), 2u);
  EXPECT_EQ(stages_->join()->waiting(), 3u);
  EXPECT_EQ(run({}, {user("u1", "a@x")}),
            (std::vector<std::string>{"o3 3 a@x [] u1", "o4 4 a@x [] u1"}));
  EXPECT_EQ(run({}, {user("u2", "b@x")}), std::vector<std::string>{"o5 5 b@x [] u2"});
  EXPECT_EQ(stages_->join()->waiting(), 0u);
}

TEST_F(TemporalJoinTest, ManyKeysWaitAndTheirListsServeOtherKeysOnceReleasedOrExpired) {
  pipeline_ = join_pipeline(30min, 2h);
  stages_ = make();
  constexpr int kKeys = 3000;  // more than the lookup tables start with
  auto key = [](int k) { return "u" + std::to_string(k); };
  std::vector<std::string> lefts, rights, expected;
  for (int k = 0; k < kKeys; ++k) {
    lefts.push_back(order("a" + std::to_string(k), key(k), k));
    lefts.push_back(order("b" + std::to_string(k), key(k), k));
  }
  EXPECT_TRUE(run(lefts, {}).empty());
  EXPECT_EQ(stages_->join()->waiting(), 2u * kKeys);
  for (int k = 0; k < kKeys; k += 2) {
    rights.push_back(user(key(k), "e" + std::to_string(k)));
    for (const char* id : {"a", "b"})
      expected.push_back(id + std::to_string(k) + " " + std::to_string(k) + " e" +
                         std::to_string(k) + " [] " + key(k));
  }
  EXPECT_EQ(run({}, rights), expected) << "each key's lefts, in order, as its right arrives";
  EXPECT_EQ(stages_->join()->waiting(), static_cast<size_t>(kKeys));

  now_ += std::chrono::milliseconds(30min).count();  // the odd keys' lefts expire
  lefts.clear();
  expected.clear();
  for (int k = 0; k < kKeys; ++k) {
    lefts.push_back(order("c" + std::to_string(k), key(k), k));
    if (k % 2 == 0)
      expected.push_back("c" + std::to_string(k) + " " + std::to_string(k) + " e" +
                         std::to_string(k) + " [] " + key(k));
  }
  EXPECT_EQ(run(lefts, {}), expected);
  EXPECT_EQ(stages_->join()->expired(), static_cast<size_t>(kKeys));
  EXPECT_EQ(stages_->join()->waiting(), static_cast<size_t>(kKeys / 2)) << "the odd keys wait";

  rights.clear();
  expected.clear();
  for (int k = kKeys - 1; k > 0; k -= 2) {
    rights.push_back(user(key(k), "o" + std::to_string(k)));
    expected.push_back("c" + std::to_string(k) + " " + std::to_string(k) + " o" +
                       std::to_string(k) + " [] " + key(k));
  }
  EXPECT_EQ(run({}, rights), expected);
  EXPECT_EQ(stages_->join()->waiting(), 0u);
}

TEST_F(TemporalJoinTest, RightRecordsExpireAfterTheRightWindow) {
  pipeline_ = join_pipeline(1h, 10s);
  stages_ = make();
  run({}, {user("u1", "a@x")});
  now_ += 9'999;
  EXPECT_EQ(run({order("o1", "u1", 1)}, {}).size(), 1u);
  now_ += 1;
  EXPECT_TRUE(run({order("o2", "u1", 2)}, {}).empty()) << "u1's record is over its window";
  EXPECT_EQ(stages_->join()->right_keys(), 0u);
  EXPECT_EQ(stages_->join()->waiting(), 1u);
}

TEST_F(TemporalJoinTest, AMissingOrNullKeyIsDeadLetteredOnEitherSide) {
  EXPECT_TRUE(
      run({R"({"order_id":"o1","amount":1})"}, {R"({"user_id":null,"email":"a@x","tags":[]})"})
          .empty());
  ASSERT_EQ(last_rejected_.size(), 2u);
  for (const auto& r : last_rejected_) EXPECT_EQ(r.reason, RejectReason::JoinKeyMissing);
  EXPECT_NE(last_rejected_[0].detail.find("is null"), std::string::npos) << "right first";
  EXPECT_NE(last_rejected_[1].detail.find("\"user_id\" (left_source.key) is missing"),
            std::string::npos)
      << last_rejected_[1].detail;
  EXPECT_EQ(last_rejected_[1].payload, R"({"order_id":"o1","amount":1})");
  EXPECT_EQ(last_rejected_[0].origin.topic, 1u);
}

TEST_F(TemporalJoinTest, ReleasedRowsCarryTheirOwnOriginAndPayload) {
  run({order("o1", "u1", 7)}, {});
  Batch b = batch({}, {user("u1", "a@x")});
  stages_->apply(b);
  ASSERT_EQ(b.rows(), 1u);
  EXPECT_EQ(b.origins[0].offset.value, 0) << "o1 was the first message";
  EXPECT_EQ(b.payload(0), order("o1", "u1", 7));
}

TEST_F(TemporalJoinTest, StateSurvivesARestart) {
  auto dir = sluice::testing::TempDir::create("join-state");
  ASSERT_TRUE(dir.ok());
  {
    auto store = state::StateStore::open(dir->file("state"));
    ASSERT_TRUE(store.ok()) << store.error().message();
    ASSERT_TRUE(stages_->restore(**store).ok());
    run({order("o1", "u1", 1), order("o2", "u2", 2), order("o3", "u1", 3)},
        {user("u2", "b@x", R"(["x"])")});
    state::Checkpoint cp;
    stages_->checkpoint(cp);
    ASSERT_TRUE((*store)->write(cp).ok());
    // Applied but never checkpointed (a crash before the batch settled): not in the state.
    run({order("o4", "u3", 4)}, {user("u1", "lost@x")});
  }
  stages_ = make();
  auto store = state::StateStore::open(dir->file("state"));
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(stages_->restore(**store).ok());
  EXPECT_EQ(stages_->join()->waiting(), 2u) << "o1 and o3 wait for u1";
  EXPECT_EQ(stages_->join()->right_keys(), 1u) << "u2";
  EXPECT_EQ(run({order("o5", "u2", 5)}, {user("u1", "a@x")}),
            (std::vector<std::string>{"o5 5 b@x [x] u2", "o1 1 a@x [] u1", "o3 3 a@x [] u1"}));
  state::Checkpoint cp;
  stages_->checkpoint(cp);
  ASSERT_TRUE((*store)->write(cp).ok());
  stages_ = make();
  ASSERT_TRUE(stages_->restore(**store).ok());
  EXPECT_EQ(stages_->join()->waiting(), 0u) << "emitted records are gone from the state";
  EXPECT_EQ(stages_->join()->right_keys(), 2u);
}

TEST_F(TemporalJoinTest, LargeSegmentsAreStoredPackedAndRestored) {
  auto dir = sluice::testing::TempDir::create("join-packed");
  ASSERT_TRUE(dir.ok());
  constexpr int kKeys = 300;  // segments of well over 4 KiB, the size packing starts at
  {
    auto store = state::StateStore::open(dir->file("state"));
    ASSERT_TRUE(store.ok()) << store.error().message();
    ASSERT_TRUE(stages_->restore(**store).ok());
    std::vector<std::string> lefts, rights;
    for (int i = 0; i < kKeys; ++i) {
      lefts.push_back(order("o" + std::to_string(i), "u" + std::to_string(i), i));
      rights.push_back(user("v" + std::to_string(i), "user" + std::to_string(i) + "@example.com"));
    }
    EXPECT_TRUE(run(lefts, rights).empty());
    state::Checkpoint cp;
    stages_->checkpoint(cp);
    ASSERT_TRUE((*store)->write(cp).ok());
    for (std::string_view prefix : {"j/rs/", "j/ls/"}) {
      size_t segments = 0;
      ASSERT_TRUE((*store)
                      ->scan(prefix,
                             [&](std::string_view, std::string_view stored) {
                               ++segments;
                               ASSERT_GE(stored.size(), 8u);
                               EXPECT_EQ(stored.substr(0, 8), std::string(8, '\xFF')) << prefix;
                               std::string scratch;
                               std::string_view raw;
                               ASSERT_TRUE(state::unpack_value(stored, scratch, raw));
                               EXPECT_LT(stored.size(), raw.size()) << prefix;
                               EXPECT_GT(raw.size(), 4096u) << prefix;
                             })
                      .ok());
      EXPECT_EQ(segments, 1u) << prefix;
    }
  }
  stages_ = make();
  auto store = state::StateStore::open(dir->file("state"));
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(stages_->restore(**store).ok());
  EXPECT_EQ(stages_->join()->waiting(), static_cast<size_t>(kKeys));
  EXPECT_EQ(stages_->join()->right_keys(), static_cast<size_t>(kKeys));
  EXPECT_EQ(run({order("p1", "v7", 1)}, {user("u5", "five@x"), user("u299", "last@x")}),
            (std::vector<std::string>{"p1 1 user7@example.com [] v7", "o5 5 five@x [] u5",
                                      "o299 299 last@x [] u299"}));
}

// The right segments in the store (j/rs/<seq>), each as the keys of its records: "u1,u2".
std::vector<std::string> right_entries(const state::StateStore& store) {
  std::vector<std::string> segments;
  EXPECT_TRUE(store
                  .scan("j/rs/",
                        [&](std::string_view, std::string_view stored) {
                          std::string scratch;
                          std::string_view value;
                          EXPECT_TRUE(state::unpack_value(stored, scratch, value));
                          ByteReader in(value);
                          std::string keys;
                          std::string_view key, cells;
                          int64_t seen_ms = 0;
                          while (in.get_bytes(key) && in.get(seen_ms) && in.get_bytes(cells))
                            keys += (keys.empty() ? "" : ",") + std::string(key);
                          EXPECT_TRUE(in.rest().empty());
                          segments.push_back(keys);
                        })
                  .ok());
  return segments;
}

TEST_F(TemporalJoinTest, AnExpiredRightKeyLeavesTheStateAndMayComeBack) {
  pipeline_ = join_pipeline(1h, 10s);
  stages_ = make();
  auto dir = sluice::testing::TempDir::create("join-right-expiry");
  ASSERT_TRUE(dir.ok());
  auto store = state::StateStore::open(dir->file("state"));
  ASSERT_TRUE(store.ok()) << store.error().message();
  auto settle = [&] {
    state::Checkpoint cp;
    stages_->checkpoint(cp);
    ASSERT_TRUE((*store)->write(cp).ok());
  };
  run({}, {user("u1", "a@x"), user("u2", "b@x")});
  settle();
  EXPECT_EQ(right_entries(**store), (std::vector<std::string>{"u1,u2"}))
      << "the records set since the last checkpoint, as one segment";
  now_ += 5'000;
  run({}, {user("u2", "b2@x")});  // u2 seen again: its window starts over
  now_ += 5'000;
  // u1 expires before this batch's rights are applied; u1 comes back in it and u3 is new (one of
  // them in u1's freed record).
  EXPECT_EQ(run({order("o1", "u2", 1)}, {user("u3", "c@x"), user("u1", "a2@x")}),
            std::vector<std::string>{"o1 1 b2@x [] u2"});
  settle();
  EXPECT_EQ(right_entries(**store), (std::vector<std::string>{"u2,u3,u1"}))
      << "the first segment went: u1 expired and u2 was set again";
  now_ += 5'000;
  run({}, {});  // u2 expires (seen 10 s ago); u1 and u3 stay
  settle();
  EXPECT_EQ(right_entries(**store), (std::vector<std::string>{"u2,u3,u1"}))
      << "the segment stays while u1 and u3 are latest in it; u2's copy there has expired";
  EXPECT_EQ(stages_->join()->right_keys(), 2u);

  stages_ = make();
  ASSERT_TRUE(stages_->restore(**store).ok());
  EXPECT_EQ(stages_->join()->right_keys(), 2u);
  EXPECT_EQ(run({order("o2", "u1", 2), order("o3", "u2", 3), order("o4", "u3", 4)}, {}),
            (std::vector<std::string>{"o2 2 a2@x [] u1", "o4 4 c@x [] u3"}));
  now_ += 5'000;
  run({}, {});  // restored records expire in the order they were seen
  EXPECT_EQ(stages_->join()->right_keys(), 0u);
  settle();
  EXPECT_TRUE(right_entries(**store).empty());
}

TEST_F(TemporalJoinTest, ASegmentGoesOnceNoneOfItsRecordsIsTheLatestAcrossARestart) {
  auto dir = sluice::testing::TempDir::create("join-segments");
  ASSERT_TRUE(dir.ok());
  auto store = state::StateStore::open(dir->file("state"));
  ASSERT_TRUE(store.ok()) << store.error().message();
  auto settle = [&] {
    state::Checkpoint cp;
    stages_->checkpoint(cp);
    ASSERT_TRUE((*store)->write(cp).ok());
  };
  run({}, {user("u1", "a@x"), user("u2", "b@x")});
  settle();
  run({}, {user("u1", "a2@x")});
  settle();
  EXPECT_EQ(right_entries(**store), (std::vector<std::string>{"u1,u2", "u1"}));

  stages_ = make();
  ASSERT_TRUE(stages_->restore(**store).ok());
  EXPECT_EQ(stages_->join()->right_keys(), 2u);
  EXPECT_EQ(run({order("o1", "u1", 1), order("o2", "u2", 2)}, {}),
            (std::vector<std::string>{"o1 1 a2@x [] u1", "o2 2 b@x [] u2"}))
      << "the later segment's u1 wins";
  run({}, {user("u2", "b2@x")});
  settle();
  EXPECT_EQ(right_entries(**store), (std::vector<std::string>{"u1", "u2"}))
      << "the first segment went with u2's new copy";

  stages_ = make();
  ASSERT_TRUE(stages_->restore(**store).ok());
  EXPECT_EQ(run({order("o3", "u1", 3), order("o4", "u2", 4)}, {}),
            (std::vector<std::string>{"o3 3 a2@x [] u1", "o4 4 b2@x [] u2"}));
}

TEST_F(TemporalJoinTest, RightEntriesOfOneKeyEachAreRestoredAndMovedIntoASegment) {
  // The layout before segments: j/r/<key> -> seen_ms, then the output fields (cell_blob.h).
  auto dir = sluice::testing::TempDir::create("join-legacy");
  ASSERT_TRUE(dir.ok());
  auto store = state::StateStore::open(dir->file("state"));
  ASSERT_TRUE(store.ok()) << store.error().message();
  {
    std::string value;
    put_raw(value, kStart);
    value.push_back(static_cast<char>(ValueKind::String));
    put_bytes(value, "old@x");
    value.push_back(static_cast<char>(ValueKind::Array));
    put_raw(value, uint32_t{0});
    state::Checkpoint cp;
    cp.put("j/r/u7", value);
    ASSERT_TRUE((*store)->write(cp).ok());
  }
  ASSERT_TRUE(stages_->restore(**store).ok());
  EXPECT_EQ(run({order("o1", "u7", 1)}, {}), std::vector<std::string>{"o1 1 old@x [] u7"});
  state::Checkpoint cp;
  stages_->checkpoint(cp);
  ASSERT_TRUE((*store)->write(cp).ok());
  EXPECT_EQ(right_entries(**store), std::vector<std::string>{"u7"});
  bool legacy = false;
  ASSERT_TRUE(
      (*store)->scan("j/r/", [&](std::string_view, std::string_view) { legacy = true; }).ok());
  EXPECT_FALSE(legacy) << "the entry of one key is erased in the checkpoint that wrote the segment";
}

TEST_F(TemporalJoinTest, ALeftColumnThatNoOutputReadsIsEmptiedNotCompacted) {
  pipeline_.join.output_fields = {out("orders", "order_id"), out("users", "email")};
  stages_ = make();
  Batch b = batch({order("o1", "u1", 1), order("o2", "u2", 2), order("o3", "u1", 3)},
                  {user("u1", "a@x")});
  stages_->apply(b);
  ASSERT_EQ(b.rows(), 2u) << "o2 waits";
  const auto& fields = stages_->column_fields();
  ASSERT_EQ(fields[0].name, "order_id");
  EXPECT_EQ(b.columns[0].cells.size(), 2u);
  EXPECT_EQ(b.columns[0].cells[1].text(), "o3");
  EXPECT_TRUE(b.columns[1].cells.empty()) << "user_id: the key, not output";
  EXPECT_TRUE(b.columns[2].cells.empty()) << "amount: not output";
  const size_t email = fields.size() - 1;
  ASSERT_EQ(fields[email].name, "email");
  EXPECT_EQ(b.columns[email].cells[1].text(), "a@x");
}

TEST_F(TemporalJoinTest, ALeftFieldOutputTwiceIsCopiedIntoEachColumn) {
  pipeline_.join.output_fields.push_back(out("orders", "order_id", "order_ref"));
  stages_ = make();
  Batch b = batch({order("o1", "u1", 1), order("o2", "u9", 2), order("o3", "u1", 3)},
                  {user("u1", "a@x")});
  stages_->apply(b);
  const auto& fields = stages_->column_fields();
  size_t ref = fields.size();
  for (size_t i = 0; i < fields.size(); ++i)
    if (fields[i].name == "order_ref") ref = i;
  ASSERT_LT(ref, fields.size());
  ASSERT_EQ(b.columns[ref].cells.size(), 2u) << "the kept rows only";
  EXPECT_EQ(b.columns[ref].cells[0].text(), "o1");
  EXPECT_EQ(b.columns[ref].cells[1].text(), "o3");
  now_ += 1000;
  Batch released = batch({}, {user("u9", "z@x")});
  stages_->apply(released);
  ASSERT_EQ(released.rows(), 1u);
  EXPECT_EQ(released.columns[ref].cells[0].text(), "o2") << "a released row has it too";
}

TEST_F(TemporalJoinTest, AKeyThatNoStepOutputsIsAClearError) {
  config::Transform stateless;
  stateless.type = config::TransformType::Stateless;
  stateless.source_id = "orders";
  stateless.stateless.transforms = {{"order_id", "order_id", FieldType::String, "string"}};
  pipeline_.transforms = {stateless};
  auto s = Stages::create(pipeline_);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message().find("join.left_source.key: \"user_id\" is not an output"),
            std::string::npos)
      << s.error().message();
}

}  // namespace
}  // namespace sluice::transforms

namespace sluice::transforms {
namespace {

// How many entries of the store start with `prefix`.
size_t entries(const state::StateStore& store, std::string_view prefix) {
  size_t n = 0;
  EXPECT_TRUE(store.scan(prefix, [&](std::string_view, std::string_view) { ++n; }).ok());
  return n;
}

TEST_F(TemporalJoinTest, ALeftEmittedFromASegmentThatOthersStillWaitInIsNotRestored) {
  auto dir = sluice::testing::TempDir::create("join-left-segments");
  ASSERT_TRUE(dir.ok());
  auto store = state::StateStore::open(dir->file("state"));
  ASSERT_TRUE(store.ok()) << store.error().message();
  auto settle = [&] {
    state::Checkpoint cp;
    stages_->checkpoint(cp);
    ASSERT_TRUE((*store)->write(cp).ok());
  };
  run({order("o1", "u1", 1), order("o2", "u2", 2), order("o3", "u3", 3)}, {});
  settle();
  EXPECT_EQ(entries(**store, "j/ls/"), 1u) << "the three waiting lefts, as one segment";
  EXPECT_EQ(run({}, {user("u1", "a@x")}), std::vector<std::string>{"o1 1 a@x [] u1"});
  settle();
  EXPECT_EQ(entries(**store, "j/lx/"), 1u) << "o1 listed as done in its segment";

  stages_ = make();
  ASSERT_TRUE(stages_->restore(**store).ok());
  EXPECT_EQ(stages_->join()->waiting(), 2u) << "o2 and o3";
  EXPECT_TRUE(run({}, {user("u1", "a2@x")}).empty()) << "o1 was emitted before the restart";
  EXPECT_EQ(run({}, {user("u2", "b@x")}), std::vector<std::string>{"o2 2 b@x [] u2"});
  settle();
  EXPECT_EQ(run({}, {user("u3", "c@x")}), std::vector<std::string>{"o3 3 c@x [] u3"});
  settle();
  EXPECT_EQ(entries(**store, "j/ls/"), 0u) << "no left waits: the segment went";
  EXPECT_EQ(entries(**store, "j/lx/"), 0u) << "and its done lists with it";
}

TEST_F(TemporalJoinTest, TheLiveRecordsOfAMostlyStaleRightSegmentMoveToTheNextOne) {
  auto dir = sluice::testing::TempDir::create("join-right-rewrite");
  ASSERT_TRUE(dir.ok());
  auto store = state::StateStore::open(dir->file("state"));
  ASSERT_TRUE(store.ok()) << store.error().message();
  auto settle = [&] {
    state::Checkpoint cp;
    stages_->checkpoint(cp);
    ASSERT_TRUE((*store)->write(cp).ok());
  };
  run({}, {user("u1", "a@x"), user("u2", "b@x"), user("u3", "c@x"), user("u4", "d@x")});
  settle();
  run({}, {user("u1", "a2@x"), user("u2", "b2@x"), user("u3", "c2@x")});
  settle();
  EXPECT_EQ(right_entries(**store), (std::vector<std::string>{"u1,u2,u3,u4", "u1,u2,u3"}));
  settle();  // the first segment has 1 latest copy of 4: u4 moves, the segment goes
  EXPECT_EQ(right_entries(**store), (std::vector<std::string>{"u1,u2,u3", "u4"}));
  stages_ = make();
  ASSERT_TRUE(stages_->restore(**store).ok());
  EXPECT_EQ(run({order("o1", "u1", 1), order("o4", "u4", 4)}, {}),
            (std::vector<std::string>{"o1 1 a2@x [] u1", "o4 4 d@x [] u4"}));
}

TEST_F(TemporalJoinTest, TheLeftsOfAMostlyDoneLeftSegmentMoveAndKeepTheirOrder) {
  auto dir = sluice::testing::TempDir::create("join-left-rewrite");
  ASSERT_TRUE(dir.ok());
  auto store = state::StateStore::open(dir->file("state"));
  ASSERT_TRUE(store.ok()) << store.error().message();
  auto settle = [&] {
    state::Checkpoint cp;
    stages_->checkpoint(cp);
    ASSERT_TRUE((*store)->write(cp).ok());
  };
  run({order("o1", "u1", 1), order("o2", "u2", 2), order("o3", "u3", 3), order("o4", "u4", 4)}, {});
  settle();
  run({order("o5", "u4", 5)}, {});
  settle();
  EXPECT_EQ(run({}, {user("u2", "b@x")}).size(), 1u);
  settle();
  EXPECT_EQ(entries(**store, "j/ls/"), 2u);
  EXPECT_EQ(entries(**store, "j/lx/"), 1u) << "o2 done, in a segment where 3 of 4 wait";
  EXPECT_EQ(run({}, {user("u1", "a@x"), user("u3", "c@x")}).size(), 2u);
  settle();  // the first segment has 1 waiting left of 4: o4 moves, the segment goes
  EXPECT_EQ(entries(**store, "j/ls/"), 2u) << "o5's and o4's";
  EXPECT_EQ(entries(**store, "j/lx/"), 0u) << "gone with the segment";
  stages_ = make();
  ASSERT_TRUE(stages_->restore(**store).ok());
  EXPECT_EQ(stages_->join()->waiting(), 2u);
  EXPECT_EQ(run({}, {user("u4", "d@x")}),
            (std::vector<std::string>{"o4 4 d@x [] u4", "o5 5 d@x [] u4"}))
      << "in arrival order, though o4 is now stored after o5";
}

TEST_F(TemporalJoinTest, ALeftThatExpiredBeforeARestartStaysExpiredWithALongerWindow) {
  pipeline_ = join_pipeline(10s, 1h);
  stages_ = make();
  auto dir = sluice::testing::TempDir::create("join-left-expiry");
  ASSERT_TRUE(dir.ok());
  auto store = state::StateStore::open(dir->file("state"));
  ASSERT_TRUE(store.ok()) << store.error().message();
  run({order("o1", "u1", 1)}, {});
  now_ += 5'000;
  run({order("o2", "u2", 2)}, {});
  state::Checkpoint cp;
  stages_->checkpoint(cp);  // one segment: o1 (seen at 0 s), o2 (5 s)
  ASSERT_TRUE((*store)->write(cp).ok());

  now_ += 7'000;  // o1's window has passed, o2's has not
  stages_ = make();
  ASSERT_TRUE(stages_->restore(**store).ok());
  EXPECT_EQ(stages_->join()->waiting(), 1u);
  state::Checkpoint after;
  stages_->checkpoint(after);  // lists o1 as done
  ASSERT_TRUE((*store)->write(after).ok());

  pipeline_ = join_pipeline(1h, 1h);
  stages_ = make();
  ASSERT_TRUE(stages_->restore(**store).ok());
  EXPECT_EQ(stages_->join()->waiting(), 1u) << "o1 does not come back";
  EXPECT_EQ(run({}, {user("u1", "a@x"), user("u2", "b@x")}),
            std::vector<std::string>{"o2 2 b@x [] u2"});
}

TEST_F(TemporalJoinTest, LeftEntriesOfOneRecordEachAreRestoredAndMovedIntoASegment) {
  auto dir = sluice::testing::TempDir::create("join-left-legacy");
  ASSERT_TRUE(dir.ok());
  auto store = state::StateStore::open(dir->file("state"));
  ASSERT_TRUE(store.ok()) << store.error().message();
  run({order("o1", "u1", 1), order("o2", "u2", 2)}, {});
  state::Checkpoint cp;
  stages_->checkpoint(cp);
  ASSERT_TRUE((*store)->write(cp).ok());
  // The same records in the layout before segments: j/l/<entry> -> the record's bytes.
  state::Checkpoint legacy;
  ASSERT_TRUE((*store)
                  ->scan("j/ls/",
                         [&](std::string_view key, std::string_view value) {
                           legacy.erase(std::string(key));
                           ByteReader in(value);
                           uint64_t entry = 0;
                           std::string_view bytes;
                           while (in.get(entry) && in.get_bytes(bytes))
                             legacy.put(join_entries::numbered_key("j/l/", entry),
                                        std::string(bytes));
                         })
                  .ok());
  ASSERT_TRUE((*store)->write(legacy).ok());
  ASSERT_EQ(entries(**store, "j/l/"), 2u);

  stages_ = make();
  ASSERT_TRUE(stages_->restore(**store).ok());
  EXPECT_EQ(stages_->join()->waiting(), 2u);
  state::Checkpoint moved;
  stages_->checkpoint(moved);
  ASSERT_TRUE((*store)->write(moved).ok());
  EXPECT_EQ(entries(**store, "j/l/"), 0u);
  EXPECT_EQ(entries(**store, "j/ls/"), 1u);
  stages_ = make();
  ASSERT_TRUE(stages_->restore(**store).ok());
  EXPECT_EQ(run({order("o3", "u2", 3)}, {user("u2", "b@x"), user("u1", "a@x")}),
            (std::vector<std::string>{"o3 3 b@x [] u2", "o2 2 b@x [] u2", "o1 1 a@x [] u1"}));
}

}  // namespace
}  // namespace sluice::transforms
