#pragma once
// The wallboard's figures for the day and for the last 15 minutes: service level (Asterisk's
// SL and SL2), average speed of answer, abandonment and occupancy. Pure; times in seconds
// since the Unix epoch (days are UTC days).

#include <array>
#include <cstdint>

namespace lifeline::contact_centre {

struct StatsWindow {
  std::int64_t offered = 0;
  std::int64_t answered = 0;
  std::int64_t answered_in_time = 0;  // within the threshold T
  std::int64_t abandoned = 0;
  std::int64_t abandoned_in_time = 0;  // hung up within T
  std::int64_t overflowed = 0;         // no line or a full queue
  std::int64_t released =
      0;  // left unanswered with a callback offer (nobody there, or the wait limit)
  double answer_wait_seconds = 0;  // summed over answered calls
  double busy_seconds = 0;         // operators ringing, on calls or wrapping up
  double staffed_seconds = 0;      // operators logged in and not on break

  /// Answered within T over answered (Asterisk's SL); 0 with nothing answered.
  double ServiceLevel() const;
  /// (Answered + abandoned within T) over (answered + abandoned) (Asterisk's SL2).
  double ServiceLevel2() const;
  /// Answered within T over offered calls that ended either way (the planner's measure).
  double ServiceLevelOffered() const;
  double AverageSpeedOfAnswer() const;
  /// Abandoned over answered + abandoned.
  double AbandonmentRate() const;
  double Occupancy() const;

  StatsWindow& operator+=(const StatsWindow& other);
};

class QueueStats {
 public:
  explicit QueueStats(double answer_within_seconds) : answer_within_(answer_within_seconds) {}

  void Offered(double at);
  void Answered(double at, double waited);
  void Abandoned(double at, double waited);
  void Overflowed(double at);
  void Released(double at);
  /// An operator spent [from, to) logged in and not on break; `busy` when ringing, on a call
  /// or wrapping up. Spans may cross minutes and midnight.
  void OperatorTime(double from, double to, bool busy);

  StatsWindow Today(double now) const;
  StatsWindow Last15Minutes(double now) const;

 private:
  static constexpr int kMinutes = 15;
  struct Bucket {
    std::int64_t minute = -1;
    StatsWindow window;
  };
  // Adds `change` to the day of `at` and, with `minute_too`, to its minute.
  template <typename Change>
  void At(double at, Change change, bool minute_too = true);

  double answer_within_;
  std::int64_t day_ = -1;
  StatsWindow today_;
  std::array<Bucket, kMinutes + 1> minutes_{};  // a ring of the last minutes, by minute index
};

}  // namespace lifeline::contact_centre
