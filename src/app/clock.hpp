#pragma once
// Wall-clock access for the app layer, injectable so tests and the demo can fix "today".

#include <chrono>
#include <cstdint>

namespace lifeline::app {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::chrono::sys_seconds Now() const = 0;
  /// Seconds since the epoch with their fraction, for measuring waits (the contact centre).
  virtual double NowSeconds() const {
    return static_cast<double>(Now().time_since_epoch().count());
  }
  std::chrono::year_month_day Today() const {
    return std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(Now())};
  }
};

class SystemClock final : public Clock {
 public:
  std::chrono::sys_seconds Now() const override {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  }
  double NowSeconds() const override {
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

}  // namespace lifeline::app
