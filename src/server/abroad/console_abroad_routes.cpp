// The caseworker's console for people abroad: forms post here, and every answer is a page
// (no script needed). A refused form is shown again with what was typed and why.

#include <fmt/format.h>

#include "server/abroad/console_abroad_pages.hpp"
#include "server/console_common.hpp"
#include "server/console_text.hpp"
#include "server/office_route_support.hpp"
#include "server/page.hpp"

namespace lifeline::server::office {
namespace {

using Form = std::multimap<std::string, std::string>;

Response Refused(const Error& e) { return ConsoleRefusal(e); }

std::optional<app::SessionInfo> Viewer(Context& ctx, Request& request, const Respond& respond) {
  return ConsoleModuleViewer(ctx, request, respond, ctx.options.abroad != nullptr,
                             "help abroad is not running");
}

std::optional<app::SessionInfo> Poster(Context& ctx, Request& request, Form& form,
                                       const Respond& respond) {
  return ConsoleModulePoster(ctx, request, form, respond, ctx.options.abroad != nullptr);
}

template <typename T>
Status StatusOf(const Result<T>& r) {
  if (!r) return r.error();
  return OkStatus();
}

std::string PersonPath(std::int64_t id) { return "/console/abroad/people/" + std::to_string(id); }

constexpr int kMostRows = 50;  // per list: more is a form gone wrong, refused rather than cut short

// How many numbered rows "<prefix>_1", "<prefix>_2", … the form sent.
std::size_t SentRows(const Form& form, const char* prefix) {
  std::size_t n = 0;
  while (n < kMostRows && form.count(fmt::format("{}_{}", prefix, n + 1)) > 0) ++n;
  return n;
}

// The numbered rows "<prefix>_1", "<prefix>_2", … of a list in the form; a row whose every
// field is blank is skipped.
template <typename F>
Status EachRow(const Form& form, std::initializer_list<const char*> prefixes, F&& row) {
  if (form.count(fmt::format("{}_{}", *prefixes.begin(), kMostRows + 1)) > 0) {
    return InvalidInput(fmt::format("a list holds at most {} rows", kMostRows), *prefixes.begin());
  }
  for (int i = 1; i <= kMostRows; ++i) {
    std::vector<std::string> values;
    bool present = false, blank = true;
    for (const char* prefix : prefixes) {
      const std::string key = fmt::format("{}_{}", prefix, i);
      present = present || form.count(key) > 0;
      values.push_back(FormField(form, key));
      blank = blank && values.back().empty();
    }
    if (!present) break;
    if (blank) continue;
    if (auto ok = row(values); !ok) return ok;
  }
  return OkStatus();
}

Result<app::PersonAbroadDraft> DraftFromForm(const Form& form) {
  app::PersonAbroadDraft d;
  auto& f = d.fields;
  f.name = FormField(form, "name");
  f.contact = FormField(form, "contact");
  f.country = FormField(form, "country");
  f.city = FormField(form, "city");
  f.arrived_on = FormField(form, "arrived_on");
  f.notes = FormField(form, "notes");
  auto wanted = abroad::ParseWantedStatus(FormField(form, "wanted"));
  if (!wanted) return InvalidInput("choose a wanted status", "wanted");
  d.wanted = *wanted;
  for (auto [it, end] = form.equal_range("need"); it != end; ++it) {
    auto need = abroad::ParseNeed(it->second);
    if (!need) return InvalidInput("a need is housing, money, medical or legal", "needs");
    d.needs.push_back(*need);
  }
  auto docs =
      EachRow(form, {"doc_kind", "doc_expires"}, [&](const std::vector<std::string>& v) -> Status {
        auto kind = abroad::ParseDocumentKind(v[0]);
        if (!kind)
          return InvalidInput("choose the kind of each document with an expiry date",
                              "documents.kind");
        f.documents.push_back({*kind, v[1]});
        return OkStatus();
      });
  if (!docs) return docs.error();
  auto cases = EachRow(form, {"case_article", "case_status"},
                       [&](const std::vector<std::string>& v) -> Status {
                         f.cases.push_back({v[0], v[1]});
                         return OkStatus();
                       });
  if (!cases) return cases.error();
  auto family = EachRow(form, {"family_relation", "family_name", "family_where"},
                        [&](const std::vector<std::string>& v) {
                          f.family.push_back({v[0], v[1], v[2]});
                          return OkStatus();
                        });
  if (!family) return family.error();
  auto stays = EachRow(form, {"stay_country", "stay_entered", "stay_left"},
                       [&](const std::vector<std::string>& v) {
                         f.earlier_stays.push_back({v[0], v[1], v[2]});
                         return OkStatus();
                       });
  if (!stays) return stays.error();
  return d;
}

void RenderForm(Context& ctx, const app::SessionInfo& session, std::optional<std::int64_t> person,
                const app::PersonAbroadDraft& draft, const AbroadNotes& notes, int status,
                const Respond& respond, const AbroadFormBlankRows& blank = {}) {
  auto countries = ctx.options.abroad->Countries(session.actor);
  if (!countries) return respond(Refused(countries.error()));
  respond(HtmlResponse(
      status, ConsoleAbroadPersonFormPage(session, person, draft, *countries, notes, blank)));
}

void RenderPerson(Context& ctx, const app::SessionInfo& session, std::int64_t id,
                  const AbroadNotes& notes, int status, const Respond& respond) {
  auto file = ctx.options.abroad->GetPersonFile(session.actor, id);
  if (!file) return respond(Refused(file.error()));
  respond(HtmlResponse(status, ConsoleAbroadPersonPage(session, *file, notes)));
}

// After a form about a person: his page again, with the error if it was refused.
void AfterPersonForm(Context& ctx, const app::SessionInfo& session, std::int64_t person,
                     const Status& outcome, const std::string& anchor, const Respond& respond) {
  if (!outcome)
    return RenderPerson(ctx, session, person, {console::ConsoleErrorRu(outcome.error()), ""},
                        HttpStatusOf(outcome.error().code), respond);
  respond(Redirect(PersonPath(person) + anchor));
}

void ConsoleBoard(Context& ctx, Request& request, Respond respond) {
  auto session = Viewer(ctx, request, respond);
  if (!session) return;
  const auto page = ParseVersion(request.Query("page").empty() ? "0" : request.Query("page"));
  if (!page || *page > 100000) return respond(Redirect("/console/abroad"));
  const bool alerts = request.Query("alerts") == "1";
  auto lines =
      ctx.options.abroad->Board(session->actor, static_cast<std::size_t>(*page), 50, alerts);
  if (!lines) return respond(Refused(lines.error()));
  respond(HtmlResponse(
      200, ConsoleAbroadBoardPage(*session, *lines, static_cast<std::size_t>(*page), alerts, {})));
}

// "+ another …" under a list: the form again, as typed, with one more blank row in that
// list (and the blank rows it had in the others). Nothing is saved. True if it answered.
bool AnsweredAnotherRow(Context& ctx, const app::SessionInfo& session,
                        std::optional<std::int64_t> person, const Form& form,
                        const Respond& respond) {
  const std::string list = FormField(form, "add_row");
  if (list.empty()) return false;
  auto draft = DraftFromForm(form);
  if (!draft) {
    RenderForm(ctx, session, person, {}, {console::ConsoleErrorRu(draft.error()), ""}, 400,
               respond);
    return true;
  }
  const auto& f = draft->fields;
  auto blank = [&](const char* prefix, std::size_t held, const char* name) -> std::size_t {
    const std::size_t sent = SentRows(form, prefix);
    return (sent > held ? sent - held : 1) + (list == name ? 1 : 0);
  };
  AbroadFormBlankRows rows{blank("doc_kind", f.documents.size(), "documents"),
                           blank("case_article", f.cases.size(), "cases"),
                           blank("family_relation", f.family.size(), "family"),
                           blank("stay_country", f.earlier_stays.size(), "stays")};
  RenderForm(ctx, session, person, *draft, {}, 200, respond, rows);
  return true;
}

void ConsoleNewPerson(Context& ctx, Request& request, Respond respond) {
  auto session = Viewer(ctx, request, respond);
  if (!session) return;
  if (auto allowed = app::Require(session->actor, app::Permission::kWorkAbroad); !allowed) {
    return respond(Refused(allowed.error()));
  }
  RenderForm(ctx, *session, std::nullopt, {}, {}, 200, respond);
}

void ConsoleAddPerson(Context& ctx, Request& request, Respond respond) {
  Form form;
  auto session = Poster(ctx, request, form, respond);
  if (!session) return;
  if (auto allowed = app::Require(session->actor, app::Permission::kWorkAbroad); !allowed) {
    return respond(Refused(allowed.error()));
  }
  if (AnsweredAnotherRow(ctx, *session, std::nullopt, form, respond)) return;
  auto draft = DraftFromForm(form);
  if (!draft)
    return RenderForm(ctx, *session, std::nullopt, {}, {console::ConsoleErrorRu(draft.error()), ""},
                      400, respond);
  auto id = ctx.options.abroad->AddPerson(session->actor, *draft);
  if (!id)
    return RenderForm(ctx, *session, std::nullopt, *draft,
                      {console::ConsoleErrorRu(id.error()), ""}, HttpStatusOf(id.error().code),
                      respond);
  respond(Redirect(PersonPath(*id)));
}

void ConsolePerson(Context& ctx, Request& request, Respond respond) {
  auto session = Viewer(ctx, request, respond);
  if (!session) return;
  auto id = ParseId(request.params["id"]);
  if (!id) return respond(Refused(NotFound("no such person")));
  RenderPerson(ctx, *session, *id, {}, 200, respond);
}

void ConsoleEditPerson(Context& ctx, Request& request, Respond respond) {
  auto session = Viewer(ctx, request, respond);
  if (!session) return;
  auto id = ParseId(request.params["id"]);
  if (!id) return respond(Refused(NotFound("no such person")));
  auto person = ctx.options.abroad->Person(session->actor, *id);
  if (!person) return respond(Refused(person.error()));
  app::PersonAbroadDraft draft{person->stored.case_id, person->stored.wanted, person->stored.needs,
                               *person->fields};
  RenderForm(ctx, *session, *id, draft, {}, 200, respond);
}

void ConsoleUpdatePerson(Context& ctx, Request& request, Respond respond) {
  Form form;
  auto session = Poster(ctx, request, form, respond);
  if (!session) return;
  auto id = ParseId(request.params["id"]);
  if (!id) return respond(Refused(NotFound("no such person")));
  if (auto allowed = app::Require(session->actor, app::Permission::kWorkAbroad); !allowed) {
    return respond(Refused(allowed.error()));
  }
  if (AnsweredAnotherRow(ctx, *session, *id, form, respond)) return;
  auto draft = DraftFromForm(form);
  if (!draft)
    return RenderForm(ctx, *session, *id, {}, {console::ConsoleErrorRu(draft.error()), ""}, 400,
                      respond);
  if (auto s = ctx.options.abroad->UpdatePerson(session->actor, *id, *draft); !s) {
    return RenderForm(ctx, *session, *id, *draft, {console::ConsoleErrorRu(s.error()), ""},
                      HttpStatusOf(s.error().code), respond);
  }
  respond(Redirect(PersonPath(*id)));
}

void ConsoleOpenProceeding(Context& ctx, Request& request, Respond respond) {
  Form form;
  auto session = Poster(ctx, request, form, respond);
  if (!session) return;
  auto id = ParseId(request.params["id"]);
  if (!id) return respond(Refused(NotFound("no such person")));
  auto kind = abroad::ParseProceedingKind(FormField(form, "kind"));
  Status outcome = kind ? StatusOf(ctx.options.abroad->OpenProceeding(session->actor, *id, *kind,
                                                                      FormField(form, "filed_on")))
                        : Status(InvalidInput("choose the kind of proceeding", "kind"));
  AfterPersonForm(ctx, *session, *id, outcome, "", respond);
}

// Forms about a proceeding or a pathway carry the person's id, to come back to his page.
std::optional<std::int64_t> FormPerson(const Form& form, const Respond& respond) {
  auto person = ParseId(FormField(form, "person"));
  if (!person) respond(Refused(InvalidInput("the form lacks the person it is about", "person")));
  return person;
}

void ConsoleProceedingEvent(Context& ctx, Request& request, Respond respond) {
  Form form;
  auto session = Poster(ctx, request, form, respond);
  if (!session) return;
  auto id = ParseId(request.params["id"]);
  auto person = FormPerson(form, respond);
  if (!person) return;
  Status outcome = id ? StatusOf(ctx.options.abroad->AddProceedingEvent(
                            session->actor, *id, FormField(form, "kind"), FormField(form, "on")))
                      : Status(NotFound("no such proceeding"));
  AfterPersonForm(ctx, *session, *person, outcome, "", respond);
}

void ConsoleCloseProceeding(Context& ctx, Request& request, Respond respond) {
  Form form;
  auto session = Poster(ctx, request, form, respond);
  if (!session) return;
  auto id = ParseId(request.params["id"]);
  auto person = FormPerson(form, respond);
  if (!person) return;
  Status outcome = id ? ctx.options.abroad->CloseProceeding(session->actor, *id)
                      : Status(NotFound("no such proceeding"));
  AfterPersonForm(ctx, *session, *person, outcome, "", respond);
}

void ConsoleOpenPathway(Context& ctx, Request& request, Respond respond) {
  Form form;
  auto session = Poster(ctx, request, form, respond);
  if (!session) return;
  auto id = ParseId(request.params["id"]);
  if (!id) return respond(Refused(NotFound("no such person")));
  auto kind = abroad::ParsePathwayKind(FormField(form, "kind"));
  Status outcome = kind ? StatusOf(ctx.options.abroad->OpenPathway(
                              session->actor, *id, *kind, FormField(form, "target_country")))
                        : Status(InvalidInput("choose the kind of pathway", "kind"));
  AfterPersonForm(ctx, *session, *id, outcome, "", respond);
}

void ConsolePathwayStep(Context& ctx, Request& request, Respond respond) {
  Form form;
  auto session = Poster(ctx, request, form, respond);
  if (!session) return;
  auto id = ParseId(request.params["id"]);
  auto person = FormPerson(form, respond);
  if (!person) return;
  auto status = abroad::ParseStepStatus(FormField(form, "status"));
  Status outcome = !id       ? Status(NotFound("no such pathway"))
                   : !status ? Status(InvalidInput("choose the step's status", "status"))
                             : ctx.options.abroad->SetPathwayStep(session->actor, *id,
                                                                  FormField(form, "step"), *status);
  AfterPersonForm(ctx, *session, *person, outcome, id ? fmt::format("#pathway-{}", *id) : "",
                  respond);
}

void ConsoleRefer(Context& ctx, Request& request, Respond respond) {
  Form form;
  auto session = Poster(ctx, request, form, respond);
  if (!session) return;
  auto id = ParseId(request.params["id"]);
  if (!id) return respond(Refused(NotFound("no such person")));
  app::ReferralRequest r;
  auto partner = ParseId(FormField(form, "partner"));
  r.partner_id = partner.value_or(0);
  r.consent = FormField(form, "consent") == "yes";
  r.consent_how = FormField(form, "consent_how");
  for (auto [it, end] = form.equal_range("field"); it != end; ++it) r.fields.push_back(it->second);
  Status outcome = StatusOf(ctx.options.abroad->Refer(session->actor, *id, r));
  AfterPersonForm(ctx, *session, *id, outcome, "#referrals", respond);
}

void ConsoleRequestReferral(Context& ctx, Request& request, Respond respond) {
  Form form;
  auto session = Poster(ctx, request, form, respond);
  if (!session) return;
  auto id = ParseId(request.params["id"]);
  if (!id) return respond(Refused(NotFound("no such person")));
  Status outcome = StatusOf(ctx.options.abroad->RequestReferral(session->actor, *id));
  AfterPersonForm(ctx, *session, *id, outcome, "#referrals", respond);
}

void ConsoleReferralPackage(Context& ctx, Request& request, Respond respond) {
  auto session = Viewer(ctx, request, respond);
  if (!session) return;
  auto id = ParseId(request.params["id"]);
  if (!id) return respond(Refused(NotFound("no such referral")));
  auto referral = ctx.options.abroad->ReferralPackage(session->actor, *id);
  if (!referral) return respond(Refused(referral.error()));
  Response answer{200,
                  "application/octet-stream",
                  std::string(referral->package.begin(), referral->package.end()),
                  {}};
  answer.headers.emplace_back("Content-Disposition",
                              fmt::format("attachment; filename=\"referral-{}.sealed\"", *id));
  respond(std::move(answer));
}

void RenderCountries(Context& ctx, const app::SessionInfo& session, const AbroadNotes& notes,
                     int status, const Respond& respond) {
  auto file = ctx.options.abroad->GetCountriesFile(session.actor);
  if (!file) return respond(Refused(file.error()));
  respond(HtmlResponse(status,
                       ConsoleCountriesPage(session, file->countries, file->lead_times, notes)));
}

void ConsoleCountries(Context& ctx, Request& request, Respond respond) {
  auto session = Viewer(ctx, request, respond);
  if (session) RenderCountries(ctx, *session, {}, 200, respond);
}

std::optional<int> Days(const std::string& text) {
  auto n = ParseVersion(text);
  if (!n || *n > 100000) return std::nullopt;
  return static_cast<int>(*n);
}

void ConsoleSaveCountry(Context& ctx, Request& request, Respond respond) {
  Form form;
  auto session = Poster(ctx, request, form, respond);
  if (!session) return;
  const auto days = Days(FormField(form, "days_allowed"));
  const auto period = Days(FormField(form, "period_days"));
  Status outcome = InvalidInput("days and period are whole numbers of days", "days_allowed");
  abroad::CountryRecord c{
      FormField(form, "code"), FormField(form, "name"), {}, FormField(form, "note")};
  if (days && period) {
    c.rule = {*days, *period};
    outcome = ctx.options.abroad->SaveCountry(session->actor, c);
  }
  if (!outcome)
    return RenderCountries(ctx, *session, {console::ConsoleErrorRu(outcome.error()), ""},
                           HttpStatusOf(outcome.error().code), respond);
  RenderCountries(ctx, *session, {"", console::TF("Сохранено: {}", c.code)}, 200, respond);
}

void ConsoleSaveLeadTimes(Context& ctx, Request& request, Respond respond) {
  Form form;
  auto session = Poster(ctx, request, form, respond);
  if (!session) return;
  auto lead = ctx.options.abroad->LeadTimes(session->actor);
  if (!lead) return respond(Refused(lead.error()));
  Status outcome = OkStatus();
  for (int k = 0; k < static_cast<int>(std::size(lead->days)) && outcome; ++k) {
    const auto days =
        Days(FormField(form, std::string(abroad::ToString(static_cast<abroad::RiskKind>(k)))));
    if (days)
      lead->days[k] = *days;
    else
      outcome = InvalidInput("a lead time is a whole number of days", "lead_times");
  }
  if (outcome) outcome = ctx.options.abroad->SetLeadTimes(session->actor, *lead);
  if (!outcome)
    return RenderCountries(ctx, *session, {console::ConsoleErrorRu(outcome.error()), ""},
                           HttpStatusOf(outcome.error().code), respond);
  RenderCountries(ctx, *session, {"", std::string(console::T("Сроки предупреждений сохранены"))},
                  200, respond);
}

void RenderPartners(Context& ctx, const app::SessionInfo& session, const AbroadNotes& notes,
                    int status, const Respond& respond) {
  auto file = ctx.options.abroad->GetPartnersFile(session.actor);
  if (!file) return respond(Refused(file.error()));
  respond(
      HtmlResponse(status, ConsolePartnersPage(session, file->partners, file->signing_key, notes)));
}

void ConsolePartners(Context& ctx, Request& request, Respond respond) {
  auto session = Viewer(ctx, request, respond);
  if (session) RenderPartners(ctx, *session, {}, 200, respond);
}

void ConsoleAddPartner(Context& ctx, Request& request, Respond respond) {
  Form form;
  auto session = Poster(ctx, request, form, respond);
  if (!session) return;
  auto id = ctx.options.abroad->AddPartner(session->actor, FormField(form, "name"),
                                           FormField(form, "kind"), FormField(form, "public_key"));
  if (!id)
    return RenderPartners(ctx, *session, {console::ConsoleErrorRu(id.error()), ""},
                          HttpStatusOf(id.error().code), respond);
  RenderPartners(ctx, *session, {"", std::string(console::T("Партнёр добавлен"))}, 200, respond);
}

}  // namespace

void AddConsoleAbroadRoutes(Router& router, const Bind& bind) {
  router.Add("GET", "/console/abroad", bind(ConsoleBoard));
  router.Add("GET", "/console/abroad/new", bind(ConsoleNewPerson));
  router.Add("POST", "/console/abroad/people", bind(ConsoleAddPerson));
  router.Add("GET", "/console/abroad/people/{id}", bind(ConsolePerson));
  router.Add("POST", "/console/abroad/people/{id}", bind(ConsoleUpdatePerson));
  router.Add("GET", "/console/abroad/people/{id}/edit", bind(ConsoleEditPerson));
  router.Add("POST", "/console/abroad/people/{id}/proceedings", bind(ConsoleOpenProceeding));
  router.Add("POST", "/console/abroad/proceedings/{id}/events", bind(ConsoleProceedingEvent));
  router.Add("POST", "/console/abroad/proceedings/{id}/close", bind(ConsoleCloseProceeding));
  router.Add("POST", "/console/abroad/people/{id}/pathways", bind(ConsoleOpenPathway));
  router.Add("POST", "/console/abroad/pathways/{id}/steps", bind(ConsolePathwayStep));
  router.Add("POST", "/console/abroad/people/{id}/referrals", bind(ConsoleRefer));
  router.Add("POST", "/console/abroad/people/{id}/referrals/approval",
             bind(ConsoleRequestReferral));
  router.Add("GET", "/console/abroad/referrals/{id}/package", bind(ConsoleReferralPackage));
  router.Add("GET", "/console/abroad/countries", bind(ConsoleCountries));
  router.Add("POST", "/console/abroad/countries", bind(ConsoleSaveCountry));
  router.Add("POST", "/console/abroad/lead-times", bind(ConsoleSaveLeadTimes));
  router.Add("GET", "/console/partners", bind(ConsolePartners));
  router.Add("POST", "/console/partners", bind(ConsoleAddPartner));
}

}  // namespace lifeline::server::office
