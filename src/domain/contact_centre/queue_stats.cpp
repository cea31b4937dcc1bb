#include "domain/contact_centre/queue_stats.hpp"

#include <algorithm>
#include <cmath>

namespace lifeline::contact_centre {
namespace {

constexpr double kDay = 86400;

double Ratio(double part, double whole) { return whole > 0 ? part / whole : 0.0; }
std::int64_t MinuteOf(double at) { return static_cast<std::int64_t>(std::floor(at / 60)); }
std::int64_t DayOf(double at) { return static_cast<std::int64_t>(std::floor(at / kDay)); }

}  // namespace

double StatsWindow::ServiceLevel() const { return Ratio(answered_in_time, answered); }
double StatsWindow::ServiceLevel2() const {
  return Ratio(answered_in_time + abandoned_in_time, answered + abandoned);
}
double StatsWindow::ServiceLevelOffered() const {
  return Ratio(answered_in_time, answered + abandoned);
}
double StatsWindow::AverageSpeedOfAnswer() const { return Ratio(answer_wait_seconds, answered); }
double StatsWindow::AbandonmentRate() const { return Ratio(abandoned, answered + abandoned); }
double StatsWindow::Occupancy() const { return Ratio(busy_seconds, staffed_seconds); }

StatsWindow& StatsWindow::operator+=(const StatsWindow& o) {
  offered += o.offered;
  answered += o.answered;
  answered_in_time += o.answered_in_time;
  abandoned += o.abandoned;
  abandoned_in_time += o.abandoned_in_time;
  overflowed += o.overflowed;
  released += o.released;
  answer_wait_seconds += o.answer_wait_seconds;
  busy_seconds += o.busy_seconds;
  staffed_seconds += o.staffed_seconds;
  return *this;
}

template <typename Change>
void QueueStats::At(double at, Change change, bool minute_too) {
  const std::int64_t day = DayOf(at);
  if (day > day_) {  // a new UTC day starts from zero; late events of a past day are dropped
    day_ = day;
    today_ = {};
  }
  if (day == day_) change(today_);
  if (!minute_too) return;
  const std::int64_t minute = MinuteOf(at);
  Bucket& bucket =
      minutes_[static_cast<std::size_t>(minute % static_cast<std::int64_t>(minutes_.size()))];
  if (bucket.minute < minute) bucket = {minute, {}};
  if (bucket.minute == minute) change(bucket.window);
}

void QueueStats::Offered(double at) {
  At(at, [](StatsWindow& w) { ++w.offered; });
}

void QueueStats::Answered(double at, double waited) {
  const bool in_time = waited <= answer_within_;
  At(at, [&](StatsWindow& w) {
    ++w.answered;
    w.answered_in_time += in_time;
    w.answer_wait_seconds += waited;
  });
}

void QueueStats::Abandoned(double at, double waited) {
  const bool in_time = waited <= answer_within_;
  At(at, [&](StatsWindow& w) {
    ++w.abandoned;
    w.abandoned_in_time += in_time;
  });
}

void QueueStats::Overflowed(double at) {
  At(at, [](StatsWindow& w) { ++w.overflowed; });
}

void QueueStats::Released(double at) {
  At(at, [](StatsWindow& w) { ++w.released; });
}

void QueueStats::OperatorTime(double from, double to, bool busy) {
  // Earlier days are gone once `to` is reached, and only the minutes the ring still holds
  // need the span split by minute: the older part counts for the day alone.
  from = std::max(from, std::floor(to / kDay) * kDay);
  if (from >= to) return;
  auto add = [&](double span) {
    return [span, busy](StatsWindow& w) {
      w.staffed_seconds += span;
      if (busy) w.busy_seconds += span;
    };
  };
  const double recent = std::max(from, static_cast<double>(MinuteOf(to) - kMinutes) * 60);
  if (recent > from) At(from, add(recent - from), /*minute_too=*/false);
  for (double at = recent; at < to;) {
    const double end = std::min(to, (std::floor(at / 60) + 1) * 60);
    At(at, add(end - at));
    at = end;
  }
}

StatsWindow QueueStats::Today(double now) const {
  return DayOf(now) == day_ ? today_ : StatsWindow{};
}

StatsWindow QueueStats::Last15Minutes(double now) const {
  const std::int64_t current = MinuteOf(now);
  StatsWindow sum;
  for (const Bucket& b : minutes_) {
    if (b.minute > current - kMinutes && b.minute <= current) sum += b.window;
  }
  return sum;
}

}  // namespace lifeline::contact_centre
