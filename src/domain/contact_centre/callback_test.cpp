#include "domain/contact_centre/callback.hpp"

#include <gtest/gtest.h>

namespace lifeline::contact_centre {
namespace {

using namespace std::chrono;

// Sunday 2026-11-22, 10:00 UTC.
const sys_seconds kSundayMorning = sys_days{year{2026} / 11 / 22} + hours{10};

Callback Valid(std::vector<std::string> windows, std::string offset = "+03:00") {
  return ValidateCallback({"+7 (900) 000-00-00", std::move(windows), std::move(offset), "ru"})
      .value();
}

TEST(ValidateCallback, NormalisesTheNumberAndRefusesWhatIsNotOne) {
  EXPECT_EQ(Valid({"mon-fri 19:00-21:00"}).number, "+79000000000");
  auto draft = [](std::string number) {
    return CallbackDraft{std::move(number), {"mon 10:00-11:00"}, "", ""};
  };
  EXPECT_EQ(ValidateCallback(draft("1234")).error().field, "number");
  EXPECT_EQ(ValidateCallback(draft("123456789012345678901")).error().field, "number");
  EXPECT_EQ(ValidateCallback(draft("+7 900 abc")).error().field, "number");
  EXPECT_EQ(ValidateCallback(draft("79+000000")).error().field, "number");
  EXPECT_EQ(ValidateCallback({"+79000000000", {}, "", ""}).error().field, "windows");
  EXPECT_EQ(ValidateCallback({"+79000000000", {"whenever"}, "", ""}).error().field, "windows");
  EXPECT_EQ(ValidateCallback({"+79000000000", {"mon 10:00-11:00"}, "+25:00", ""}).error().field,
            "utc_offset");
  EXPECT_EQ(ValidateCallback({"+79000000000", {"mon 10:00-11:00"}, "", "de"}).error().field,
            "language");
}

TEST(NextCallbackSlot, IsAlwaysInsideTheCallersWindowInTheirTimeZone) {
  // Weekday evenings 19:00–21:00 at UTC+3 are 16:00–18:00 UTC; on a Sunday the next is Monday.
  const Callback c = Valid({"mon-fri 19:00-21:00"});
  const ContactWindow slot = NextCallbackSlot(c, kSundayMorning);
  EXPECT_EQ(slot.start, sys_days{year{2026} / 11 / 23} + hours{16});
  EXPECT_EQ(slot.end, sys_days{year{2026} / 11 / 23} + hours{18});
  // Inside a window, at once; a retry that would fall after the window moves to the next one.
  const auto inside = sys_days{year{2026} / 11 / 23} + hours{17};
  EXPECT_EQ(NextCallbackSlot(c, inside).start, inside);
  const auto late = sys_days{year{2026} / 11 / 23} + hours{18};
  EXPECT_EQ(NextCallbackSlot(c, late).start, sys_days{year{2026} / 11 / 24} + hours{16});
  // Every slot over two weeks of retries lies inside a window.
  for (auto t = kSundayMorning; t < kSundayMorning + days{14}; t += minutes{37}) {
    const ContactWindow s = NextCallbackSlot(c, t);
    EXPECT_TRUE(s.Contains(s.start));
    EXPECT_GE(s.start, t);
  }
}

}  // namespace
}  // namespace lifeline::contact_centre
