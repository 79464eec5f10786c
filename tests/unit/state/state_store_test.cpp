#include "state/state_store.h"

#include <gtest/gtest.h>

#include "support/temp_dir.h"

namespace sluice::state {
namespace {

using sluice::testing::TempDir;

std::map<std::string, std::string> scan_all(const StateStore& store, std::string_view prefix) {
  std::map<std::string, std::string> out;
  EXPECT_TRUE(
      store
          .scan(prefix, [&](std::string_view k,
                            std::string_view v) { out.emplace(std::string(k), std::string(v)); })
          .ok());
  return out;
}

TEST(StateStore, CheckpointsAreAtomicAndSurviveReopening) {
  auto dir = TempDir::create("state-store");
  ASSERT_TRUE(dir.ok());
  const std::string path = dir->file("state");
  {
    auto store = StateStore::open(path);
    ASSERT_TRUE(store.ok()) << store.error().message();
    Checkpoint first;
    first.put("d/a/1", "one");
    first.put("d/a/2", "two");
    first.put("d/b/1", "other step");
    first.set_offset("orders", 0, 100);
    first.set_offset("orders", 11, 7);
    ASSERT_TRUE((*store)->write(first).ok());
    Checkpoint second;
    second.erase("d/a/1");
    second.put("d/a/3", "three");
    second.set_offset("orders", 0, 250);
    ASSERT_TRUE((*store)->write(second).ok());
  }
  auto store = StateStore::open(path);
  ASSERT_TRUE(store.ok()) << store.error().message();
  EXPECT_EQ(scan_all(**store, "d/a/"),
            (std::map<std::string, std::string>{{"d/a/2", "two"}, {"d/a/3", "three"}}));
  EXPECT_EQ(scan_all(**store, "d/b/").size(), 1u);
  auto offsets = (*store)->offsets();
  ASSERT_TRUE(offsets.ok());
  EXPECT_EQ(*offsets, (CheckpointOffsets{{{"orders", 0}, 250}, {{"orders", 11}, 7}}));
}

TEST(StateStore, EmptyStoreHasNoOffsets) {
  auto dir = TempDir::create("state-store");
  ASSERT_TRUE(dir.ok());
  auto store = StateStore::open(dir->file("fresh"));
  ASSERT_TRUE(store.ok());
  auto offsets = (*store)->offsets();
  ASSERT_TRUE(offsets.ok());
  EXPECT_TRUE(offsets->empty());
  EXPECT_TRUE(scan_all(**store, "").empty());
}

TEST(StateStore, SecondOpenOfTheSameDirectoryFailsClearly) {
  auto dir = TempDir::create("state-store");
  ASSERT_TRUE(dir.ok());
  auto first = StateStore::open(dir->file("state"));
  ASSERT_TRUE(first.ok());
  auto second = StateStore::open(dir->file("state"));
  ASSERT_FALSE(second.ok());
  EXPECT_NE(second.error().message().find(dir->file("state")), std::string::npos)
      << second.error().message();
  EXPECT_NE(second.error().message().find("another `sluice run`"), std::string::npos)
      << second.error().message();
}

TEST(StateStore, UnwritableDirectoryIsAnError) {
  auto store = StateStore::open("/proc/sluice-cannot-be-here/state");
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.error().message().find("/proc/sluice-cannot-be-here/state"), std::string::npos);
}

}  // namespace
}  // namespace sluice::state
