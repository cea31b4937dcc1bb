// Account administration over HTTP (app/accounts/account_admin.hpp): the administrators' API
// under /api/v1/accounts and the console's /console/accounts.

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "app/accounts/account_admin.hpp"
#include "server/accounts/account_pages.hpp"
#include "server/office_route_support.hpp"
#include "server/page.hpp"

namespace lifeline::server::office {
namespace {

using nlohmann::json;

std::string_view StageCode(app::PasswordStage stage) {
  switch (stage) {
    case app::PasswordStage::kMustChoose:
      return "must_choose";
    case app::PasswordStage::kMustEnrol:
      return "must_enrol";
    case app::PasswordStage::kInUse:
      break;
  }
  return "in_use";
}

std::string IsoTime(std::int64_t unix_seconds) {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(static_cast<std::time_t>(unix_seconds)));
}

const Error kNoAccounts{ErrorCode::kNotFound, "account administration does not run here"};

app::AccountAdmin* Accounts(Context& ctx) { return ctx.options.accounts; }

void ApiListAccounts(Context& ctx, Request& request, Respond respond) {
  auto session = ApiAuth(ctx, request, false);
  if (!session) return respond(JsonError(session.error()));
  if (!Accounts(ctx)) return respond(JsonError(kNoAccounts));
  auto accounts = Accounts(ctx)->List(session->actor);
  if (!accounts) return respond(JsonError(accounts.error()));
  json out = json::array();
  for (const auto& a : *accounts) {
    out.push_back({{"id", a.id},
                   {"name", a.name},
                   {"role", ToString(a.role)},
                   {"disabled", a.disabled},
                   {"second_factor", a.second_factor},
                   {"password", StageCode(a.password)},
                   {"last_sign_in", a.last_sign_in ? json(IsoTime(*a.last_sign_in)) : json()},
                   {"locked_for_seconds", a.locked_for.count()}});
  }
  respond({200, "application/json", json{{"accounts", out}}.dump(), {}});
}

// The account's id from the path, after the session and its CSRF token; nullopt once answered.
std::optional<std::pair<app::SessionInfo, std::int64_t>> AccountCall(Context& ctx, Request& request,
                                                                     const Respond& respond) {
  auto session = ApiAuth(ctx, request, true);
  if (!session) {
    respond(JsonError(session.error()));
    return std::nullopt;
  }
  if (!Accounts(ctx)) {
    respond(JsonError(kNoAccounts));
    return std::nullopt;
  }
  auto id = ParseId(request.params["id"]);
  if (!id) {
    respond(JsonError(NotFound("no such user")));
    return std::nullopt;
  }
  return std::pair{std::move(*session), *id};
}

void ApiDisable(Context& ctx, Request& request, Respond respond) {
  auto call = AccountCall(ctx, request, respond);
  if (!call) return;
  if (auto s = Accounts(ctx)->SetDisabled(call->first.actor, call->second, true); !s)
    return respond(JsonError(s.error()));
  respond({204, "application/json", "", {}});
}

void ApiEnable(Context& ctx, Request& request, Respond respond) {
  auto call = AccountCall(ctx, request, respond);
  if (!call) return;
  if (auto s = Accounts(ctx)->SetDisabled(call->first.actor, call->second, false); !s)
    return respond(JsonError(s.error()));
  respond({204, "application/json", "", {}});
}

void ApiUnlock(Context& ctx, Request& request, Respond respond) {
  auto call = AccountCall(ctx, request, respond);
  if (!call) return;
  if (auto s = Accounts(ctx)->Unlock(call->first.actor, call->second); !s)
    return respond(JsonError(s.error()));
  respond({204, "application/json", "", {}});
}

void ApiResetPassword(Context& ctx, Request& request, Respond respond) {
  auto call = AccountCall(ctx, request, respond);
  if (!call) return;
  auto reset = Accounts(ctx)->ResetPassword(call->first.actor, call->second);
  if (!reset) return respond(JsonError(reset.error()));
  respond({200,
           "application/json",
           json{{"one_time_password", reset->one_time_password},
                {"valid_until", IsoTime(reset->valid_until)}}
               .dump(),
           {{"Cache-Control", "no-store"}}});
}

// --- The console ---

Response AccountsPage(Context& ctx, const app::SessionInfo& session, const AccountsNotice& notice,
                      int status = 200) {
  auto accounts = Accounts(ctx)->List(session.actor);
  if (!accounts) return ConsoleRefusal(accounts.error());
  return HtmlResponse(status, ConsoleAccountsPage(session, *accounts, notice));
}

void ConsoleAccounts(Context& ctx, Request& request, Respond respond) {
  auto session = ConsoleViewer(ctx, request, respond);
  if (!session) return;
  if (!Accounts(ctx)) return respond(ConsoleRefusal(kNoAccounts));
  respond(AccountsPage(ctx, *session, {}));
}

// A form on the accounts page: `action` is what the button said.
void ConsoleAccountAction(Context& ctx, Request& request, Respond respond) {
  std::multimap<std::string, std::string> form;
  auto session = ConsoleAuth(ctx, request, &form);
  if (!session) return respond(Redirect("/console/"));
  if (session->must_enrol_second_factor) return respond(Redirect("/console/security"));
  if (!Accounts(ctx)) return respond(ConsoleRefusal(kNoAccounts));
  auto id = ParseId(request.params["id"]);
  if (!id) return respond(Redirect("/console/accounts"));
  app::AccountAdmin& accounts = *Accounts(ctx);
  const std::string action = request.params["action"];
  AccountsNotice notice{.account_id = *id};
  Status done = OkStatus();
  if (action == "disable" || action == "enable") {
    done = accounts.SetDisabled(session->actor, *id, action == "disable");
  } else if (action == "unlock") {
    done = accounts.Unlock(session->actor, *id);
  } else if (action == "reset") {
    auto reset = accounts.ResetPassword(session->actor, *id);
    if (reset) {
      notice.reset = *reset;
    } else {
      done = reset.error();
    }
  } else {
    return respond(Redirect("/console/accounts"));
  }
  if (!done) {
    notice.error = done.error();
    return respond(AccountsPage(ctx, *session, notice, HttpStatusOf(done.error().code)));
  }
  notice.done = action;
  Response page = AccountsPage(ctx, *session, notice);
  page.headers.emplace_back("Cache-Control", "no-store");  // a one-time password may be on it
  respond(std::move(page));
}

}  // namespace

void AddAccountAdminRoutes(Router& router, const Bind& bind) {
  router.Add("GET", "/api/v1/accounts", bind(ApiListAccounts, {app::Permission::kManageAccounts}));
  router.Add("POST", "/api/v1/accounts/{id}/disable",
             bind(ApiDisable, {app::Permission::kManageAccounts}));
  router.Add("POST", "/api/v1/accounts/{id}/enable",
             bind(ApiEnable, {app::Permission::kManageAccounts}));
  router.Add("POST", "/api/v1/accounts/{id}/unlock",
             bind(ApiUnlock, {app::Permission::kManageAccounts}));
  router.Add("POST", "/api/v1/accounts/{id}/password-reset",
             bind(ApiResetPassword, {app::Permission::kManageAccounts}));
  router.Add("GET", "/console/accounts", bind(ConsoleAccounts));
  router.Add("POST", "/console/accounts/{id}/{action}", bind(ConsoleAccountAction));
}

}  // namespace lifeline::server::office
