#pragma once
// What the office route files share: the services behind the routes, and how a request is
// authenticated (session cookie, CSRF token, second-factor enrolment). Internal to server/.

#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/accounts/sessions.hpp"
#include "app/accounts/two_factor.hpp"
#include "app/audit/audit_log.hpp"
#include "app/cases/office.hpp"
#include "server/console_text.hpp"
#include "server/http.hpp"
#include "server/office_routes.hpp"

namespace lifeline::server::office {

inline constexpr std::string_view kCookie = "lifeline_session";

/// The sessions as the routes use them: a request that authenticates is then rendered in its
/// account's console language (server/console_text.hpp) until Router::Dispatch ends.
class RouteSessions {
 public:
  explicit RouteSessions(app::Sessions& sessions) : sessions_(sessions) {}
  Result<app::SessionInfo> Authenticate(const std::string& token, bool refresh = true) {
    auto session = sessions_.Authenticate(token, refresh);
    if (session) console::UseLanguage(session->console_language);
    return session;
  }
  template <typename... Args>
  auto SignIn(Args&&... args) {
    return sessions_.SignIn(std::forward<Args>(args)...);
  }
  void SignOut(const std::string& token) { sessions_.SignOut(token); }
  void SignOutEverywhere(const std::string& token) { sessions_.SignOutEverywhere(token); }
  Status ChangePassword(const std::string& token, const std::string& current,
                        const std::string& chosen) {
    return sessions_.ChangePassword(token, current, chosen);
  }
  Status SetOwnConsoleLanguage(const std::string& token, Language language) {
    return sessions_.SetOwnConsoleLanguage(token, language);
  }

 private:
  app::Sessions& sessions_;
};

struct Context {
  app::OfficeService& office;
  RouteSessions sessions;
  app::AuditLog& audit;
  app::TwoFactor& two_factor;
  OfficeRouteOptions options;
  app::ContactCentreService* contact_centre = nullptr;  // null when it does not run
};

using OfficeHandler = void (*)(Context&, Request&, Respond);

/// Turns an office handler into a router handler bound to the shared context.
///
/// With `needs` (any one of the permissions), an API call is authenticated and its role
/// checked before the handler reads anything the caller sent: a role without the permission
/// gets 401/403, never a 400 that describes the body, a 404 that tells which records exist,
/// or a 404 saying which modules run. The handler still checks the record-level rules (an
/// operator's own cases) through the app layer. Calls without `needs` are public or open to
/// every role (sign-in, one's own second factor).
class Bind {
 public:
  explicit Bind(std::shared_ptr<Context> ctx) : ctx_(std::move(ctx)) {}
  server::Handler operator()(OfficeHandler fn) const;
  server::Handler operator()(OfficeHandler fn, std::initializer_list<app::Permission> needs) const;

