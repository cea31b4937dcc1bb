#include "server/office_route_support.hpp"

#include <algorithm>
#include <charconv>

#include "crypto/crypto.hpp"
#include "domain/contact_centre/sip_hints.hpp"
#include "server/console_common.hpp"
#include "server/console_text.hpp"
#include "server/page.hpp"

namespace lifeline::server::office {
namespace {

const Error kEnrolFirst{ErrorCode::kForbidden,
                        "set up a second factor first (console: /console/security)"};

bool SameToken(const std::string& a, const std::string& b) {
  return a.size() == b.size() && !a.empty() &&
         crypto::ConstantTimeEquals(reinterpret_cast<const std::uint8_t*>(a.data()),
                                    reinterpret_cast<const std::uint8_t*>(b.data()), a.size());
}

}  // namespace

// Only the canonical spelling names a record: "00000001" or "+1" is not case 1, so that one
// record has one URL (and an audit reference or a permission check cannot be sidestepped by
// another spelling).
std::optional<std::int64_t> ParseId(const std::string& text) {
  if (text.empty() || text.front() < '1' || text.front() > '9') return std::nullopt;
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

std::optional<std::int64_t> ParseVersion(const std::string& text) {
  if (text == "0") return 0;
  return ParseId(text);
}

std::string FormField(const std::multimap<std::string, std::string>& form, const std::string& key) {
  auto it = form.find(key);
  return it == form.end() ? std::string() : it->second;
}

Response Redirect(std::string location) {
  Response r{303, "text/plain; charset=utf-8", "", {}};
  r.headers.emplace_back("Location", std::move(location));
  return r;
}

std::optional<app::SessionInfo> ConsoleViewer(Context& ctx, const Request& request,
                                              const Respond& respond) {
  auto session = ctx.sessions.Authenticate(request.Cookie(kCookie));
  if (!session) {
    respond(Redirect("/console/"));
    return std::nullopt;
  }
  if (session->must_enrol_second_factor) {
    respond(Redirect("/console/security"));
    return std::nullopt;
  }
  return std::move(*session);
}

Response ConsoleRefusal(const Error& e) {
  return HtmlResponse(
      HttpStatusOf(e.code),
      console::ConsolePage(console::T("Ошибка"),
                           "<p role=\"alert\">" + HtmlEscape(console::ConsoleErrorRu(e)) + "</p>"));
}

std::optional<app::SessionInfo> ConsoleModuleViewer(Context& ctx, const Request& request,
                                                    const Respond& respond, bool running,
                                                    const char* not_running) {
  auto session = ConsoleViewer(ctx, request, respond);
  if (session && !running) {
    respond(ConsoleRefusal(NotFound(not_running)));
    return std::nullopt;
  }
  return session;
}

std::optional<app::SessionInfo> ConsoleModulePoster(Context& ctx, const Request& request,
                                                    std::multimap<std::string, std::string>& form,
                                                    const Respond& respond, bool running) {
  auto session = ConsoleAuth(ctx, request, &form);
  if (!session || !running) {
    respond(Redirect("/console/"));
    return std::nullopt;
  }
  return std::move(*session);
}

std::optional<app::SessionInfo> ApiReader(Context& ctx, Request& request, const Respond& respond,
                                          bool running, const Error& not_running) {
  if (!running) {
    respond(JsonError(not_running));
    return std::nullopt;
  }
  auto session = ApiAuth(ctx, request, false);
  if (!session) {
    respond(JsonError(session.error()));
    return std::nullopt;
  }
  return std::move(*session);
}

std::optional<std::int64_t> ApiPathId(Request& request, const Respond& respond, const char* what) {
  auto id = ParseId(request.params["id"]);
  if (!id) respond(JsonError(NotFound(std::string("no such ") + what)));
  return id;
}

std::optional<JsonPost> ApiWriter(Context& ctx, Request& request, const Respond& respond,
                                  bool running, const Error& not_running, bool with_id,
                                  std::string_view usage) {
  if (!running) {
    respond(JsonError(not_running));
    return std::nullopt;
  }
  return ReadJsonPost(ctx, request, respond, with_id, usage);
}

namespace {

// The console's pages may run the console's own scripts (ServeConsoleAsset), and nothing else;
// those may reach this origin only (the wallboard's event stream).
constexpr char kConsolePolicy[] =
    "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self'; "
    "form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'";

Respond WithConsolePolicy(Respond respond) {
  return [respond = std::move(respond)](Response response) {
    response.headers.emplace_back("Content-Security-Policy", kConsolePolicy);
    respond(std::move(response));
  };
}

}  // namespace

server::Handler Bind::operator()(OfficeHandler fn) const {
  return [ctx = ctx_, fn](Request& request, Respond respond) {
    if (request.path.rfind("/console/", 0) == 0) respond = WithConsolePolicy(std::move(respond));
    fn(*ctx, request, std::move(respond));
  };
}

server::Handler Bind::operator()(OfficeHandler fn,
                                 std::initializer_list<app::Permission> needs) const {
  return [ctx = ctx_, fn, needs = std::vector<app::Permission>(needs)](Request& request,
                                                                       Respond respond) {
    auto session = ApiAuth(*ctx, request, request.method != "GET");
    if (!session) return respond(JsonError(session.error()));
    const bool allowed = std::any_of(needs.begin(), needs.end(), [&](app::Permission permission) {
      return app::Require(session->actor, permission).ok();
    });
    if (!allowed)
      return respond(JsonError(Error{ErrorCode::kForbidden, "your role does not allow this"}));
    fn(*ctx, request, std::move(respond));
  };
}

Result<app::SessionInfo> ApiAuth(Context& ctx, const Request& request, bool changes_state,
                                 bool enrolment_call) {
  auto session = ctx.sessions.Authenticate(request.Cookie(kCookie));
  if (!session) return session.error();
  if (changes_state && !SameToken(request.Header("x-csrf-token"), session->csrf_token)) {
    return Error{ErrorCode::kForbidden, "missing or wrong X-CSRF-Token header"};
  }
  if (session->must_enrol_second_factor && !enrolment_call) return kEnrolFirst;
  return session;
}

void UseBrowserLanguage(const Request& request) {
  console::UseLanguage(contact_centre::LanguageFromAcceptLanguage(request.Header("accept-language"))
                           .value_or(Language::kRu));
}

Result<app::SessionInfo> ConsoleAuth(Context& ctx, const Request& request,
                                     std::multimap<std::string, std::string>* form_out) {
  auto session = ctx.sessions.Authenticate(request.Cookie(kCookie));
  if (!session) return session.error();
  auto form = ParseForm(request.body);
  if (!form || !SameToken(FormField(*form, "csrf"), session->csrf_token)) {
    return Error{ErrorCode::kForbidden, "the form has expired; open the page again"};
  }
  *form_out = std::move(*form);
  return session;
}

std::optional<CaseFormPost> ReadCaseFormPost(Context& ctx, Request& request,
                                             const Respond& respond) {
  CaseFormPost post;
  auto session = ConsoleAuth(ctx, request, &post.form);
  if (!session) {
    respond(Redirect("/console/"));
    return std::nullopt;
  }
  if (session->must_enrol_second_factor) {
    respond(Redirect("/console/security"));
    return std::nullopt;
  }
  auto id = ParseId(request.params["id"]);
  if (!id) {
    respond(Redirect("/console/"));
    return std::nullopt;
  }
  post.session = std::move(*session);
  post.id = *id;
  return post;
}

std::optional<JsonPost> ReadJsonPost(Context& ctx, Request& request, const Respond& respond,
                                     bool with_id, std::string_view usage) {
  auto session = ApiAuth(ctx, request, true);
  if (!session) {
    respond(JsonError(session.error()));
    return std::nullopt;
  }
  if (!HasMediaType(request, "application/json")) {
    respond(JsonError(415, "unsupported_media_type", "send the body as application/json"));
    return std::nullopt;
  }
  JsonPost post{std::move(*session), 0, {}};
  if (with_id) {
    auto id = ParseId(request.params["id"]);
    if (!id) {
      respond(JsonError(NotFound("no such case")));
      return std::nullopt;
    }
    post.id = *id;
  }
  post.doc = nlohmann::json::parse(request.body, nullptr, false);
  if (post.doc.is_discarded() || !post.doc.is_object()) {
    respond(JsonError(InvalidInput("send " + std::string(usage))));
    return std::nullopt;
  }
  return post;
}

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

}  // namespace lifeline::server::office
