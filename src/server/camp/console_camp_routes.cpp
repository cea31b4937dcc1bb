// The camp administrator's console: forms post here, and every answer is a page (no script
// needed). Each handler parses, calls one CampService function and renders.

#include <fmt/format.h>

#include <chrono>

#include "domain/camp/money.hpp"
#include "server/camp/capture_card.hpp"
#include "server/camp/console_camp_pages.hpp"
#include "server/console_common.hpp"
#include "server/console_pages.hpp"
#include "server/console_text.hpp"
#include "server/office_route_support.hpp"
#include "server/page.hpp"

namespace lifeline::server::office {
namespace {

using Form = std::multimap<std::string, std::string>;

Response Refused(const Error& e) { return ConsoleRefusal(e); }

std::optional<app::SessionInfo> Viewer(Context& ctx, Request& request, const Respond& respond) {
  return ConsoleModuleViewer(ctx, request, respond, ctx.options.camp != nullptr,
                             "the camp registry is not running");
}

std::optional<app::SessionInfo> Poster(Context& ctx, Request& request, Form& form,
                                       const Respond& respond) {
  return ConsoleModulePoster(ctx, request, form, respond, ctx.options.camp != nullptr);
}

int StatusFor(const Status& s, int ok) { return s ? ok : HttpStatusOf(s.error().code); }

std::vector<std::string> Split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(separator, start);
    if (end == std::string::npos) end = text.size();
    std::string part = text.substr(start, end - start);
    while (!part.empty() && (part.front() == ' ' || part.front() == '\r')) part.erase(part.begin());
    while (!part.empty() && (part.back() == ' ' || part.back() == '\r')) part.pop_back();
    if (!part.empty()) parts.push_back(part);
    start = end + 1;
  }
  return parts;
}

Result<camp::CampRecord> CampFromForm(const Form& form) {
  camp::CampRecord c;
  c.name = FormField(form, "name");
  c.language = FormField(form, "language");
  auto rate = camp::ParseAmount(FormField(form, "uah_per_chf"), "uah_per_chf");
  if (!rate) return rate.error();
  c.tariff.kopiyky_per_franc = *rate;
  auto pay = camp::ParseAmount(FormField(form, "working_pay_per_day"), "working_pay_per_day");
  if (!pay) return pay.error();
  c.tariff.working_pay_per_day = *pay;
  auto call =
      camp::ParseAmount(FormField(form, "call_charge_per_minute"), "call_charge_per_minute", true);
  if (!call) return call.error();
  c.tariff.call_charge_per_minute = *call;
  auto hours = camp::ParseOpeningHours(Split(FormField(form, "phone_hours"), ','));
  if (!hours) return hours.error();
  c.phone_hours = std::move(*hours);
  for (const std::string& line : Split(FormField(form, "canteen"), '\n')) {
    const auto parts = Split(line, ';');
    if (parts.size() != 3)
      return InvalidInput("each canteen line is: name; price; local market price", "canteen");
    auto price = camp::ParseAmount(parts[1], "price");
    if (!price) return price.error();
    auto market = camp::ParseAmount(parts[2], "market_price");
    if (!market) return market.error();
    c.canteen.push_back({parts[0], *price, *market});
  }
  return c;
}

void RenderCamps(Context& ctx, const app::SessionInfo& session, const CampNotes& notes, int status,
                 const Respond& respond) {
  auto camps = ctx.options.camp->Camps(session.actor);
  if (!camps) return respond(Refused(camps.error()));
  respond(HtmlResponse(status, ConsoleCampsPage(session, *camps, notes)));
}

void ConsoleCamps(Context& ctx, Request& request, Respond respond) {
  auto session = Viewer(ctx, request, respond);
  if (session) RenderCamps(ctx, *session, {}, 200, respond);
}

