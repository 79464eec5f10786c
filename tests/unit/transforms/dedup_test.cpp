// Dedup steps: first record wins within the window (processing time from an injected clock),
// duplicates inside one batch too, keys compared by their text, state restored from the store.
#include <gtest/gtest.h>

#include <deque>

#include "support/temp_dir.h"
#include "transforms/dedup_index.h"
#include "transforms/dedup_transform.h"
#include "transforms/transform_chain.h"
#include "unit/transforms/step_builders.h"

namespace sluice::transforms {
namespace {

using config::FieldType;
using namespace std::chrono_literals;

constexpr int64_t kStart = 1'760'000'000'000;  // epoch ms

using test::dedup_on;
using test::filter;

config::Pipeline pipeline_with(std::vector<config::Transform> transforms) {
  config::Pipeline p;
  p.pipeline_id = "unit-test";
  config::KafkaSource source;
  source.source_id = "s";
  source.schema_fields = {{"id", FieldType::String, "string"},
                          {"amount", FieldType::Float, "float"}};
  p.sources.push_back(source);
  p.transforms = std::move(transforms);
  return p;
}

// Rows of (id, amount); an id cell is given directly so tests can use any kind.
class DedupTest : public ::testing::Test {
 protected:
  Batch batch_of(const std::vector<std::pair<Cell, double>>& rows) {
    Batch b(2);
    b.topics.push_back("t");
    for (size_t r = 0; r < rows.size(); ++r) {
      b.columns[0].cells.push_back(rows[r].first);
      b.columns[1].cells.push_back(Cell::float64(rows[r].second));
      RecordOrigin origin;
      origin.offset = Offset{static_cast<int64_t>(r)};
      b.origins.push_back(origin);
      const std::string& payload = payloads_.emplace_back("payload-" + std::to_string(r));
      b.payloads.push_back({payload.data(), payload.size()});
      b.keys.push_back({});
    }
    return b;
  }
  Cell str(const std::string& s) {
    return Cell::text(ValueKind::String, texts_.emplace_back(s).data(),
                      static_cast<uint32_t>(s.size()));
  }
  Batch ids(const std::vector<std::string>& keys) {
    std::vector<std::pair<Cell, double>> rows;
    for (size_t i = 0; i < keys.size(); ++i)
      rows.emplace_back(str(keys[i]), static_cast<double>(i));
    return batch_of(rows);
  }
  static std::vector<std::string> ids_of(const Batch& b) {
    std::vector<std::string> out;
    for (const Cell& c : b.columns[0].cells) out.emplace_back(c.text());
    return out;
  }
  static std::vector<double> amounts_of(const Batch& b) {
    std::vector<double> out;
    for (const Cell& c : b.columns[1].cells) out.push_back(c.f);
    return out;
  }
  TransformChain chain(const config::Pipeline& p) {
    TransformChain::Options options;
    options.now_ms = [this] { return now_; };
    auto c = TransformChain::create(p, p.sources[0], options);
    EXPECT_TRUE(c.ok()) << c.error().message();
    return std::move(c).value();
  }

