// The console's camp pages, each one call (camp.hpp, "AtCamp"): the camp first, then what
// the page lists, through the same use cases the API calls one by one.

#include <functional>

#include "app/camp/camp.hpp"

namespace lifeline::app {
namespace {

template <class T>
Result<CampService::AtCamp<T>> Beside(Result<store::CampRecord> camp,
                                      const std::function<Result<T>()>& read) {
  if (!camp) return camp.error();
  auto content = read();
  if (!content) return content.error();
  return CampService::AtCamp<T>{std::move(*camp), std::move(*content)};
}

}  // namespace

Result<CampService::AtCamp<std::vector<Prisoner>>> CampService::PrisonersAt(const Actor& actor,
                                                                            std::int64_t camp_id) {
  return Beside<std::vector<Prisoner>>(Camp(actor, camp_id),
                                       [&] { return Prisoners(actor, camp_id); });
}

Result<CampService::AtCamp<std::vector<BureauLine>>> CampService::BureauListAt(
    const Actor& actor, std::int64_t camp_id) {
  return Beside<std::vector<BureauLine>>(Camp(actor, camp_id),
                                         [&] { return BureauList(actor, camp_id); });
}

Result<CampService::AtCamp<CampService::DayOnTheLine>> CampService::PhoneDayAt(
    const Actor& actor, std::int64_t camp_id, const std::string& day) {
  return Beside<DayOnTheLine>(Camp(actor, camp_id), [&] { return PhoneDay(actor, camp_id, day); });
}

Result<CampService::AtCamp<std::vector<CampService::MailRow>>> CampService::MailMonthAt(
    const Actor& actor, std::int64_t camp_id, std::chrono::year_month month) {
  return Beside<std::vector<MailRow>>(Camp(actor, camp_id),
                                      [&] { return MailMonth(actor, camp_id, month); });
}

Result<CampService::AtCamp<Prisoner>> CampService::CaptureCardOf(const Actor& actor,
                                                                 std::int64_t prisoner_id) {
  auto prisoner = GetPrisoner(actor, prisoner_id);
  if (!prisoner) return prisoner.error();
  auto camp = store_.GetCamp(prisoner->stored.camp_id);
  if (!camp) return camp.error();
  return AtCamp<Prisoner>{std::move(*camp), std::move(*prisoner)};
}

}  // namespace lifeline::app