void ConsoleCreateCamp(Context& ctx, Request& request, Respond respond) {
  Form form;
  auto session = Poster(ctx, request, form, respond);
  if (!session) return;
  auto camp = CampFromForm(form);
  Result<std::int64_t> id = camp ? ctx.options.camp->CreateCamp(session->actor, *camp)
                                 : Result<std::int64_t>(camp.error());
  if (!id)
    return RenderCamps(ctx, *session, {console::ConsoleErrorRu(id.error()), ""},
                       HttpStatusOf(id.error().code), respond);
  respond(Redirect("/console/camps/" + std::to_string(*id)));
}

void RenderCamp(Context& ctx, const app::SessionInfo& session, std::int64_t camp_id,
                const CampNotes& notes, int status, const Respond& respond) {
  auto page = ctx.options.camp->PrisonersAt(session.actor, camp_id);
  if (!page) return respond(Refused(page.error()));
  respond(HtmlResponse(status, ConsoleCampPage(session, page->camp, page->content, notes)));
}

void ConsoleCamp(Context& ctx, Request& request, Respond respond) {
  auto session = Viewer(ctx, request, respond);
  if (!session) return;
  auto id = ParseId(request.params["id"]);
  if (!id) return respond(Refused(NotFound("no such camp")));
  RenderCamp(ctx, *session, *id, {}, 200, respond);
}

void ConsoleRegister(Context& ctx, Request& request, Respond respond) {
  Form form;
  auto session = Poster(ctx, request, form, respond);
  if (!session) return;
  auto camp_id = ParseId(request.params["id"]);
  if (!camp_id) return respond(Refused(NotFound("no such camp")));
  app::PrisonerDraft d;
  d.camp_id = *camp_id;
  d.rank_category = camp::ParseRankCategory(FormField(form, "rank_category"))
                        .value_or(camp::RankCategory::kSoldier);
  d.health = FormField(form, "health");
  d.arrived_on = FormField(form, "arrived_on");
  d.language = FormField(form, "language");
  d.fields = {FormField(form, "surname"),      FormField(form, "first_names"),
              FormField(form, "father_name"),  FormField(form, "mother_maiden_name"),
              FormField(form, "rank"),         FormField(form, "service_number"),
              FormField(form, "birth_date"),   FormField(form, "birth_place"),
              FormField(form, "power"),        FormField(form, "person_to_inform"),
              FormField(form, "mail_address"), FormField(form, "captured_on")};
  auto id = ctx.options.camp->RegisterPrisoner(session->actor, d);
  if (!id)
    return RenderCamp(ctx, *session, *camp_id, {console::ConsoleErrorRu(id.error()), ""},
                      HttpStatusOf(id.error().code), respond);
  respond(Redirect("/console/prisoners/" + std::to_string(*id)));
}

std::string ThisMonth(const app::Clock& clock) {
  const auto today = clock.Today();
  return fmt::format("{:04d}-{:02d}", static_cast<int>(today.year()),
                     static_cast<unsigned>(today.month()));
}

void RenderPrisoner(Context& ctx, const app::SessionInfo& session, std::int64_t id,
                    std::string month, const CampNotes& notes, int status, const Respond& respond) {
  auto day = ParseIsoDate(month + "-01");
  if (!day || month.size() != 7) {
    month = ThisMonth(ctx.options.camp->clock());
    day = ParseIsoDate(month + "-01");
  }
  auto file = ctx.options.camp->GetPrisonerFile(session.actor, id, day->year() / day->month());
  if (!file) return respond(Refused(file.error()));
  respond(HtmlResponse(status, ConsolePrisonerPage(session, file->camp, file->prisoner,
                                                   file->statement, month, file->shifts, notes)));
}

void ConsolePrisoner(Context& ctx, Request& request, Respond respond) {
  auto session = Viewer(ctx, request, respond);
  if (!session) return;
  auto id = ParseId(request.params["id"]);
  if (!id) return respond(Refused(NotFound("no such prisoner")));
  RenderPrisoner(ctx, *session, *id, request.Query("month"), {}, 200, respond);
}

