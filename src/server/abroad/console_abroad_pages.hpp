#pragma once
// The caseworker's console pages for people abroad (console_abroad_pages.cpp,
// console_abroad_forms.cpp). The board shows numbers, never names; a person's own page opens
// his record (audited).

#include <optional>
#include <string>
#include <vector>

#include "app/abroad/abroad.hpp"
#include "app/accounts/sessions.hpp"
#include "domain/abroad/penalty.hpp"

namespace lifeline::server {

/// What a page says after a form: an error, or what was done.
struct AbroadNotes {
  std::string error;
  std::string done;
};

/// The risk board: who is in danger first, page `page` (from 0), alerts only or all.
std::string ConsoleAbroadBoardPage(const app::SessionInfo& session,
                                   const std::vector<app::BoardLine>& lines, std::size_t page,
                                   bool alerts_only, const AbroadNotes& notes);
/// Blank rows the form shows under each list's filled ones: one, and one more each time the
/// caseworker asks for another (a person has as many documents, cases, relatives and earlier
/// stays as he has; the form works without JavaScript).
struct AbroadFormBlankRows {
  std::size_t documents = 1;
  std::size_t cases = 1;
  std::size_t family = 1;
  std::size_t stays = 1;
};

/// The form for a new person (`person` empty) or for changing his record, refilled with
/// `draft` after a refusal or a request for another row.
std::string ConsoleAbroadPersonFormPage(const app::SessionInfo& session,
                                        std::optional<std::int64_t> person,
                                        const app::PersonAbroadDraft& draft,
                                        const std::vector<abroad::CountryRecord>& countries,
                                        const AbroadNotes& notes,
                                        const AbroadFormBlankRows& blank = {});

/// Everything the person's page shows, read in one call.
using PersonAbroadPageData = app::AbroadService::PersonFile;
std::string ConsoleAbroadPersonPage(const app::SessionInfo& session,
                                    const PersonAbroadPageData& data, const AbroadNotes& notes);
/// The countries' stay rules and the board's lead times, with the forms that change them.
std::string ConsoleCountriesPage(const app::SessionInfo& session,
                                 const std::vector<abroad::CountryRecord>& countries,
                                 const abroad::LeadTimes& lead, const AbroadNotes& notes);
/// Partner organisations, whether each has a key, and (for administrators) the form to add one.
/// `signing_key`: the organisation's referral-signing public key, for partners to trust.
std::string ConsolePartnersPage(const app::SessionInfo& session,
                                const std::vector<abroad::PartnerRecord>& partners,
                                const std::string& signing_key, const AbroadNotes& notes);

/// Labels shared by the pages, in the console's language (the Russian words are the keys).
std::string_view RiskRu(abroad::RiskKind kind);
/// Every kind of risk, in the order the console lists them.
inline constexpr abroad::RiskKind kRiskKinds[] = {
    abroad::RiskKind::kExtraditionHearing, abroad::RiskKind::kDeportation,
    abroad::RiskKind::kStayEnds,           abroad::RiskKind::kAppealDeadline,
    abroad::RiskKind::kCourtHearing,       abroad::RiskKind::kAsylumInterview,
    abroad::RiskKind::kDocumentExpires};
std::string_view WantedRu(abroad::WantedStatus status);
std::string_view NeedRu(abroad::Need need);
std::string_view DocumentRu(abroad::DocumentKind kind);
std::string_view ProceedingRu(abroad::ProceedingKind kind);
std::string_view PathwayRu(abroad::PathwayKind kind);
std::string_view StepStatusRu(abroad::StepStatus status);
/// An article's offence in the console's language: the penalty table's own Ukrainian or English
/// words, its Russian for Russian or where the table has no other.
std::string_view OffenceText(const abroad::PenaltyArticle& article);

/// The page's notices: a refusal (role="alert") and what was done (role="status").
std::string AbroadNotesHtml(const AbroadNotes& notes);

/// A country's name or note as the console shows it: one the database was seeded with in the
/// reader's language, one a caseworker wrote as written.
std::string_view CountryText(std::string_view stored);

}  // namespace lifeline::server
