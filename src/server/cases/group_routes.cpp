// Group (unit) cases: POST /api/v1/cases/{id}/members, GET /api/v1/cases/{id}/group,
// PUT /api/v1/cases/{id}/plan, POST /api/v1/cases/{id}/split and /merge-group, and the
// console's group page with its forms. {id} is always the case of the group's contact.

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "server/cases/case_json.hpp"
#include "server/console_common.hpp"
#include "server/console_pages.hpp"
#include "server/console_text.hpp"
#include "server/office_route_support.hpp"
#include "server/page.hpp"

namespace lifeline::server::office {
namespace {

using console::T;
using nlohmann::json;

const Error kBadMembers = InvalidInput("members must be a list of case numbers", "members");
const Error kBadLeader =
    InvalidInput("leader must be the case number of one of the members", "leader");
const Error kBadTarget =
    InvalidInput("into must be the case number of the other group's contact", "into");

// A text field of a JSON body: absent is empty; anything but text is refused.
Result<std::string> TextField(const json& doc, const char* name) {
  const json value = doc.value(name, json(""));
  if (!value.is_string()) return InvalidInput(std::string(name) + " must be text", name);
  return value.get<std::string>();
}

json GroupJson(const app::GroupDetails& g) {
  json members = json::array();
  for (const auto& m : g.members) {
    json j = SummaryJson(m.summary);
    j["name"] = m.opened ? json(m.name) : json(nullptr);
    j["rank"] = m.opened ? json(m.rank) : json(nullptr);
    members.push_back(std::move(j));
  }
  json history = json::array();
  for (const auto& e : g.history) {
    history.push_back({{"at", e.at},
                       {"case_id", e.member_case_id},
                       {"event", ToString(e.kind)},
                       {"other_group", e.other_group_id ? json(*e.other_group_id) : json(nullptr)},
                       {"actor_user_id", e.actor_user_id}});
  }
  return {{"case_id", g.case_id},
          {"version", g.version},
          {"declared_size", g.declared_size},
          {"member_of", g.member_of ? json(*g.member_of) : json(nullptr)},
          {"plan", g.plan},
          {"members", members},
          {"history", history}};
}

void ApiAddMember(Context& ctx, Request& request, Respond respond) {
  auto post =
      ReadJsonPost(ctx, request, respond, true,
                   "{\"name\": \"...\", \"rank\": \"...\", \"unit\": \"...\", \"note\": \"...\"}");
  if (!post) return;
  app::MemberRequest member;
  for (auto [field, name] : {std::pair{&member.name, "name"},
                             {&member.rank, "rank"},
                             {&member.unit, "unit"},
                             {&member.note, "note"}}) {
    auto text = TextField(post->doc, name);
    if (!text) return respond(JsonError(text.error()));
    *field = std::move(*text);
  }
  auto added = ctx.office.AddGroupMember(post->session.actor, post->id, member);
  if (!added) return respond(JsonError(added.error()));
  respond({201,
           "application/json",
           json{{"id", added->case_id}, {"receipt", FormatReceipt(added->receipt)}}.dump(),
           {}});
}

void ApiGetGroup(Context& ctx, Request& request, Respond respond) {
  auto session = ApiAuth(ctx, request, false);
  if (!session) return respond(JsonError(session.error()));
  auto id = ParseId(request.params["id"]);
  if (!id) return respond(JsonError(NotFound("no such case")));
  auto group = ctx.office.GetGroup(session->actor, *id);
  if (!group) return respond(JsonError(group.error()));
  respond({200, "application/json", GroupJson(*group).dump(), {}});
}

void ApiSetPlan(Context& ctx, Request& request, Respond respond) {
  auto post = ReadJsonPost(ctx, request, respond, true,
                           "{\"plan\": \"...\", \"version\": <the case's version>}");
  if (!post) return;
  auto plan = TextField(post->doc, "plan");
  if (!plan) return respond(JsonError(plan.error()));
  const json version = post->doc.value("version", json());
  if (!version.is_number_integer() || version.get<std::int64_t>() < 0) {
    return respond(
        JsonError(InvalidInput("version must be the case's version, as last read", "version")));
  }
  auto next =
      ctx.office.SetGroupPlan(post->session.actor, post->id, *plan, version.get<std::int64_t>());
  if (!next) return respond(JsonError(next.error()));
  respond({200, "application/json", json{{"version", *next}}.dump(), {}});
}

void ApiSplit(Context& ctx, Request& request, Respond respond) {
  auto post =
      ReadJsonPost(ctx, request, respond, true, "{\"members\": [<case>, ...], \"leader\": <case>}");
  if (!post) return;
  const json members = post->doc.value("members", json());
  if (!members.is_array() || members.size() > GroupLimits::kMaxMembers)
    return respond(JsonError(kBadMembers));
  std::vector<std::int64_t> leaving;
  for (const auto& m : members) {
    if (!m.is_number_integer()) return respond(JsonError(kBadMembers));
    leaving.push_back(m.get<std::int64_t>());
  }
  const json leader = post->doc.value("leader", json());
  if (!leader.is_number_integer()) return respond(JsonError(kBadLeader));
  if (auto s =
          ctx.office.SplitGroup(post->session.actor, post->id, leaving, leader.get<std::int64_t>());
      !s) {
    return respond(JsonError(s.error()));
  }
  respond({204, "application/json", "", {}});
}

void ApiMergeGroup(Context& ctx, Request& request, Respond respond) {
  auto post = ReadJsonPost(ctx, request, respond, true, "{\"into\": <the other group's case>}");
  if (!post) return;
  const json into = post->doc.value("into", json());
  if (!into.is_number_integer()) return respond(JsonError(kBadTarget));
  if (auto s = ctx.office.MergeGroups(post->session.actor, post->id, into.get<std::int64_t>());
      !s) {
    return respond(JsonError(s.error()));
  }
  respond({204, "application/json", "", {}});
}

// The group page for `id`, with `error` or a member just added; a page that cannot be shown
// says why.
void RespondGroupPage(Context& ctx, const app::SessionInfo& session, std::int64_t id, int status,
                      const std::string& error, const app::AddedMember* added,
                      const Respond& respond) {
  auto group = ctx.office.GetGroup(session.actor, id);
  if (!group) {
    return respond(HtmlResponse(
        HttpStatusOf(group.error().code),
        console::ConsolePage(
            T("Группа недоступна"),
            fmt::format("<p>{}</p><p><a href=\"/console/\">{}</a></p>",
                        HtmlEscape(console::ConsoleErrorRu(group.error())), T("К списку")))));
  }
  respond(HtmlResponse(status, ConsoleGroupPage(session, *group, error, added)));
}

void ConsoleGroup(Context& ctx, Request& request, Respond respond) {
  auto session = ctx.sessions.Authenticate(request.Cookie(kCookie));
  if (!session) return respond(Redirect("/console/"));
  if (session->must_enrol_second_factor) return respond(Redirect("/console/security"));
  auto id = ParseId(request.params["id"]);
  if (!id) return respond(Redirect("/console/"));
  RespondGroupPage(ctx, *session, *id, 200, "", nullptr, respond);
}

// After a form: back to the group page, or the page again with what went wrong.
void AfterGroupForm(Context& ctx, const CaseFormPost& post, const Status& outcome,
                    const Respond& respond) {
  if (outcome) return respond(Redirect("/console/cases/" + std::to_string(post.id) + "/group"));
  RespondGroupPage(ctx, post.session, post.id, HttpStatusOf(outcome.error().code),
                   console::ConsoleErrorRu(outcome.error()), nullptr, respond);
}

void ConsoleAddMember(Context& ctx, Request& request, Respond respond) {
  auto post = ReadCaseFormPost(ctx, request, respond);
  if (!post) return;
  auto added =
      ctx.office.AddGroupMember(post->session.actor, post->id,
                                {FormField(post->form, "name"), FormField(post->form, "rank"),
                                 FormField(post->form, "unit"), FormField(post->form, "note")});
  if (!added) return AfterGroupForm(ctx, *post, added.error(), respond);
  // Shown in this response only, never in a URL: the receipt is the member's secret.
  RespondGroupPage(ctx, post->session, post->id, 201, "", &*added, respond);
}

void ConsoleSetPlan(Context& ctx, Request& request, Respond respond) {
  auto post = ReadCaseFormPost(ctx, request, respond);
  if (!post) return;
  auto version = ParseVersion(FormField(post->form, "version"));
  Status outcome = InvalidInput("reload the page and try again", "version");
  if (version) {
    auto next = ctx.office.SetGroupPlan(post->session.actor, post->id,
                                        FormField(post->form, "plan"), *version);
    outcome = next ? OkStatus() : Status(next.error());
  }
  AfterGroupForm(ctx, *post, outcome, respond);
}

void ConsoleSplit(Context& ctx, Request& request, Respond respond) {
  auto post = ReadCaseFormPost(ctx, request, respond);
  if (!post) return;
  std::vector<std::int64_t> leaving;
  for (auto [it, end] = post->form.equal_range("member"); it != end; ++it) {
    if (auto id = ParseId(it->second)) leaving.push_back(*id);
  }
  auto leader = ParseId(FormField(post->form, "leader"));
  Status outcome = leader ? ctx.office.SplitGroup(post->session.actor, post->id, leaving, *leader)
                          : Status(InvalidInput("choose who speaks for the new group", "leader"));
  AfterGroupForm(ctx, *post, outcome, respond);
}

void ConsoleMergeGroup(Context& ctx, Request& request, Respond respond) {
  auto post = ReadCaseFormPost(ctx, request, respond);
  if (!post) return;
  auto into = ParseId(FormField(post->form, "into"));
  Status outcome =
      into ? ctx.office.MergeGroups(post->session.actor, post->id, *into) : Status(kBadTarget);
  if (outcome) return respond(Redirect("/console/cases/" + std::to_string(*into) + "/group"));
  AfterGroupForm(ctx, *post, outcome, respond);
}

}  // namespace

void AddGroupRoutes(Router& router, const Bind& bind) {
  router.Add("POST", "/api/v1/cases/{id}/members",
             bind(ApiAddMember, {app::Permission::kManageGroups}));
  router.Add("GET", "/api/v1/cases/{id}/group",
             bind(ApiGetGroup, {app::Permission::kManageGroups}));
  router.Add("PUT", "/api/v1/cases/{id}/plan", bind(ApiSetPlan, {app::Permission::kManageGroups}));
  router.Add("POST", "/api/v1/cases/{id}/split", bind(ApiSplit, {app::Permission::kManageGroups}));
  router.Add("POST", "/api/v1/cases/{id}/merge-group",
             bind(ApiMergeGroup, {app::Permission::kManageGroups}));
  router.Add("GET", "/console/cases/{id}/group", bind(ConsoleGroup));
  router.Add("POST", "/console/cases/{id}/members", bind(ConsoleAddMember));
  router.Add("POST", "/console/cases/{id}/plan", bind(ConsoleSetPlan));
  router.Add("POST", "/console/cases/{id}/split", bind(ConsoleSplit));
  router.Add("POST", "/console/cases/{id}/merge-group", bind(ConsoleMergeGroup));
}

}  // namespace lifeline::server::office
