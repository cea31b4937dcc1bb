#include "app/demo_data.hpp"

#include <fmt/format.h>

#include <array>
#include <atomic>
#include <cmath>
#include <future>
#include <random>
#include <thread>

namespace lifeline::app {
namespace {

constexpr std::array<std::string_view, 12> kFirstNames = {"Иван",   "Пётр",   "Алексей", "Дмитрий",
                                                          "Сергей", "Андрей", "Максим",  "Егор",
                                                          "Кирилл", "Никита", "Олег",    "Роман"};
// Invented surname stems; joined with a suffix they make names no register holds on purpose.
constexpr std::array<std::string_view, 10> kStems = {"Пример", "Тестов",  "Образц", "Вымышл",
                                                     "Условн", "Демон",   "Макет",  "Пробн",
                                                     "Учебн",  "Черновик"};
constexpr std::array<std::string_view, 3> kSuffixes = {"ов", "ин", "ский"};
constexpr std::array<std::string_view, 6> kRanks = {"рядовой", "ефрейтор",  "младший сержант",
                                                    "сержант", "лейтенант", "капитан"};
constexpr std::array<std::string_view, 5> kSituations = {
    "serving", "expecting_mobilization", "mobilized_training", "at_front", "relative"};
constexpr std::array<std::string_view, 5> kChannels = {"phone", "sms", "telegram", "signal",
                                                       "none"};
constexpr std::array<std::string_view, 4> kLanguages = {"ru", "ru", "uk", "be"};
constexpr std::array<std::string_view, 4> kWindows = {"mon-fri 19:00-21:00", "sat,sun 10:00-12:00",
                                                      "22:00-23:30", "пн-пт 07:00-08:00"};

// Relative weight of a day `days_ago`: a trickle before mobilization day, then a flood that
// decays with a half-life of about ten days.
double DayWeight(int days_ago, int mobilization_days_ago) {
  if (days_ago > mobilization_days_ago) return 1.0;
  const int since = mobilization_days_ago - days_ago;
  return 1.0 + 30.0 * std::exp(-since / 14.0);
}

ApplicationDraft MakeDraft(std::mt19937& rng, int index, std::chrono::year_month_day today) {
  auto pick = [&](const auto& list) { return std::string(list[rng() % list.size()]); };
  ApplicationDraft d;
  d.situation = pick(kSituations);
  const int group_roll = static_cast<int>(rng() % 100);
  if (group_roll < 80) {
    d.group_kind = "alone";
  } else if (group_roll < 95) {
    d.group_kind = "with_others";
    d.group_size = 2 + rng() % 6;
  } else {
    d.group_kind = "unit";
    d.group_size = 10 + rng() % 120;
  }
  d.contact_channel = pick(kChannels);
  if (d.contact_channel != "none") {
    d.contact_handle =
        d.contact_channel == "telegram" || d.contact_channel == "signal"
            ? fmt::format("@demo_contact_{:05}", index)
            : fmt::format("+000 00 {:03}-{:02}-{:02}", index % 1000, rng() % 100, rng() % 100);
  }
  d.safe_windows = {pick(kWindows)};
  d.name = fmt::format("{} {}{}", pick(kFirstNames), pick(kStems), pick(kSuffixes));
  d.rank = pick(kRanks);
  d.unit = fmt::format("учебная часть-пример №{}", 100 + rng() % 50);
  d.location = fmt::format("населённый пункт-пример {}", 1 + rng() % 40);
  d.message = "Синтетическая заявка для демонстрации. Хочу узнать, как безопасно выйти на связь.";
  d.language = pick(kLanguages);
  if (rng() % 4 == 0) {
    const auto deploy = std::chrono::sys_days{today} + std::chrono::days{3 + rng() % 60};
    d.deploy_by = FormatIsoDate(std::chrono::year_month_day{deploy});
  }
  return d;
}

}  // namespace

Result<int> SeedDemoApplications(IntakeService& intake, const Clock& clock,
                                 const DemoOptions& options) {
  const auto today = clock.Today();
  std::vector<double> weights;
  for (int days_ago = 0; days_ago < options.days; ++days_ago) {
    weights.push_back(DayWeight(days_ago, options.mobilization_days_ago));
  }
  std::atomic<int> stored{0};
  std::atomic<int> failed{0};
  auto worker = [&](int thread_index) {
    std::mt19937 rng(options.seed + static_cast<std::uint32_t>(thread_index));
    std::discrete_distribution<int> day_of(weights.begin(), weights.end());
    for (int i = thread_index; i < options.applications; i += options.threads) {
      const ApplicationDraft draft = MakeDraft(rng, i, today);
      // Deploy-by dates are checked against the day the demo runs; the received day is past.
      auto valid = ValidateApplication(draft, today);
      if (!valid) {
        failed++;
        continue;
      }
      const auto received = std::chrono::sys_days{today} - std::chrono::days{day_of(rng)} +
                            std::chrono::seconds{rng() % 86400};
      // Retry while the writer's queue is full: the demo may outrun the disk.
      for (;;) {
        std::promise<bool> accepted;
        intake.SubmitValid(
            *valid, std::chrono::floor<std::chrono::seconds>(received), [&](Result<Receipt> r) {
              if (r.ok()) stored++;
              if (!r.ok() && r.error().code != ErrorCode::kUnavailable) failed++;
              accepted.set_value(r.ok() || r.error().code != ErrorCode::kUnavailable);
            });
        if (accepted.get_future().get()) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < options.threads; ++t) threads.emplace_back(worker, t);
  for (auto& t : threads) t.join();
  if (failed > 0) return Error{ErrorCode::kInternal, "some demo applications could not be stored"};
  return stored.load();
}

}  // namespace lifeline::app
