// Accounts over HTTP: signing in and out (the session and sign-in device cookies), one's own
// password and second factor, and the console's security page.

#include <nlohmann/json.hpp>

#include "server/accounts/qr_svg.hpp"
#include "server/console_common.hpp"
#include "server/console_pages.hpp"
#include "server/console_text.hpp"
#include "server/office_route_support.hpp"
#include "server/page.hpp"

namespace lifeline::server::office {
namespace {

using nlohmann::json;

std::string SessionCookie(const Context& ctx, const std::string& token) {
  return std::string(kCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict" +
         (ctx.options.secure_cookies ? "; Secure" : "");
}

// The sign-in device cookie (app/accounts/sign_in_device.hpp): an opaque token per account that
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

void ConsoleSignIn(Context& ctx, Request& request, Respond respond) {
  UseBrowserLanguage(request);  // a refusal is the sign-in page again
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

// What the security page says when a second-factor step is refused (TwoFactor's errors).
std::string SecondFactorErrorRu(const Error& e) {
  switch (e.code) {
    case ErrorCode::kConflict:
      return std::string(console::T("Сначала задайте свой пароль."));
    case ErrorCode::kForbidden:
      return std::string(console::T("Это может сделать только администратор."));
    case ErrorCode::kInvalidInput:
      return std::string(
          e.message.starts_with("start the set-up again")
              ? console::T("Настройка не начата или устарела: начните её заново.")
              : console::T("Код не подошёл: проверьте время на телефоне и введите новый код."));
    default:
      return std::string(console::T("Не получилось: попробуйте ещё раз."));
  }
}

// Renders the security page for `session`, starting from the account's current state.
Response SecurityPage(Context& ctx, const app::SessionInfo& session, SecurityView view,
                      int status = 200) {
  if (auto state = ctx.two_factor.StateOf(session.actor); state.ok()) {
    view.enabled = state->enabled;
    view.required = state->required;
  }
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
  if (!enrollment) {
    return respond(SecurityPage(ctx, *session, {.error = SecondFactorErrorRu(enrollment.error())},
                                HttpStatusOf(enrollment.error().code)));
  }
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
    return respond(SecurityPage(ctx, *session, {.error = SecondFactorErrorRu(codes.error())},
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
    return respond(SecurityPage(ctx, *session, {.error = SecondFactorErrorRu(s.error())},
                                HttpStatusOf(s.error().code)));
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
    return respond(SecurityPage(ctx, *session, {.error = SecondFactorErrorRu(s.error())},
                                HttpStatusOf(s.error().code)));
  }
  respond(Redirect("/console/security"));
}

void ApiChangeOwnPassword(Context& ctx, Request& request, Respond respond) {
  // Open to a session confined by a reset: choosing a password is how it leaves.
  auto session = ApiAuth(ctx, request, true, true);
  if (!session) return respond(JsonError(session.error()));
  if (!HasMediaType(request, "application/json")) {
    return respond(JsonError(415, "unsupported_media_type", "send the body as application/json"));
  }
  const json doc = json::parse(request.body, nullptr, false);
  const auto text = [&](const char* key) {
    return doc.is_object() && doc.value(key, json()).is_string() ? doc[key].get<std::string>()
                                                                 : std::string();
  };
  if (doc.is_discarded() || !doc.is_object() || !doc.value("new_password", json()).is_string()) {
    return respond(JsonError(InvalidInput(
        "send {\"current_password\": \"...\", \"new_password\": \"...\"}", "new_password")));
  }
  if (auto s = ctx.sessions.ChangePassword(request.Cookie(kCookie), text("current_password"),
                                           text("new_password"));
      !s) {
    return respond(JsonError(s.error()));
  }
  respond({204, "application/json", "", {}});
}

void ConsoleChangeOwnPassword(Context& ctx, Request& request, Respond respond) {
  std::multimap<std::string, std::string> form;
  auto session = ConsoleAuth(ctx, request, &form);
  if (!session) return respond(Redirect("/console/"));
  Status changed = OkStatus();
  if (FormField(form, "new_password") != FormField(form, "repeat_password")) {
    changed = InvalidInput("the two new passwords differ", "repeat_password");
  } else {
    changed =
        ctx.sessions.ChangePassword(request.Cookie(kCookie), FormField(form, "current_password"),
                                    FormField(form, "new_password"));
  }
  if (!changed) {
    return respond(SecurityPage(ctx, *session, {.error = PasswordErrorRu(changed.error())},
                                HttpStatusOf(changed.error().code)));
  }
  auto after = ctx.sessions.Authenticate(request.Cookie(kCookie));
  if (!after) return respond(Redirect("/console/"));
  respond(SecurityPage(ctx, *after, {.password_changed = true}));
}

// The account's own console language: the next page is in it. Open while a reset or an
// enrolment confines the session (it changes only the words shown).
void ConsoleSetLanguage(Context& ctx, Request& request, Respond respond) {
  std::multimap<std::string, std::string> form;
  auto session = ConsoleAuth(ctx, request, &form);
  if (!session) return respond(Redirect("/console/"));
  const auto language = ParseLanguage(FormField(form, "language"));
  const Status set = language
                         ? ctx.sessions.SetOwnConsoleLanguage(request.Cookie(kCookie), *language)
                         : InvalidInput("the console is in ru, uk or en", "language");
  if (!set) {
    return respond(SecurityPage(ctx, *session, {.error = console::ConsoleErrorRu(set.error())},
                                HttpStatusOf(set.error().code)));
  }
  respond(Redirect("/console/security"));
}

// PUT /api/v1/me/language {"language": "uk"}: the same for an API client; 204.
void ApiSetLanguage(Context& ctx, Request& request, Respond respond) {
  auto session = ApiAuth(ctx, request, true, true);
  if (!session) return respond(JsonError(session.error()));
  if (!HasMediaType(request, "application/json")) {
    return respond(JsonError(415, "unsupported_media_type", "send the body as application/json"));
  }
  const json doc = json::parse(request.body, nullptr, false);
  const auto code = doc.is_object() && doc.value("language", json()).is_string()
                        ? ParseLanguage(doc["language"].get<std::string>())
                        : std::nullopt;
  const Status set =
      code ? ctx.sessions.SetOwnConsoleLanguage(request.Cookie(kCookie), *code)
           : InvalidInput("send {\"language\": \"ru\", \"uk\" or \"en\"}", "language");
  if (!set) return respond(JsonError(set.error()));
  respond({204, "application/json", "", {}});
}

void ConsoleSignOutEverywhere(Context& ctx, Request& request, Respond respond) {
  std::multimap<std::string, std::string> form;
  if (ConsoleAuth(ctx, request, &form)) ctx.sessions.SignOutEverywhere(request.Cookie(kCookie));
  Response r = Redirect("/console/");
  r.headers.emplace_back("Set-Cookie", ClearedCookie(ctx));
  respond(std::move(r));
}

}  // namespace

void AddAccountRoutes(Router& router, const Bind& bind) {
  router.Add("POST", "/api/v1/session", bind(ApiSignIn));
  router.Add("DELETE", "/api/v1/session", bind(ApiSignOut));
  router.Add("DELETE", "/api/v1/sessions", bind(ApiSignOutEverywhere));
  router.Add("POST", "/api/v1/me/second-factor", bind(ApiBeginSecondFactor));
  router.Add("POST", "/api/v1/me/second-factor/confirm", bind(ApiConfirmSecondFactor));
  router.Add("DELETE", "/api/v1/me/second-factor", bind(ApiDisableSecondFactor));
  router.Add("PUT", "/api/v1/settings/second-factor-required",
             bind(ApiRequireSecondFactor, {app::Permission::kManageSettings}));
  router.Add("GET", "/console/security", bind(ConsoleSecurity));
  router.Add("POST", "/console/security/begin", bind(ConsoleSecurityBegin));
  router.Add("POST", "/console/security/confirm", bind(ConsoleSecurityConfirm));
  router.Add("POST", "/console/security/disable", bind(ConsoleSecurityDisable));
  router.Add("POST", "/console/security/require", bind(ConsoleSecurityRequire));
  router.Add("PUT", "/api/v1/me/password", bind(ApiChangeOwnPassword));
  router.Add("POST", "/console/security/password", bind(ConsoleChangeOwnPassword));
  router.Add("POST", "/console/logout-everywhere", bind(ConsoleSignOutEverywhere));
  router.Add("POST", "/console/security/language", bind(ConsoleSetLanguage));
  router.Add("PUT", "/api/v1/me/language", bind(ApiSetLanguage));
  router.Add("POST", "/console/login", bind(ConsoleSignIn));
  router.Add("POST", "/console/logout", bind(ConsoleSignOut));
}

}  // namespace lifeline::server::office
