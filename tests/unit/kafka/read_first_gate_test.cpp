#include "kafka/read_first_gate.h"

#include <gtest/gtest.h>

namespace sluice::kafka {
namespace {

TEST(ReadFirstGate, NothingToReadIsRead) {
  ReadFirstGate gate;
  EXPECT_FALSE(gate.reading());
}

TEST(ReadFirstGate, ReadWhenEveryPartitionReachedItsEndAtAssignment) {
  ReadFirstGate gate;
  gate.expect(0, 10);
  gate.expect(1, 3);
  EXPECT_TRUE(gate.reading());
  gate.on_message(0, 9);  // offset 9 is the last of an end of 10
  EXPECT_TRUE(gate.reading()) << "partition 1 is not read yet";
  gate.on_message(1, 1);
  EXPECT_TRUE(gate.reading());
  gate.on_message(1, 2);
  EXPECT_FALSE(gate.reading());
}

TEST(ReadFirstGate, MessagesBeforeTheEndOrOfOtherPartitionsDoNotCount) {
  ReadFirstGate gate;
  gate.expect(2, 100);
  gate.on_message(2, 98);
  gate.on_message(3, 500);
  EXPECT_TRUE(gate.reading());
}

TEST(ReadFirstGate, TheReportedEndCountsEvenWithoutAKnownEnd) {
  // A partition already read before a restart, or whose last offsets are transaction markers,
  // delivers no message at its end; the consumer reports the end instead.
  ReadFirstGate gate;
  gate.expect(0, -1);
  gate.expect(1, 50);
  gate.on_message(0, 1000000);
  EXPECT_TRUE(gate.reading()) << "an unknown end is only reached when reported";
  gate.on_end(0);
  gate.on_end(1);
  EXPECT_FALSE(gate.reading());
}

TEST(ReadFirstGate, ARevokedPartitionIsNotWaitedFor) {
  ReadFirstGate gate;
  gate.expect(0, 10);
  gate.forget(0);
  EXPECT_FALSE(gate.reading());
}

}  // namespace
}  // namespace sluice::kafka