void ConsoleCaptureCard(Context& ctx, Request& request, Respond respond) {
  auto session = Viewer(ctx, request, respond);
  if (!session) return;
  auto id = ParseId(request.params["id"]);
  if (!id) return respond(Refused(NotFound("no such prisoner")));
  auto card = ctx.options.camp->CaptureCardOf(session->actor, *id);
  if (!card) return respond(Refused(card.error()));
  const auto& [camp, prisoner] = *card;
  if (request.path.ends_with(".pdf")) {
    auto pdf = CaptureCardPdf(MakeCaptureCard(camp, prisoner));
    if (!pdf) return respond(Refused(pdf.error()));
    Response r{200, "application/pdf", std::move(*pdf), {}};
    // The number, not the name: a file name travels in logs and download lists.
    r.headers.emplace_back("Content-Disposition",
                           "inline; filename=\"" + prisoner.number + "-capture-card.pdf\"");
    r.headers.emplace_back("Cache-Control", "no-store");
    return respond(std::move(r));
  }
  respond(HtmlResponse(200, CaptureCardPage(camp, prisoner)));
}

// The prisoner's own forms: capture card sent, a posting, a movement.
void ConsolePrisonerForm(Context& ctx, Request& request, Respond respond) {
  Form form;
  auto session = Poster(ctx, request, form, respond);
  if (!session) return;
  auto id = ParseId(request.params["id"]);
  if (!id) return respond(Refused(NotFound("no such prisoner")));
  auto& camps = *ctx.options.camp;
  Status outcome = OkStatus();
  std::string done;
  if (request.path.ends_with("/capture-card/sent")) {
    outcome = camps.MarkCaptureCardSent(session->actor, *id);
    done = console::T("Отмечено: карточка отправлена.");
  } else if (request.path.ends_with("/labour")) {
    outcome = camps.SetLabourProfile(session->actor, *id, FormField(form, "asked_for_work") == "1",
                                     FormField(form, "volunteers_dangerous") == "1",
                                     FormField(form, "last_medical_exam"));
    done = console::T("Сохранено.");
  } else if (request.path.ends_with("/shifts")) {
    auto shift =
        camps.AssignShift(session->actor, *id, FormField(form, "day"), FormField(form, "hours"),
                          FormField(form, "kind"), FormField(form, "supervisory") == "1",
                          FormField(form, "dangerous") == "1");
    outcome = shift ? OkStatus() : Status(shift.error());
    done = console::T("Работа назначена.");
  } else if (request.path.ends_with("/phone-list")) {
    outcome = camps.JoinPhoneList(session->actor, *id);
    done = console::T("В очереди на телефон.");
  } else if (request.path.ends_with("/mail")) {
    auto kind = camp::ParseMailKind(FormField(form, "kind"));
    auto direction = camp::ParseMailDirection(FormField(form, "direction"));
    if (!kind || !direction) {
      outcome = InvalidInput("choose what was sent or received", "kind");
    } else {
      auto logged = camps.LogMail(session->actor, *id, FormField(form, "day"), *kind, *direction,
                                  FormField(form, "held") == "1");
      outcome = logged ? OkStatus() : Status(logged.error());
    }
    done = console::T("Записано.");
  } else if (request.path.ends_with("/movements")) {
    auto to_camp = ParseId(FormField(form, "to_camp"));
    outcome = camps.RecordMovement(session->actor, *id, FormField(form, "kind"),
                                   FormField(form, "movement-on"),
                                   to_camp ? std::optional(*to_camp) : std::nullopt);
    done = console::T("Перемещение записано; оно попадёт в список для справочного бюро.");
  } else {
    auto stored = ctx.options.camp->PrisonerSummary(session->actor, *id);
    if (!stored) return respond(Refused(stored.error()));
    app::LedgerRequest r;
    r.key = FormField(form, "key");
    r.prisoner_id = *id;
    auto kind = camp::ParsePostingKind(FormField(form, "kind"));
    auto whole = [&](const char* name) {
      auto v = ParseVersion(FormField(form, name));
      return v && *v <= 100000 ? static_cast<int>(*v) : 0;
    };
    r.days = whole("days");
    r.quantity = whole("quantity");
    r.minutes = whole("minutes");
    r.reverses = ParseId(FormField(form, "reverses")).value_or(0);
    r.item = FormField(form, "item");
    r.memo = FormField(form, "memo");
    const std::string amount = FormField(form, "amount");
    Result<std::int64_t> parsed =
        amount.empty() ? Result<std::int64_t>(0) : camp::ParseAmount(amount, "amount");
    if (!kind) {
      outcome = InvalidInput("choose what to post", "kind");
    } else if (!parsed) {
      outcome = parsed.error();
    } else {
      r.kind = *kind;
      r.amount = *parsed;
      auto posted = camps.Post(session->actor, stored->stored.camp_id, r);
      if (!posted) {
        outcome = posted.error();
      } else {
        done = posted->replayed
                   ? std::string(
                         console::T("Уже проведено (повторная отправка формы ничего не изменила)."))
                   : console::TF("Проведено: проводка № {}.", posted->posting_id);
      }
    }
  }
  CampNotes notes =
      outcome ? CampNotes{"", done} : CampNotes{console::ConsoleErrorRu(outcome.error()), ""};
  RenderPrisoner(ctx, *session, *id, "", notes, StatusFor(outcome, 200), respond);
}

