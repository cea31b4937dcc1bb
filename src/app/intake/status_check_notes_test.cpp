// The office's batched notes of status checks (status_check_notes.hpp).

#include "app/intake/status_check_notes.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace lifeline::app {
namespace {

store::Blob32 Lookup(std::uint8_t n) { return store::Blob32{n}; }

TEST(StatusCheckNotes, NotesNothingUntilABatchThenAllInTheOrderTheyCame) {
  std::mutex mutex;
  std::vector<store::Blob32> noted;
  int batches = 0;
  StatusCheckNotes notes(
      [&](std::span<const store::Blob32> lookups) {
        std::lock_guard lock(mutex);
        ++batches;
        noted.insert(noted.end(), lookups.begin(), lookups.end());
        return std::size_t{1};  // say one failed
      },
      std::chrono::milliseconds(0), 3);
  EXPECT_TRUE(notes.Add(Lookup(1)));
  EXPECT_TRUE(notes.Add(Lookup(2)));
  EXPECT_TRUE(notes.Add(Lookup(3)));
  EXPECT_FALSE(notes.Add(Lookup(4)));  // past max_waiting: dropped
  EXPECT_TRUE(noted.empty());
  EXPECT_EQ(notes.Flush(), 1u);
  EXPECT_EQ(noted, (std::vector<store::Blob32>{Lookup(1), Lookup(2), Lookup(3)}));
  EXPECT_EQ(batches, 1);         // one batch
  EXPECT_EQ(notes.Flush(), 0u);  // nothing waits: not called
  EXPECT_EQ(batches, 1);
  EXPECT_TRUE(notes.Add(Lookup(4)));  // room again
}

TEST(StatusCheckNotes, BatchesRunOnTheirOwnAndWhatWaitsIsNotedAtTheEnd) {
  std::mutex mutex;
  std::vector<store::Blob32> noted;
  const auto note = [&](std::span<const store::Blob32> lookups) {
    std::lock_guard lock(mutex);
    noted.insert(noted.end(), lookups.begin(), lookups.end());
    return std::size_t{0};
  };
  {
    StatusCheckNotes notes(note, std::chrono::milliseconds(10));
    ASSERT_TRUE(notes.Add(Lookup(1)));
    for (int i = 0; i < 500; ++i) {
      {
        std::lock_guard lock(mutex);
        if (!noted.empty()) break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    std::lock_guard lock(mutex);
    EXPECT_EQ(noted, std::vector<store::Blob32>{Lookup(1)});
  }
  {
    StatusCheckNotes notes(note, std::chrono::hours(1));
    ASSERT_TRUE(notes.Add(Lookup(2)));
  }  // destroyed before its batch: noted then
  EXPECT_EQ(noted, (std::vector<store::Blob32>{Lookup(1), Lookup(2)}));
}

}  // namespace
}  // namespace lifeline::app