  int64_t now_ = kStart;
  std::deque<std::string> payloads_;
  std::deque<std::string> texts_;
};

TEST(DedupKeyText, NumbersAndStringsCompareByText) {
  Column column;
  std::string out;
  ASSERT_TRUE(dedup_key_text(column, Cell::int64(1), out));
  EXPECT_EQ(out, "1");
  ASSERT_TRUE(dedup_key_text(column, Cell::uint64(18446744073709551615u), out));
  EXPECT_EQ(out, "18446744073709551615");
  ASSERT_TRUE(dedup_key_text(column, Cell::float64(1.0), out));
  EXPECT_EQ(out, "1") << "as Go's %v prints float64(1)";
  ASSERT_TRUE(dedup_key_text(column, Cell::float64(2.5), out));
  EXPECT_EQ(out, "2.5");
  ASSERT_TRUE(dedup_key_text(column, Cell::int64(-42), out));
  EXPECT_EQ(out, "-42");
  ASSERT_TRUE(dedup_key_text(column, Cell::boolean(true), out));
  EXPECT_EQ(out, "true");
  std::string s = "1";
  ASSERT_TRUE(dedup_key_text(column, Cell::text(ValueKind::String, s.data(), 1), out));
  EXPECT_EQ(out, "1");
  EXPECT_FALSE(dedup_key_text(column, Cell::null(), out));
  EXPECT_FALSE(dedup_key_text(column, Cell::missing(), out));
}

TEST(DedupIndex, FirstSeenWinsUntilTheWindowEnds) {
  DedupIndex index;
  KeyFingerprint a = fingerprint_of("a"), b = fingerprint_of("b");
  EXPECT_NE(a, b);
  EXPECT_TRUE(index.insert_if_new(a, 1000, 2000));
  EXPECT_FALSE(index.insert_if_new(a, 1999, 2999)) << "inside the window";
  EXPECT_TRUE(index.contains(a, 1999));
  EXPECT_FALSE(index.contains(a, 2000)) << "the window is over at its end";
  EXPECT_TRUE(index.insert_if_new(a, 2000, 3000)) << "seen again after the window";
  EXPECT_FALSE(index.insert_if_new(a, 2999, 4000));
  EXPECT_TRUE(index.insert_if_new(b, 2999, 4000));
  EXPECT_EQ(index.occupied(), 2u);
}

TEST(DedupIndex, GrowsKeepingLiveKeysAndDroppingExpiredOnes) {
  DedupIndex index;
  const size_t initial = index.capacity();
  // Keys 0..n-1 expire at 5000; keys n..3n-1 live until 100000.
  const size_t n = initial;
  for (size_t i = 0; i < n; ++i)
    ASSERT_TRUE(index.insert_if_new(fingerprint_of("k" + std::to_string(i)), 1000, 5000));
  for (size_t i = n; i < 3 * n; ++i)
    ASSERT_TRUE(index.insert_if_new(fingerprint_of("k" + std::to_string(i)), 6000, 100000));
  EXPECT_GT(index.capacity(), initial);
  EXPECT_LT(index.occupied(), 3 * n) << "expired keys were dropped while growing";
  for (size_t i = n; i < 3 * n; ++i)
    ASSERT_TRUE(index.contains(fingerprint_of("k" + std::to_string(i)), 6000)) << i;
  for (size_t i = 0; i < n; ++i)
    ASSERT_FALSE(index.contains(fingerprint_of("k" + std::to_string(i)), 6000)) << i;
}

TEST_F(DedupTest, FirstRecordWinsIncludingDuplicatesInOneBatch) {
  auto c = chain(pipeline_with({dedup_on("id")}));
  EXPECT_TRUE(c.stateful());
  Batch b = ids({"a", "b", "a", "c", "b", "a"});
  c.apply(b);
  EXPECT_EQ(ids_of(b), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(amounts_of(b), (std::vector<double>{0, 1, 3})) << "the first of each key";
  EXPECT_EQ(b.origins.size(), 3u);
  EXPECT_EQ(b.origins[2].offset.value, 3);
  EXPECT_TRUE(b.rejected.empty());
  EXPECT_EQ(c.duplicates(), 3u);

  now_ += 30 * 60 * 1000;  // 30 min later: still inside the 1 h window
  Batch next = ids({"c", "d", "a"});
  c.apply(next);
  EXPECT_EQ(ids_of(next), (std::vector<std::string>{"d"}));
  EXPECT_EQ(c.duplicates(), 5u);
}

TEST_F(DedupTest, WindowIsCountedFromTheFirstRecordNotExtendedByDuplicates) {
  auto c = chain(pipeline_with({dedup_on("id", 10s)}));
  Batch b1 = ids({"x"});
  c.apply(b1);
  EXPECT_EQ(b1.rows(), 1u);
  now_ += 9'999;
  Batch b2 = ids({"x"});
  c.apply(b2);
  EXPECT_EQ(b2.rows(), 0u) << "a duplicate inside the window";
  now_ += 1;  // 10 s after the first, 1 ms after the duplicate
  Batch b3 = ids({"x", "x"});
  c.apply(b3);
  EXPECT_EQ(b3.rows(), 1u) << "the window ran from the first x; the duplicate did not extend it";
}

TEST_F(DedupTest, NumberAndStringWithTheSameTextAreOneKey) {
  auto c = chain(pipeline_with({dedup_on("id")}));
  Batch b = batch_of({{Cell::int64(7), 0},
                      {str("7"), 1},
                      {Cell::float64(7.0), 2},
                      {Cell::float64(7.5), 3},
                      {Cell::uint64(7), 4}});
  c.apply(b);
  EXPECT_EQ(amounts_of(b), (std::vector<double>{0, 3}));
}

TEST_F(DedupTest, MissingOrNullKeyIsDeadLettered) {
  auto c = chain(pipeline_with({dedup_on("id")}));
  Batch b = batch_of({{str("a"), 0}, {Cell::missing(), 1}, {Cell::null(), 2}, {str("a"), 3}});
  c.apply(b);
  EXPECT_EQ(amounts_of(b), (std::vector<double>{0}));
  ASSERT_EQ(b.rejected.size(), 2u);
  EXPECT_EQ(b.rejected[0].reason, RejectReason::DedupKeyMissing);
  EXPECT_EQ(b.rejected[0].payload, "payload-1");
  EXPECT_EQ(b.rejected[0].detail, "dedup key is missing");
  EXPECT_EQ(b.rejected[1].detail, "dedup key is null");
  EXPECT_EQ(c.duplicates(), 1u);
}

TEST_F(DedupTest, StepsRunInTransformsOrder) {
  // Filter first: a dropped record's key is never seen, so its later copy passes.
  auto filter_first = chain(pipeline_with({filter("amount > 0"), dedup_on("id")}));
  Batch b1 = ids({"a", "a", "b"});  // amounts 0, 1, 2
  filter_first.apply(b1);
  EXPECT_EQ(amounts_of(b1), (std::vector<double>{1, 2}));
  // Dedup first: the first a wins and is then filtered out; the second a is a duplicate.
  auto dedup_first = chain(pipeline_with({dedup_on("id"), filter("amount > 0")}));
  Batch b2 = ids({"a", "a", "b"});
  dedup_first.apply(b2);
  EXPECT_EQ(amounts_of(b2), (std::vector<double>{2}));
}

TEST_F(DedupTest, OptionsAndOtherSourcesLeaveDedupOut) {
  TransformChain::Options no_dedup;
  no_dedup.dedup = false;
  auto p = pipeline_with({dedup_on("id")});
  auto replay = TransformChain::create(p, p.sources[0], no_dedup);
  ASSERT_TRUE(replay.ok());
  EXPECT_TRUE(replay->empty());
  EXPECT_FALSE(replay->stateful());
  EXPECT_EQ(replay->column_fields(), p.sources[0].schema_fields) << "the sink's fields unchanged";
  auto other = pipeline_with({dedup_on("id", 1h, "other-source")});
  auto c = TransformChain::create(other, other.sources[0]);
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->empty());
}

TEST_F(DedupTest, KeyDroppedByAStatelessStepBeforeItIsACreateError) {
  config::Transform st;
  st.type = config::TransformType::Stateless;
  st.source_id = "s";
  st.stateless.transforms.push_back({"amount * 2", "double", FieldType::Float, "float64"});
  auto p = pipeline_with({st, dedup_on("id")});
  auto c = TransformChain::create(p, p.sources[0]);
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().message().find("transforms[1].config.key"), std::string::npos)
      << c.error().message();
}

TEST_F(DedupTest, StateIsRestoredFromCheckpointsAndExpiresThere) {
  auto dir = sluice::testing::TempDir::create("dedup-state");
  ASSERT_TRUE(dir.ok());
  auto store = state::StateStore::open(dir->file("state"));
  ASSERT_TRUE(store.ok());
  const auto p = pipeline_with({dedup_on("id", 1h)});
  {
    auto c = chain(p);
    ASSERT_TRUE(c.restore(**store).ok());
    Batch b1 = ids({"a", "b"});
    c.apply(b1);
    state::Checkpoint cp1;
    c.checkpoint(cp1);
    cp1.set_offset("t", 0, 2);
    ASSERT_TRUE((*store)->write(cp1).ok());
    now_ += 40 * 60 * 1000;  // +40 min
    Batch b2 = ids({"c", "a"});
    c.apply(b2);
    EXPECT_EQ(ids_of(b2), std::vector<std::string>{"c"});
    state::Checkpoint cp2;
    c.checkpoint(cp2);
    ASSERT_TRUE((*store)->write(cp2).ok());
    // A batch applied but never checkpointed (a crash before its insert was settled).
    Batch lost = ids({"z"});
    c.apply(lost);
  }
  auto entries = [&] {
    size_t n = 0;
    EXPECT_TRUE((*store)->scan("d/", [&](std::string_view, std::string_view) { ++n; }).ok());
    return n;
  };
  EXPECT_EQ(entries(), 2u);

  // Restart 10 min later: a, b (50 min old) and c (10 min old) are still inside the window.
  now_ += 10 * 60 * 1000;
  auto restarted = chain(p);
  ASSERT_TRUE(restarted.restore(**store).ok());
  EXPECT_EQ(restarted.restored_keys(), 3u);
  Batch b3 = ids({"a", "b", "c", "z"});
  restarted.apply(b3);
  EXPECT_EQ(ids_of(b3), std::vector<std::string>{"z"}) << "z was never checkpointed";

  // 20 more minutes: a and b are 70 min old (expired), c is 30 min old.
  now_ += 20 * 60 * 1000;
  auto later = chain(p);
  ASSERT_TRUE(later.restore(**store).ok());
  EXPECT_EQ(later.restored_keys(), 1u);
  Batch b4 = ids({"a", "b", "c"});
  later.apply(b4);
  EXPECT_EQ(ids_of(b4), (std::vector<std::string>{"a", "b"}));
  state::Checkpoint cp3;
  later.checkpoint(cp3);  // deletes the expired entry, adds one for a and b
  ASSERT_TRUE((*store)->write(cp3).ok());
  EXPECT_EQ(entries(), 2u);
  auto offsets = (*store)->offsets();
  ASSERT_TRUE(offsets.ok());
  EXPECT_EQ(offsets->at({"t", 0}), 2);
}

}  // namespace
}  // namespace sluice::transforms