void RenderBureau(Context& ctx, const app::SessionInfo& session, std::int64_t camp_id,
                  const CampNotes& notes, int status, const Respond& respond) {
  auto page = ctx.options.camp->BureauListAt(session.actor, camp_id);
  if (!page) return respond(Refused(page.error()));
  respond(HtmlResponse(status, ConsoleBureauPage(session, page->camp, page->content, notes)));
}

void ConsoleBureau(Context& ctx, Request& request, Respond respond) {
  auto session = Viewer(ctx, request, respond);
  if (!session) return;
  auto id = ParseId(request.params["id"]);
  if (!id) return respond(Refused(NotFound("no such camp")));
  RenderBureau(ctx, *session, *id, {}, 200, respond);
}

void ConsoleBureauNotified(Context& ctx, Request& request, Respond respond) {
  Form form;
  auto session = Poster(ctx, request, form, respond);
  if (!session) return;
  auto id = ParseId(request.params["id"]);
  if (!id) return respond(Refused(NotFound("no such camp")));
  std::vector<std::int64_t> ids;
  for (auto [it, end] = form.equal_range("movement"); it != end; ++it) {
    if (auto m = ParseId(it->second)) ids.push_back(*m);
  }
  Status s = ctx.options.camp->MarkBureauNotified(session->actor, *id, ids);
  RenderBureau(ctx, *session, *id,
               s ? CampNotes{"", std::string(console::T("Отмечено: отправлено в бюро."))}
                 : CampNotes{console::ConsoleErrorRu(s.error()), ""},
               StatusFor(s, 200), respond);
}

void RenderPhoneDay(Context& ctx, const app::SessionInfo& session, std::int64_t camp_id,
                    const std::string& day, const CampNotes& notes, int status,
                    const Respond& respond) {
  auto page = ctx.options.camp->PhoneDayAt(session.actor, camp_id, day);
  if (!page) return respond(Refused(page.error()));
  respond(HtmlResponse(status, ConsolePhoneDayPage(session, page->camp, page->content, notes)));
}

void ConsolePhoneDay(Context& ctx, Request& request, Respond respond) {
  auto session = Viewer(ctx, request, respond);
  if (!session) return;
  auto id = ParseId(request.params["id"]);
  if (!id) return respond(Refused(NotFound("no such camp")));
  RenderPhoneDay(ctx, *session, *id, request.Query("day"), {}, 200, respond);
}

