#pragma once
// The camp administrator's console pages (console_camp_pages.cpp, capture_card_page.cpp).

#include <map>
#include <string>
#include <vector>

#include "app/accounts/sessions.hpp"
#include "app/camp/camp.hpp"

namespace lifeline::server {

/// What a page says after a form: an error, or what was done.
struct CampNotes {
  std::string error;
  std::string done;
};

std::string ConsoleCampsPage(const app::SessionInfo& session,
                             const std::vector<camp::CampRecord>& camps, const CampNotes& notes);
/// The camp: its rules, prisoners (clear fields), overdue capture cards, the registration
/// form and the links to the bureau's list.
std::string ConsoleCampPage(const app::SessionInfo& session, const camp::CampRecord& camp,
                            const std::vector<app::Prisoner>& prisoners, const CampNotes& notes);
/// One prisoner: his fields (opened), the month's statement and the forms for postings,
/// movements and the capture card.
std::string ConsolePrisonerPage(const app::SessionInfo& session, const camp::CampRecord& camp,
                                const app::Prisoner& prisoner,
                                const app::AccountStatement& statement, const std::string& month,
                                const std::vector<camp::WorkShift>& shifts, const CampNotes& notes);
/// The information bureau's list (Art. 122) with the form that marks it sent.
std::string ConsoleBureauPage(const app::SessionInfo& session, const camp::CampRecord& camp,
                              const std::vector<app::BureauLine>& lines, const CampNotes& notes);
/// The phone line's day: the fixed rota, printable for the guard, with a form per slot for
/// its outcome, and the standby list.
std::string ConsolePhoneDayPage(const app::SessionInfo& session, const camp::CampRecord& camp,
                                const app::CampService::DayOnTheLine& day, const CampNotes& notes);
/// The month's mail per prisoner, with Art. 71 shortfalls.
std::string ConsoleMailPage(const app::SessionInfo& session, const camp::CampRecord& camp,
                            const std::string& month,
                            const std::vector<app::CampService::MailRow>& rows);
/// The prisoner page's routine forms: labour, shifts, the phone list and the mail log.
std::string PrisonerRoutineForms(const app::SessionInfo& session, std::int64_t prisoner_id,
                                 const std::vector<camp::WorkShift>& shifts);

/// GC III Annex IV's capture card, in the prisoner's language and the camp's, to print.
std::string CaptureCardPage(const camp::CampRecord& camp, const app::Prisoner& prisoner);

}  // namespace lifeline::server
