#include "server/office_routes.hpp"

#include <nlohmann/json.hpp>

#include "server/case_json.hpp"
#include "server/console_assets.hpp"
#include "server/console_pages.hpp"
#include "server/office_route_support.hpp"
#include "server/page.hpp"
#include "server/qr_svg.hpp"

namespace lifeline::server {
namespace {

using nlohmann::json;
using namespace office;

constexpr int kPerPage = 50;

std::string SessionCookie(const Context& ctx, const std::string& token) {
  return std::string(kCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict" +
         (ctx.options.secure_cookies ? "; Secure" : "");
}

// The sign-in device cookie (app/sign_in_device.hpp): an opaque token per account that
// signed in from this browser or client, so that guessing elsewhere never throttles it. It is
// sent back only to the sign-in route that set it.
constexpr std::string_view kDeviceCookie = "lifeline_device";

std::string DeviceCookie(const Context& ctx, const std::string& value, std::string_view path) {
  return std::string(kDeviceCookie) + "=" + value + "; Path=" + std::string(path) +
         "; Max-Age=" + std::to_string(app::SignInDevices::kLifetime.count()) +
         "; HttpOnly; SameSite=Strict" + (ctx.options.secure_cookies ? "; Secure" : "");
}

// A successful sign-in's cookies: the device cookie, then the session's (last, so a client
// that keeps one Set-Cookie keeps the session).
void SetSignInCookies(const Context& ctx, const app::NewSession& session, std::string_view path,
                      Response& response) {
  response.headers.emplace_back("Set-Cookie", DeviceCookie(ctx, session.device_cookie, path));
  response.headers.emplace_back("Set-Cookie", SessionCookie(ctx, session.token));
}

std::string ClearedCookie(const Context& ctx) {
  return std::string(kCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" +
         (ctx.options.secure_cookies ? "; Secure" : "");
}

struct Paging {
  int page = 1;
  int per_page = kPerPage;
};

Result<Paging> PagingFrom(const Request& request) {
  Paging paging;
  if (auto s = request.Query("per_page"); !s.empty()) {
    auto n = ParseId(s);
    if (!n || *n > 200) return InvalidInput("per_page must be between 1 and 200", "per_page");
    paging.per_page = static_cast<int>(*n);
  }
  if (auto s = request.Query("page"); !s.empty()) {
    auto n = ParseId(s);
    if (!n || *n > 1'000'000) return InvalidInput("page must be a positive number", "page");
    paging.page = static_cast<int>(*n);
  }
  return paging;
}

Result<CaseFilter> FilterFrom(const Request& request, int* page_out) {
  CaseFilter filter;
  if (auto s = request.Query("status"); !s.empty()) {
    filter.status = ParseCaseStatus(s);
    if (!filter.status) return InvalidInput("unknown status", "status");
  }
  if (auto s = request.Query("review"); !s.empty()) {
    if (s != "1") return InvalidInput("review must be 1 or absent", "review");
    filter.needs_review = true;
  }
  if (auto s = request.Query("situation"); !s.empty()) {
    filter.situation = ParseSituation(s);
    if (!filter.situation) return InvalidInput("unknown situation", "situation");
  }
  auto paging = PagingFrom(request);
  if (!paging) return paging.error();
  filter.limit = paging->per_page;
  filter.offset = (paging->page - 1) * paging->per_page;
  *page_out = paging->page;
  return filter;
}

json AuditJson(const store::AuditRecord& r) {
  return {{"seq", r.seq},
          {"at", r.at},
          {"actor_user_id", r.actor_user_id},
          {"actor_name", r.actor_name},
          {"action", r.action},
          {"target", r.target}};
}

// ---- JSON API ------------------------------------------------------------------------------

void ApiSignIn(Context& ctx, Request& request, Respond respond) {
  if (!HasMediaType(request, "application/json")) {
    return respond(JsonError(415, "unsupported_media_type", "send the body as application/json"));
  }
  const json doc = json::parse(request.body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.value("name", json()).is_string() ||
      !doc.value("password", json()).is_string()) {
    return respond(JsonError(InvalidInput("send {\"name\": \"...\", \"password\": \"...\"}")));
  }
  const json code = doc.value("code", json(""));
  if (!code.is_string()) return respond(JsonError(InvalidInput("code: must be a string", "code")));
  auto session =
      ctx.sessions.SignIn(doc["name"].get<std::string>(), doc["password"].get<std::string>(),
                          code.get<std::string>(), request.source, request.Cookie(kDeviceCookie));
  if (!session) return respond(JsonError(session.error()));
  Response r{200,
             "application/json",
             json{{"user", session->actor.name},
                  {"role", ToString(session->actor.role)},
                  {"csrf_token", session->csrf_token}}
                 .dump(),
             {}};
  SetSignInCookies(ctx, *session, "/api/v1/session", r);
  respond(std::move(r));
}

// Reads {"code": "..."} from a JSON body.
Result<std::string> CodeFrom(const Request& request) {
  const json doc = json::parse(request.body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.value("code", json()).is_string()) {
    return InvalidInput("send {\"code\": \"123456\"}", "code");
  }
  return doc["code"].get<std::string>();
}

void ApiBeginSecondFactor(Context& ctx, Request& request, Respond respond) {
  auto session = ApiAuth(ctx, request, true, true);
  if (!session) return respond(JsonError(session.error()));
  auto enrollment = ctx.two_factor.Begin(session->actor);
  if (!enrollment) return respond(JsonError(enrollment.error()));
  respond(
      {200,
       "application/json",
       json{{"otpauth_uri", enrollment->otpauth_uri}, {"secret", enrollment->secret_base32}}.dump(),
       {}});
}

void ApiConfirmSecondFactor(Context& ctx, Request& request, Respond respond) {
  auto session = ApiAuth(ctx, request, true, true);
  if (!session) return respond(JsonError(session.error()));
  auto code = CodeFrom(request);
  if (!code) return respond(JsonError(code.error()));
  auto codes = ctx.two_factor.Confirm(session->actor, *code);
  if (!codes) return respond(JsonError(codes.error()));
  respond({200, "application/json", json{{"recovery_codes", *codes}}.dump(), {}});
}

void ApiDisableSecondFactor(Context& ctx, Request& request, Respond respond) {
  auto session = ApiAuth(ctx, request, true);
  if (!session) return respond(JsonError(session.error()));
  auto code = CodeFrom(request);
  if (!code) return respond(JsonError(code.error()));
  if (auto s = ctx.two_factor.Disable(session->actor, *code); !s)
    return respond(JsonError(s.error()));
  respond({204, "application/json", "", {}});
}

void ApiRequireSecondFactor(Context& ctx, Request& request, Respond respond) {
  auto session = ApiAuth(ctx, request, true);
  if (!session) return respond(JsonError(session.error()));
  const json doc = json::parse(request.body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.value("required", json()).is_boolean()) {
    return respond(JsonError(InvalidInput("send {\"required\": true|false}", "required")));
  }
  if (auto s = ctx.two_factor.SetRequired(session->actor, doc["required"].get<bool>()); !s) {
    return respond(JsonError(s.error()));
  }
  respond({204, "application/json", "", {}});
}

void ApiSignOutEverywhere(Context& ctx, Request& request, Respond respond) {
  auto session = ApiAuth(ctx, request, true, true);
  if (!session) return respond(JsonError(session.error()));
  ctx.sessions.SignOutEverywhere(request.Cookie(kCookie));
  Response r{204, "application/json", "", {}};
  r.headers.emplace_back("Set-Cookie", ClearedCookie(ctx));
  respond(std::move(r));
}

void ApiSignOut(Context& ctx, Request& request, Respond respond) {
  auto session = ApiAuth(ctx, request, true, true);
  if (!session) return respond(JsonError(session.error()));
  ctx.sessions.SignOut(request.Cookie(kCookie));
  Response r{204, "application/json", "", {}};
  r.headers.emplace_back("Set-Cookie", ClearedCookie(ctx));
  respond(std::move(r));
}

void ApiListCases(Context& ctx, Request& request, Respond respond) {
  auto session = ApiAuth(ctx, request, false);
  if (!session) return respond(JsonError(session.error()));
  int page = 1;
  auto filter = FilterFrom(request, &page);
  if (!filter) return respond(JsonError(filter.error()));
  auto cases = ctx.office.ListCases(session->actor, *filter);
  if (!cases) return respond(JsonError(cases.error()));
  json items = json::array();
  for (const auto& c : cases->items) items.push_back(SummaryJson(c));
  respond(
      {200,
       "application/json",
       json{{"items", items}, {"total", cases->total}, {"page", page}, {"per_page", filter->limit}}
           .dump(),
       {}});
}

void ApiGetCase(Context& ctx, Request& request, Respond respond) {
  auto session = ApiAuth(ctx, request, false);
  if (!session) return respond(JsonError(session.error()));
  auto id = ParseId(request.params["id"]);
  if (!id) return respond(JsonError(NotFound("no such case")));
  auto details = ctx.office.GetCase(session->actor, *id);
  if (!details) return respond(JsonError(details.error()));
  respond({200, "application/json", DetailsJson(*details).dump(), {}});
}

void ApiReply(Context& ctx, Request& request, Respond respond) {
  auto post = ReadJsonPost(ctx, request, respond, true, "{\"text\": \"...\"}");
  if (!post) return;
  if (!post->doc.value("text", json()).is_string()) {
    return respond(JsonError(InvalidInput("send {\"text\": \"...\"}", "text")));
  }
  auto status =
      ReplyToApplicant(ctx, post->session.actor, post->id, post->doc["text"].get<std::string>());
  if (!status) return respond(JsonError(status.error()));
  respond({201, "application/json", json{{"case_id", post->id}}.dump(), {}});
}

void ApiAudit(Context& ctx, Request& request, Respond respond) {
  auto session = ApiAuth(ctx, request, false);
  if (!session) return respond(JsonError(session.error()));
  auto paging = PagingFrom(request);
  if (!paging) return respond(JsonError(paging.error()));
  auto page = ctx.audit.List(session->actor, paging->page, paging->per_page);
  if (!page) return respond(JsonError(page.error()));
  json entries = json::array();
  for (const auto& r : page->entries) entries.push_back(AuditJson(r));
  json body{{"entries", entries},
            {"total", page->total},
            {"page", paging->page},
            {"per_page", paging->per_page}};
  // The newest signed checkpoint of the head (app/audit_anchor.hpp), for auditors to keep.
  body["checkpoint"] =
      page->checkpoint ? json::parse(app::CheckpointLine(*page->checkpoint)) : json();
  respond({200, "application/json", body.dump(), {}});
}

void ApiClaimCase(Context& ctx, Request& request, Respond respond) {
  auto session = ApiAuth(ctx, request, true);
  if (!session) return respond(JsonError(session.error()));
  auto id = ParseId(request.params["id"]);
  if (!id) return respond(JsonError(NotFound("no such case")));
  if (auto s = ctx.office.ClaimCase(session->actor, *id); !s) return respond(JsonError(s.error()));
  respond({204, "application/json", "", {}});
}

void ApiDeleteCase(Context& ctx, Request& request, Respond respond) {
  auto session = ApiAuth(ctx, request, true);
  if (!session) return respond(JsonError(session.error()));
  auto id = ParseId(request.params["id"]);
  if (!id) return respond(JsonError(NotFound("no such case")));
  if (auto s = ctx.office.DeleteCase(session->actor, *id); !s) return respond(JsonError(s.error()));
  respond({204, "application/json", "", {}});
}

// ---- Console (HTML, no script) -------------------------------------------------------------

void ConsoleAudit(Context& ctx, Request& request, Respond respond) {
  auto session = ctx.sessions.Authenticate(request.Cookie(kCookie));
  if (!session) return respond(Redirect("/console/"));
  if (session->must_enrol_second_factor) return respond(Redirect("/console/security"));
  auto paging = PagingFrom(request);
  if (!paging) return respond(Redirect("/console/audit"));
  auto page = ctx.audit.List(session->actor, paging->page, paging->per_page);
  if (!page) {
    return respond(HtmlResponse(
        HttpStatusOf(page.error().code),
        HtmlPage("ru", "Нет доступа", "<p>Журнал аудита доступен только аудиторам.</p>")));
  }
  respond(HtmlResponse(200, ConsoleAuditPage(*session, *page, paging->page, paging->per_page)));
}

void ConsoleHome(Context& ctx, Request& request, Respond respond) {
  auto session = ctx.sessions.Authenticate(request.Cookie(kCookie));
  if (!session) return respond(HtmlResponse(200, ConsoleLoginPage(false)));
  if (session->must_enrol_second_factor) return respond(Redirect("/console/security"));
  if (app::Require(session->actor, app::Permission::kListCases).ok() == false &&
      app::Require(session->actor, app::Permission::kReadAuditLog).ok()) {
    return respond(Redirect("/console/audit"));
  }
  if (!app::Require(session->actor, app::Permission::kListCases) &&
      app::Require(session->actor, app::Permission::kViewStatistics)) {
    return respond(Redirect("/console/statistics"));
  }
  if (!app::Require(session->actor, app::Permission::kListCases) &&
      app::Require(session->actor, app::Permission::kManageCamp)) {
    return respond(Redirect("/console/camps"));
  }
  if (!app::Require(session->actor, app::Permission::kListCases) &&
      app::Require(session->actor, app::Permission::kWorkAbroad)) {
    return respond(Redirect("/console/abroad"));
  }
  int page = 1;
  auto filter = FilterFrom(request, &page);
  if (!filter) return respond(Redirect("/console/"));
  auto cases = ctx.office.ListCases(session->actor, *filter);
  if (!cases)
    return respond(HtmlResponse(HttpStatusOf(cases.error().code),
                                HtmlPage("ru", "Ошибка", HtmlEscape(cases.error().message))));
  respond(HtmlResponse(
      200, ConsoleCaseListPage(*session, {*cases, page, filter->limit, request.Query("status"),
                                          request.Query("situation"), filter->needs_review})));
}

void ConsoleSignIn(Context& ctx, Request& request, Respond respond) {
  auto form = ParseForm(request.body);
  if (!HasMediaType(request, "application/x-www-form-urlencoded") || !form) {
    return respond(HtmlResponse(400, ConsoleLoginPage(true)));
  }
  auto session =
      ctx.sessions.SignIn(FormField(*form, "name"), FormField(*form, "password"),
                          FormField(*form, "code"), request.source, request.Cookie(kDeviceCookie));
  if (!session && session.error().code == ErrorCode::kRateLimited) {
    Response r = HtmlResponse(429, ConsoleLoginPage(true, session.error().retry_after_seconds));
    r.headers.emplace_back("Retry-After", std::to_string(session.error().retry_after_seconds));
    return respond(std::move(r));
  }
  if (!session) return respond(HtmlResponse(401, ConsoleLoginPage(true)));
  Response r = Redirect("/console/");
  SetSignInCookies(ctx, *session, "/console/login", r);
  respond(std::move(r));
}

void ConsoleSignOut(Context& ctx, Request& request, Respond respond) {
  // Signing out needs no CSRF check: the worst a forged sign-out does is sign someone out.
  ctx.sessions.SignOut(request.Cookie(kCookie));
  Response r = Redirect("/console/");
  r.headers.emplace_back("Set-Cookie", ClearedCookie(ctx));
  respond(std::move(r));
}

void ConsoleCase(Context& ctx, Request& request, Respond respond) {
  auto session = ctx.sessions.Authenticate(request.Cookie(kCookie));
  if (!session) return respond(Redirect("/console/"));
  if (session->must_enrol_second_factor) return respond(Redirect("/console/security"));
  auto id = ParseId(request.params["id"]);
  auto details = id ? ctx.office.GetCase(session->actor, *id)
                    : Result<app::CaseDetails>(NotFound("no such case"));
  if (!details && details.error().code == ErrorCode::kForbidden &&
      app::Require(session->actor, app::Permission::kClaimCase)) {
    return respond(HtmlResponse(403, ConsoleClaimPage(*session, *id, details.error().message)));
  }
  if (!details) {
    const bool forbidden = details.error().code == ErrorCode::kForbidden;
    return respond(HtmlResponse(
        HttpStatusOf(details.error().code),
        HtmlPage("ru", forbidden ? "Нет доступа" : "Заявка не найдена",
                 forbidden
                     ? "<p>Ваша роль не позволяет открывать заявки.</p>"
                     : "<p>Заявка не найдена.</p><p><a href=\"/console/\">К списку</a></p>")));
  }
  const auto conversation = ConversationOf(ctx, session->actor, *id);
  respond(HtmlResponse(
      200, ConsoleCasePage(*session, *details, "", conversation ? &*conversation : nullptr)));
}

void ConsoleReply(Context& ctx, Request& request, Respond respond) {
  auto post = ReadCaseFormPost(ctx, request, respond);
  if (!post) return;
  auto status = ReplyToApplicant(ctx, post->session.actor, post->id, FormField(post->form, "text"));
  if (!status) {
    auto details = ctx.office.GetCase(post->session.actor, post->id);
    if (!details) return respond(Redirect("/console/"));
    const auto conversation = ConversationOf(ctx, post->session.actor, post->id);
    return respond(HtmlResponse(HttpStatusOf(status.error().code),
                                ConsoleCasePage(post->session, *details, status.error().message,
                                                conversation ? &*conversation : nullptr)));
  }
  respond(Redirect("/console/cases/" + std::to_string(post->id)));
}

void ConsoleClaimCase(Context& ctx, Request& request, Respond respond) {
  auto post = ReadCaseFormPost(ctx, request, respond);
  if (!post) return;
  if (auto s = ctx.office.ClaimCase(post->session.actor, post->id); !s) {
    return respond(HtmlResponse(HttpStatusOf(s.error().code),
                                ConsoleClaimPage(post->session, post->id, s.error().message)));
  }
  respond(Redirect("/console/cases/" + std::to_string(post->id)));
}

void ConsoleDeleteCase(Context& ctx, Request& request, Respond respond) {
  auto post = ReadCaseFormPost(ctx, request, respond);
  if (!post) return;
  if (auto s = ctx.office.DeleteCase(post->session.actor, post->id); !s) {
    return respond(
        HtmlResponse(HttpStatusOf(s.error().code),
                     HtmlPage("ru", "Не удалено", "<p>" + HtmlEscape(s.error().message) + "</p>")));
  }
  respond(Redirect("/console/"));
}

// ---- Console: second factor and sessions ---------------------------------------------------

// Renders the security page for `session`, starting from the account's current state.
Response SecurityPage(Context& ctx, const app::SessionInfo& session, SecurityView view,
                      int status = 200) {
  if (auto enabled = ctx.two_factor.Enabled(session.actor); enabled.ok()) view.enabled = *enabled;
  if (auto required = ctx.two_factor.Required(); required.ok()) view.required = *required;
  return HtmlResponse(status, ConsoleSecurityPage(session, view));
}

void ConsoleSecurity(Context& ctx, Request& request, Respond respond) {
  auto session = ctx.sessions.Authenticate(request.Cookie(kCookie));
  if (!session) return respond(Redirect("/console/"));
  respond(SecurityPage(ctx, *session, {}));
}

void ConsoleSecurityBegin(Context& ctx, Request& request, Respond respond) {
  std::multimap<std::string, std::string> form;
  auto session = ConsoleAuth(ctx, request, &form);
  if (!session) return respond(Redirect("/console/"));
  auto enrollment = ctx.two_factor.Begin(session->actor);
  if (!enrollment)
    return respond(SecurityPage(ctx, *session, {.error = enrollment.error().message}, 500));
  respond(SecurityPage(
      ctx, *session,
      {.qr_svg = QrSvg(enrollment->otpauth_uri), .secret_base32 = enrollment->secret_base32}));
}

void ConsoleSecurityConfirm(Context& ctx, Request& request, Respond respond) {
  std::multimap<std::string, std::string> form;
  auto session = ConsoleAuth(ctx, request, &form);
  if (!session) return respond(Redirect("/console/"));
  auto codes = ctx.two_factor.Confirm(session->actor, FormField(form, "code"));
  if (!codes) {
    return respond(SecurityPage(ctx, *session, {.error = codes.error().message},
                                HttpStatusOf(codes.error().code)));
  }
  session->must_enrol_second_factor = false;
  respond(SecurityPage(ctx, *session, {.recovery_codes = *codes}));
}

void ConsoleSecurityDisable(Context& ctx, Request& request, Respond respond) {
  std::multimap<std::string, std::string> form;
  auto session = ConsoleAuth(ctx, request, &form);
  if (!session) return respond(Redirect("/console/"));
  if (session->must_enrol_second_factor) return respond(Redirect("/console/security"));
  if (auto s = ctx.two_factor.Disable(session->actor, FormField(form, "code")); !s) {
    return respond(
        SecurityPage(ctx, *session, {.error = s.error().message}, HttpStatusOf(s.error().code)));
  }
  respond(Redirect("/console/security"));
}

void ConsoleSecurityRequire(Context& ctx, Request& request, Respond respond) {
  std::multimap<std::string, std::string> form;
  auto session = ConsoleAuth(ctx, request, &form);
  if (!session) return respond(Redirect("/console/"));
  // An account confined to enrolment may not lift the requirement that confines it.
  if (session->must_enrol_second_factor) return respond(Redirect("/console/security"));
  if (auto s = ctx.two_factor.SetRequired(session->actor, FormField(form, "required") == "yes");
      !s) {
    return respond(
        SecurityPage(ctx, *session, {.error = s.error().message}, HttpStatusOf(s.error().code)));
  }
  respond(Redirect("/console/security"));
}

void ConsoleSignOutEverywhere(Context& ctx, Request& request, Respond respond) {
  std::multimap<std::string, std::string> form;
  if (ConsoleAuth(ctx, request, &form)) ctx.sessions.SignOutEverywhere(request.Cookie(kCookie));
  Response r = Redirect("/console/");
  r.headers.emplace_back("Set-Cookie", ClearedCookie(ctx));
  respond(std::move(r));
}

// The console's scripts: public code (Chart.js and lifeline's own), so no session is needed.
void ServeConsoleAsset(Context&, Request& request, Respond respond) {
  auto asset = FindConsoleAsset(request.params["name"]);
  if (!asset) return respond({404, "text/plain; charset=utf-8", "no such asset\n", {}});
  respond({200,
           "text/javascript; charset=utf-8",
           std::string(*asset),
           {{"Cache-Control", "private, max-age=3600"}}});
}

}  // namespace

void AddOfficeRoutes(Router& router, app::OfficeService& office, app::Sessions& sessions,
                     app::AuditLog& audit, app::TwoFactor& two_factor, OfficeRouteOptions options) {
  auto ctx = std::make_shared<Context>(
      Context{office, sessions, audit, two_factor, options, options.contact_centre});
  const office::Bind bind(ctx);
  router.Add("GET", "/console/assets/{name}", bind(ServeConsoleAsset));
  router.Add("POST", "/api/v1/session", bind(ApiSignIn));
  router.Add("DELETE", "/api/v1/session", bind(ApiSignOut));
  router.Add("GET", "/api/v1/cases", bind(ApiListCases, {app::Permission::kListCases}));
  router.Add("GET", "/api/v1/cases/{id}", bind(ApiGetCase, {app::Permission::kReadCase}));
  router.Add("POST", "/api/v1/cases/{id}/replies",
             bind(ApiReply, {app::Permission::kReplyToApplicant}));
  router.Add("DELETE", "/api/v1/cases/{id}", bind(ApiDeleteCase, {app::Permission::kDeleteCase}));
  router.Add("POST", "/api/v1/cases/{id}/claim", bind(ApiClaimCase, {app::Permission::kClaimCase}));
  router.Add("GET", "/api/v1/audit", bind(ApiAudit, {app::Permission::kReadAuditLog}));
  router.Add("DELETE", "/api/v1/sessions", bind(ApiSignOutEverywhere));
  router.Add("POST", "/api/v1/me/second-factor", bind(ApiBeginSecondFactor));
  router.Add("POST", "/api/v1/me/second-factor/confirm", bind(ApiConfirmSecondFactor));
  router.Add("DELETE", "/api/v1/me/second-factor", bind(ApiDisableSecondFactor));
  router.Add("PUT", "/api/v1/settings/second-factor-required",
             bind(ApiRequireSecondFactor, {app::Permission::kManageSettings}));
  router.Add("GET", "/console/", bind(ConsoleHome));
  router.Add("GET", "/console/audit", bind(ConsoleAudit));
  router.Add("GET", "/console/security", bind(ConsoleSecurity));
  router.Add("POST", "/console/security/begin", bind(ConsoleSecurityBegin));
  router.Add("POST", "/console/security/confirm", bind(ConsoleSecurityConfirm));
  router.Add("POST", "/console/security/disable", bind(ConsoleSecurityDisable));
  router.Add("POST", "/console/security/require", bind(ConsoleSecurityRequire));
  router.Add("POST", "/console/logout-everywhere", bind(ConsoleSignOutEverywhere));
  router.Add("POST", "/console/login", bind(ConsoleSignIn));
  router.Add("POST", "/console/logout", bind(ConsoleSignOut));
  router.Add("GET", "/console/cases/{id}", bind(ConsoleCase));
  router.Add("POST", "/console/cases/{id}/reply", bind(ConsoleReply));
  router.Add("POST", "/console/cases/{id}/delete", bind(ConsoleDeleteCase));
  router.Add("POST", "/console/cases/{id}/claim", bind(ConsoleClaimCase));
  AddCustodyRoutes(router, bind);
  AddWorkflowRoutes(router, bind);
  AddFollowupRoutes(router, bind);
  AddGroupRoutes(router, bind);
  AddContactCentreRoutes(router, bind);
  AddCampRoutes(router, bind);
  AddConsoleCampRoutes(router, bind);
  AddCampRoutineRoutes(router, bind);
  AddAbroadRoutes(router, bind);
  AddConsoleAbroadRoutes(router, bind);
  AddScreeningRoutes(router, bind);
  AddSearchRoutes(router, bind);
  AddStatisticsRoutes(router, bind);
  AddChannelRoutes(router, bind);
}

}  // namespace lifeline::server