void ConsoleRecordCall(Context& ctx, Request& request, Respond respond) {
  Form form;
  auto session = Poster(ctx, request, form, respond);
  if (!session) return;
  auto camp_id = ParseId(request.params["id"]);
  if (!camp_id) return respond(Refused(NotFound("no such camp")));
  auto prisoner = ParseId(FormField(form, "prisoner"));
  auto start = ParseVersion(FormField(form, "start_minute"));
  auto minutes = ParseVersion(FormField(form, "minutes"));
  auto outcome = camp::ParseCallOutcome(FormField(form, "outcome"));
  Status s = OkStatus();
  if (!prisoner || !start || !outcome || *start > 24 * 60) {
    s = InvalidInput("name the prisoner (id), the slot and the outcome", "prisoner");
  } else {
    auto recorded = ctx.options.camp->RecordCall(
        session->actor, *camp_id, *prisoner, FormField(form, "day"), static_cast<int>(*start),
        *outcome, minutes && *minutes <= 1440 ? static_cast<int>(*minutes) : 0);
    if (!recorded) s = recorded.error();
  }
  RenderPhoneDay(ctx, *session, *camp_id, FormField(form, "day"),
                 s ? CampNotes{"", std::string(console::T("Записано."))}
                   : CampNotes{console::ConsoleErrorRu(s.error()), ""},
                 StatusFor(s, 200), respond);
}

void ConsoleMail(Context& ctx, Request& request, Respond respond) {
  auto session = Viewer(ctx, request, respond);
  if (!session) return;
  auto id = ParseId(request.params["id"]);
  if (!id) return respond(Refused(NotFound("no such camp")));
  std::string month = request.Query("month");
  auto first = ParseIsoDate(month + "-01");
  if (!first || month.size() != 7) {
    month = ThisMonth(ctx.options.camp->clock());
    first = ParseIsoDate(month + "-01");
  }
  auto page = ctx.options.camp->MailMonthAt(session->actor, *id, first->year() / first->month());
  if (!page) return respond(Refused(page.error()));
  respond(HtmlResponse(200, ConsoleMailPage(*session, page->camp, month, page->content)));
}

}  // namespace

void AddConsoleCampRoutes(Router& router, const Bind& bind) {
  router.Add("GET", "/console/camps/{id}/phone", bind(ConsolePhoneDay));
  router.Add("POST", "/console/camps/{id}/phone/calls", bind(ConsoleRecordCall));
  router.Add("GET", "/console/camps/{id}/mail", bind(ConsoleMail));
  router.Add("POST", "/console/prisoners/{id}/labour", bind(ConsolePrisonerForm));
  router.Add("POST", "/console/prisoners/{id}/shifts", bind(ConsolePrisonerForm));
  router.Add("POST", "/console/prisoners/{id}/phone-list", bind(ConsolePrisonerForm));
  router.Add("POST", "/console/prisoners/{id}/mail", bind(ConsolePrisonerForm));
  router.Add("GET", "/console/camps", bind(ConsoleCamps));
  router.Add("POST", "/console/camps", bind(ConsoleCreateCamp));
  router.Add("GET", "/console/camps/{id}", bind(ConsoleCamp));
  router.Add("POST", "/console/camps/{id}/prisoners", bind(ConsoleRegister));
  router.Add("GET", "/console/camps/{id}/bureau", bind(ConsoleBureau));
  router.Add("POST", "/console/camps/{id}/bureau", bind(ConsoleBureauNotified));
  router.Add("GET", "/console/prisoners/{id}", bind(ConsolePrisoner));
  router.Add("GET", "/console/prisoners/{id}/capture-card", bind(ConsoleCaptureCard));
  router.Add("GET", "/console/prisoners/{id}/capture-card.pdf", bind(ConsoleCaptureCard));
  router.Add("POST", "/console/prisoners/{id}/capture-card/sent", bind(ConsolePrisonerForm));
  router.Add("POST", "/console/prisoners/{id}/postings", bind(ConsolePrisonerForm));
  router.Add("POST", "/console/prisoners/{id}/movements", bind(ConsolePrisonerForm));
}

}  // namespace lifeline::server::office