 private:
  std::shared_ptr<Context> ctx_;
};

/// A positive decimal id, or nullopt.
std::optional<std::int64_t> ParseId(const std::string& text);
/// A case version: a decimal number from 0, or nullopt.
std::optional<std::int64_t> ParseVersion(const std::string& text);
std::string FormField(const std::multimap<std::string, std::string>& form, const std::string& key);
Response Redirect(std::string location);

/// Authenticates by cookie; for state-changing calls also requires X-CSRF-Token. A session
/// that must still enrol a second factor reaches only the enrolment calls.
Result<app::SessionInfo> ApiAuth(Context& ctx, const Request& request, bool changes_state,
                                 bool enrolment_call = false);

/// For a page shown before anyone signs in (the sign-in form): the console's language the
/// browser prefers (Accept-Language among ru, uk, en), else Russian.
void UseBrowserLanguage(const Request& request);

/// Console form posts: a valid session and the form's CSRF token (field "csrf").
Result<app::SessionInfo> ConsoleAuth(Context& ctx, const Request& request,
                                     std::multimap<std::string, std::string>* form_out);

/// A console GET's session; nullopt once answered: 303 to sign in, or to the security page
/// for a session that must still enrol a second factor.
std::optional<app::SessionInfo> ConsoleViewer(Context& ctx, const Request& request,
                                              const Respond& respond);
/// An error as a console page with its HTTP status.
Response ConsoleRefusal(const Error& e);
/// ConsoleViewer for a module that may not run (camps, help abroad): when it does not, a 404
/// page saying `not_running`.
std::optional<app::SessionInfo> ConsoleModuleViewer(Context& ctx, const Request& request,
                                                    const Respond& respond, bool running,
                                                    const char* not_running);
/// A console form post to such a module: its session (CSRF-checked) and form; nullopt once
/// answered with a redirect to the start (no session, a bad form, or the module not running).
std::optional<app::SessionInfo> ConsoleModulePoster(Context& ctx, const Request& request,
                                                    std::multimap<std::string, std::string>& form,
                                                    const Respond& respond, bool running);

/// An API GET's session, when the module behind it runs (`running`; else 404 with
/// `not_running`); nullopt once the error is answered.
std::optional<app::SessionInfo> ApiReader(Context& ctx, Request& request, const Respond& respond,
                                          bool running, const Error& not_running);
/// The path's {id}; nullopt once 404 "no such `what`" is answered.
std::optional<std::int64_t> ApiPathId(Request& request, const Respond& respond, const char* what);

/// A state-changing JSON call: its session (CSRF-checked), its body and, for a call on
/// one resource, the {id} of its path.
struct JsonPost {
  app::SessionInfo session;
  std::int64_t id = 0;
  nlohmann::json doc;
};

/// Nullopt after answering with the error: 401/403 for the session or CSRF token, 415 for
/// another content type, 404 for a bad {id} (when `with_id`), 400 for a body that is not a
/// JSON object (`usage` says what to send).
std::optional<JsonPost> ReadJsonPost(Context& ctx, Request& request, const Respond& respond,
                                     bool with_id, std::string_view usage);
/// ReadJsonPost when the module behind it runs (`running`; else 404 with `not_running`).
std::optional<JsonPost> ApiWriter(Context& ctx, Request& request, const Respond& respond,
                                  bool running, const Error& not_running, bool with_id,
                                  std::string_view usage);

/// A console form posted about one case, with its session (CSRF-checked) and case id.
struct CaseFormPost {
  app::SessionInfo session;
  std::int64_t id = 0;
  std::multimap<std::string, std::string> form;
};

/// Nullopt after answering with a redirect: to the start for no session, a bad form or a bad
/// id; to the security page for a session that must still enrol a second factor.
std::optional<CaseFormPost> ReadCaseFormPost(Context& ctx, Request& request,
                                             const Respond& respond);

/// A list's page from ?page= (from 1) and ?per_page= (1 to 200, 50 unless given); a 400 naming
/// the field otherwise. Cases and audit entries are listed in such pages.
struct Paging {
  int page = 1;
  int per_page = 50;
};
Result<Paging> PagingFrom(const Request& request);

/// The case list's filter from ?status=, ?situation= and ?review=1, without paging; a 400
/// naming the field otherwise (cases/case_routes.cpp).
Result<CaseFilter> CaseListFilterFrom(const Request& request);

/// Signing in and out, one's own second factor and the security page
/// (accounts/account_routes.cpp).
void AddAccountRoutes(Router& router, const Bind& bind);
void AddAccountAdminRoutes(Router& router, const Bind& bind);
/// The case list, one case, replies, claiming and deleting (cases/case_routes.cpp).
void AddCaseRoutes(Router& router, const Bind& bind);
/// The case list as a file for coordinators (cases/case_list_export.cpp).
void AddCaseListExportRoutes(Router& router, const Bind& bind);
/// The audit log for auditors (audit/audit_routes.cpp).
void AddAuditRoutes(Router& router, const Bind& bind);
/// The contact centre's API (contact_centre_routes.cpp), with its callbacks and voice line
/// (contact_centre_callback_routes.cpp).
void AddContactCentreRoutes(Router& router, const Bind& bind);
void AddContactCentreCallbackRoutes(Router& router, const Bind& bind);
/// The camps' API (camp_routes.cpp) and console pages (console_camp_routes.cpp).
void AddCampRoutes(Router& router, const Bind& bind);
void AddConsoleCampRoutes(Router& router, const Bind& bind);
/// Help abroad's API (abroad_routes.cpp) and console pages (console_abroad_routes.cpp).
void AddAbroadRoutes(Router& router, const Bind& bind);
void AddConsoleAbroadRoutes(Router& router, const Bind& bind);
/// The camps' daily routine over the API (camp_routine_routes.cpp).
void AddCampRoutineRoutes(Router& router, const Bind& bind);
/// The console's contact-centre pages (called by AddContactCentreRoutes).
void AddConsoleContactCentreRoutes(Router& router, const Bind& bind);
/// The two-person rule's requests and approvals (audit/approval_routes.cpp).
void AddApprovalRoutes(Router& router, const Bind& bind);
/// Alerts, canary cases and the office key's custodians (audit/alert_routes.cpp).
void AddAlertRoutes(Router& router, const Bind& bind);
/// The custody circumstance routes (custody_routes.cpp).
void AddCustodyRoutes(Router& router, const Bind& bind);
/// Group (unit) cases (group_routes.cpp).
void AddGroupRoutes(Router& router, const Bind& bind);
/// The follow-up routes and the console's "today" page (followup_routes.cpp).
void AddFollowupRoutes(Router& router, const Bind& bind);
/// Screening markers (screening_routes.cpp).
void AddScreeningRoutes(Router& router, const Bind& bind);
/// Search (search_routes.cpp).
void AddSearchRoutes(Router& router, const Bind& bind);
/// Statistics (statistics_routes.cpp).
void AddStatisticsRoutes(Router& router, const Bind& bind);
/// SMS and messenger conversations: replies queued for the applicant's phone, their states,
/// blocking a sender and the SMS part count (channel_routes.cpp).
void AddChannelRoutes(Router& router, const Bind& bind);
/// An operator's reply to case `case_id`: over the case's SMS or messenger conversation when
/// it has one (queued for his safe window), else into the web conversation only.
Status ReplyToApplicant(Context& ctx, const app::Actor& actor, std::int64_t case_id,
                        std::string_view text);
/// The case's SMS or messenger conversation for its page, or nullopt (none, not running, or
/// not for this operator).
std::optional<app::ConversationView> ConversationOf(Context& ctx, const app::Actor& actor,
                                                    std::int64_t case_id);
/// The case workflow routes (workflow_routes.cpp).
void AddWorkflowRoutes(Router& router, const Bind& bind);

}  // namespace lifeline::server::office
