#pragma once
// The operators' console, in the request's console language (server/console_text.hpp; Russian
// is the source). Pure rendering. Pages work without script; web/console.js adds keyboard
// shortcuts and web/statistics.js charts.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/accounts/sessions.hpp"
#include "app/audit/audit_log.hpp"
#include "app/cases/office.hpp"
#include "app/channels/channel_conversations.hpp"
#include "app/contact_centre/contact_centre.hpp"
#include "domain/contact_centre/staffing.hpp"

namespace lifeline::server {

/// The sign-in form; `failed` shows an error, `wait_seconds` > 0 says how long to wait.
std::string ConsoleLoginPage(bool failed, int wait_seconds = 0);

struct CaseListView {
  const CasePage& page;
  int page_number;  // 1-based
  int per_page;
  std::string status_filter;
  std::string situation_filter;
  bool review = false;  // the screening review queue
};
std::string ConsoleCaseListPage(const app::SessionInfo& session, const CaseListView& view);
struct SecurityView {
  bool enabled = false;
  bool required = false;
  std::string qr_svg;                       // set while enrolling
  std::string secret_base32;                // set while enrolling
  std::vector<std::string> recovery_codes;  // set once, right after enrolling
  std::string error;
  bool password_changed = false;  // right after the account set its own password
};
std::string ConsoleSecurityPage(const app::SessionInfo& session, const SecurityView& view);
/// A refused password change (app::Sessions::ChangePassword, or two new passwords that
/// differ) as the security page says it.
std::string PasswordErrorRu(const Error& error);

/// Offers to claim case `case_id`; `reason` says why it cannot be opened yet.
std::string ConsoleClaimPage(const app::SessionInfo& session, std::int64_t case_id,
                             const std::string& reason);

/// `conversation`: the case's SMS or messenger conversation, when it came in that way (its
/// replies go to his phone in his safe window); null otherwise.
std::string ConsoleCasePage(const app::SessionInfo& session, const app::CaseDetails& details,
                            const std::string& error,
                            const app::ConversationView* conversation = nullptr);

/// The search form and, after a search, its results (`page` null before one).
std::string ConsoleSearchPage(const app::SessionInfo& session, const app::SearchQuery& query,
                              const app::SearchPage* page, const std::string& error);

/// Aggregates as charts (Chart.js, drawn from `report_json`, the API's document) and as
/// tables with bars drawn in CSS, which need no script.
std::string ConsoleStatisticsPage(const app::SessionInfo& session,
                                  const app::StatisticsReport& report,
                                  std::string_view report_json);

/// The statistics as a report to print or save as PDF: the same tables, a title saying the
/// period, when it was made and by which rule cells are hidden; no menu, no charts.
std::string ConsoleStatisticsReportPage(const app::StatisticsReport& report, int days,
                                        std::chrono::sys_seconds made_at);

/// What needs doing: tasks due within a day (overdue marked) and cases deploying soon.
std::string ConsoleTodayPage(const app::SessionInfo& session, const app::WorkQueue& queue);

/// A group (unit) case: plan, members (the split form), adding and merging, history.
/// `added`, when set, is a member just added, whose receipt is shown this once.
std::string ConsoleGroupPage(const app::SessionInfo& session, const app::GroupDetails& group,
                             const std::string& error, const app::AddedMember* added = nullptr);
/// The case page's link to its group (as its contact or as a member); empty for none.
std::string GroupLinkHtml(const app::CaseDetails& details);

/// The contact centre's wallboard as it is now (web/wallboard.js keeps it live), with the
/// coordinators' forms for operators and lines.
std::string ConsoleWallboardPage(const app::SessionInfo& session, const app::Wallboard& board,
                                 const std::string& error = "");
/// The staffing planner's form (as typed) and, when computed, the plan.
using StaffingForm = std::map<std::string, std::string>;
std::string ConsoleStaffingPage(const app::SessionInfo& session, const StaffingForm& form,
                                const contact_centre::StaffingPlan* plan, const std::string& error);

/// What the callbacks page says after a form: an error, or what was done; and the request
/// form's fields as typed (never the number).
using CallbackForm = std::map<std::string, std::string>;
struct CallbackPageNotes {
  std::string error;
  std::string done;
  CallbackForm typed;
};
/// Safe callbacks in one status, without their numbers, and the request form.
std::string ConsoleCallbacksPage(const app::SessionInfo& session,
                                 contact_centre::CallbackStatus shown,
                                 const std::vector<contact_centre::StoredCallback>& rows,
                                 const CallbackPageNotes& notes);

/// What the custody page shows of the sealed circumstance: whether one is recorded, the
/// viewer's request for a second person's approval to read it, and the value only on the
/// one read an approval allows (app/audit/approvals.hpp).
struct CustodyReading {
  bool recorded = false;
  std::optional<app::ApprovalRequest> request;
  std::optional<CustodyCircumstance> revealed;
};

/// The sealed custody circumstance of one case, for a role that may read or record it: the
/// two-person read and the form to record it.
std::string ConsoleCustodyPage(const app::SessionInfo& session, std::int64_t case_id,
                               const CustodyReading& reading, const std::string& error);

/// The two-person rule's open requests (last 30 minutes), each with an approve button for a
/// viewer who may approve it.
std::string ConsoleApprovalsPage(const app::SessionInfo& session,
                                 const std::vector<app::ApprovalRequest>& requests,
                                 const std::string& error);

/// An administrator's landing page: what the role does, each with its page, and sign-out
/// (in the header). Administrators read no cases (app/accounts/actor.cpp).
std::string ConsoleAdminPage(const app::SessionInfo& session);

}  // namespace lifeline::server
