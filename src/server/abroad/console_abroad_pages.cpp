// The caseworker's console pages for people abroad: the risk board and a person's page with
// his proceedings, pathways and referrals (the countries' stay rules and the partners are in
// console_abroad_table_pages.cpp). No script needed; names appear only on the person's own
// page, whose opening is audited.

#include "server/abroad/console_abroad_pages.hpp"

#include <fmt/format.h>

#include "domain/abroad/penalty.hpp"
#include "server/console_common.hpp"
#include "server/console_text.hpp"
#include "server/page.hpp"

namespace lifeline::server {

using namespace console;

namespace {

std::string Day(std::chrono::sys_days day) {
  return FormatIsoDate(std::chrono::year_month_day{day});
}

std::string DaysLeft(int days) {
  if (days < 0) return TF("просрочено на {} дн.", -days);
  if (days == 0) return std::string(T("сегодня"));
  return TF("через {} дн.", days);
}

std::string NeedsRu(const std::vector<abroad::Need>& needs) {
  std::string out;
  for (abroad::Need n : needs) out += (out.empty() ? "" : ", ") + std::string(NeedRu(n));
  return out.empty() ? "—" : out;
}

std::string RecordSection(const app::PersonAbroad& p,
                          const std::vector<abroad::CountryRecord>& countries) {
  const app::PersonAbroadFields& f = *p.fields;
  std::string country = f.country;
  for (const auto& c : countries) {
    if (c.code == f.country) country = std::string(CountryText(c.name)) + " (" + c.code + ")";
  }
  std::string stay = "—";
  if (p.overstaying) {
    stay = "<strong class=\"error\">" +
           TF("срок истёк: последний законный день {}, {}", HtmlEscape(*p.last_legal_day),
              DaysLeft(-p.days_overstayed)) +
           "</strong>";
  } else if (p.last_legal_day) {
    stay = TF("последний законный день: {}", HtmlEscape(*p.last_legal_day));
  }
  std::string html = fmt::format(
      "<dl id=\"record\"><dt>{}</dt><dd id=\"person-name\">{}</dd><dt>{}</dt><dd>{}</dd>"
      "<dt>{}</dt><dd id=\"person-place\">{}</dd>"
      "<dt>{}</dt><dd id=\"stay\">{}</dd>"
      "<dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd>",
      T("Имя"), HtmlEscape(f.name), T("Связь"), HtmlEscape(f.contact), T("Где"),
      TF("{}, {}; с {}", HtmlEscape(country), HtmlEscape(f.city), HtmlEscape(f.arrived_on)),
      T("Разрешённое пребывание"), stay, T("Розыск на родине"), WantedRu(p.stored.wanted),
      T("Нужды"), NeedsRu(p.stored.needs));
  html += fmt::format("<dt>{}</dt><dd><ul id=\"documents\">", T("Документы"));
  if (f.documents.empty()) html += fmt::format("<li>{}</li>", T("никаких документов"));
  for (const auto& d : f.documents) {
    const auto expires = ParseIsoDate(d.expires);
    const bool expired = expires && std::chrono::sys_days{*expires} < p.today;
    std::string document(DocumentRu(d.kind));
    if (expires && expired) {
      document = TF("{}, {}истёк{} {}", DocumentRu(d.kind), "<strong>", "</strong>",
                    HtmlEscape(d.expires));
    } else if (expires) {
      document = TF("{}, действует до {}", DocumentRu(d.kind), HtmlEscape(d.expires));
    }
    html += fmt::format("<li>{}</li>", document);
  }
  html += fmt::format("</ul></dd><dt>{}</dt><dd><ul id=\"cases\">", T("Уголовные дела на родине"));
  if (f.cases.empty()) html += fmt::format("<li>{}</li>", T("неизвестны"));
  for (const auto& c : f.cases) {
    const auto penalty = abroad::FindPenalty(c.article);
    html += fmt::format(
        "<li>{}{}</li>",
        TF("ст. {} — {} ({}–{} лет)", HtmlEscape(c.article), penalty ? OffenceText(*penalty) : "?",
           penalty ? penalty->min_years : 0, penalty ? penalty->max_years : 0),
        c.status.empty() ? "" : "; " + HtmlEscape(c.status));
  }
  html += fmt::format("</ul></dd><dt>{}</dt><dd><ul>", T("Семья"));
  for (const auto& m : f.family) {
    html += fmt::format("<li>{}: {} — {}</li>", HtmlEscape(m.relation), HtmlEscape(m.name),
                        HtmlEscape(m.where));
  }
  html += "</ul></dd>";
  if (!f.notes.empty())
    html +=
        fmt::format("<dt>{}</dt><dd class=\"message\">{}</dd>", T("Заметки"), HtmlEscape(f.notes));
  return html + "</dl>";
}

// A proceeding's event (domain/abroad/proceeding.cpp's names) in the console's words.
std::string EventRu(std::string_view name) {
  static constexpr console::CodeWords kWords[] = {
      {"filed", Marked("подано")},
      {"interview", Marked("собеседование")},
      {"decision_granted", Marked("решение: предоставлено")},
      {"decision_refused", Marked("решение: отказ")},
      {"appeal_deadline", Marked("срок обжалования")},
      {"appeal_filed", Marked("жалоба подана")},
      {"appeal_hearing", Marked("рассмотрение жалобы")},
      {"charged", Marked("обвинение предъявлено")},
      {"hearing", Marked("заседание")},
      {"verdict", Marked("приговор")},
      {"sentence_served", Marked("наказание отбыто")},
      {"ordered", Marked("решение о выдворении")},
      {"removal_date", Marked("дата выдворения")},
      {"suspended", Marked("приостановлено")},
      {"request_received", Marked("запрос получен")},
      {"detained", Marked("задержан")},
      {"released", Marked("освобождён")},
      {"decision", Marked("решение")},
  };
  if (auto words = WordsFor(kWords, name)) return std::string(T(*words));
  return HtmlEscape(name);
}

// What a referral may share (app::ReferralFieldNames), and how consent was given, in words.
std::string ReferralFieldRu(std::string_view field) {
  static constexpr console::CodeWords kWords[] = {
      {"name", Marked("имя")},
      {"contact", Marked("связь")},
      {"country", Marked("страна")},
      {"city", Marked("город")},
      {"documents", Marked("документы")},
      {"cases", Marked("уголовные дела")},
      {"family", Marked("семья")},
      {"needs", Marked("нужды")},
      {"wanted_status", Marked("розыск")},
      {"proceedings", Marked("производства")},
  };
  if (auto words = WordsFor(kWords, field)) return std::string(T(*words));
  return HtmlEscape(field);
}

std::string ConsentHowRu(std::string_view how) {
  static constexpr console::CodeWords kWords[] = {
      {"in_person", Marked("лично")},
      {"written", Marked("письменно")},
      {"message", Marked("сообщением")},
      {"call", Marked("по телефону")},
  };
  if (auto words = WordsFor(kWords, how)) return std::string(T(*words));
  return HtmlEscape(how);
}

std::string RisksSection(const app::PersonAbroad& p) {
  std::string html = fmt::format("<h2>{}</h2><ul id=\"risks\">", T("Ближайшие даты"));
  for (const auto& r : p.risks) html += fmt::format("<li>{}: {}</li>", Day(r.on), RiskRu(r.kind));
  if (p.risks.empty()) html += fmt::format("<li>{}</li>", T("пока нет"));
  return html + "</ul>";
}

std::string ProceedingsSection(const app::SessionInfo& s, const PersonAbroadPageData& d) {
  const std::int64_t id = d.person.stored.id;
  std::string html = fmt::format("<h2>{}</h2>", T("Производства"));
  for (const auto& v : d.proceedings) {
    const auto& p = v.proceeding;
    const std::string title =
        p.closed ? TF("{} (с {}) — закрыто", ProceedingRu(p.kind), FormatIsoDate(p.filed_on))
                 : TF("{} (с {})", ProceedingRu(p.kind), FormatIsoDate(p.filed_on));
    html += fmt::format("<section class=\"proceeding\" id=\"proceeding-{}\"><h3>{}</h3><ul>", p.id,
                        title);
    for (const auto& e : v.events)
      html += fmt::format("<li>{}: {}</li>", FormatIsoDate(e.on), EventRu(e.kind));
    html += "</ul>";
    if (!p.closed) {
      html += fmt::format(
          "<form method=\"post\" action=\"/console/abroad/proceedings/{0}/events\">{1}"
          "<input type=\"hidden\" name=\"person\" value=\"{2}\">"
          "<label for=\"event-kind-{0}\">{3}</label><select id=\"event-kind-{0}\" name=\"kind\">",
          p.id, CsrfField(s), id, T("Событие"));
      for (const auto& k : abroad::EventKinds(p.kind))
        html += fmt::format("<option value=\"{}\">{}</option>", k.name, EventRu(k.name));
      html += fmt::format(
          "</select><label for=\"event-on-{0}\">{3}</label>"
          "<input id=\"event-on-{0}\" name=\"on\" required><button "
          "type=\"submit\">{4}</button></form>"
          "<form class=\"inline\" method=\"post\" "
          "action=\"/console/abroad/proceedings/{0}/close\">{1}"
          "<input type=\"hidden\" name=\"person\" value=\"{2}\"><button type=\"submit\">{5}"
          "</button></form>",
          p.id, CsrfField(s), id, T("Дата (ГГГГ-ММ-ДД)"), T("Добавить"), T("Закрыть производство"));
    }
    html += "</section>";
  }
  html += fmt::format(
      "<form id=\"new-proceeding\" method=\"post\" "
      "action=\"/console/abroad/people/{}/proceedings\">{}"
      "<label for=\"proceeding-kind\">{}</label><select id=\"proceeding-kind\" "
      "name=\"kind\">",
      id, CsrfField(s), T("Новое производство"));
  for (auto k : {abroad::ProceedingKind::kAsylum, abroad::ProceedingKind::kBorderProsecution,
                 abroad::ProceedingKind::kDeportation, abroad::ProceedingKind::kExtradition}) {
    html += fmt::format("<option value=\"{}\">{}</option>", abroad::ToString(k), ProceedingRu(k));
  }
  return html + fmt::format(
                    "</select><label for=\"filed_on\">{}</label><input id=\"filed_on\" "
                    "name=\"filed_on\" required>"
                    "<button type=\"submit\">{}</button></form>",
                    T("Начато (ГГГГ-ММ-ДД)"), T("Открыть"));
}

std::string PathwaysSection(const app::SessionInfo& s, const PersonAbroadPageData& d) {
  const std::int64_t id = d.person.stored.id;
  std::string html = fmt::format("<h2>{}</h2>", T("Пути"));
  for (const auto& p : d.pathways) {
    const auto open = abroad::OpenSteps(p.kind, p.steps);
    html += fmt::format(
        "<section class=\"pathway\" id=\"pathway-{}\"><h3>{}{}</h3><p>{}</p>"
        "<table><tbody>",
        p.id, PathwayRu(p.kind),
        p.target_country.empty() ? "" : " → " + HtmlEscape(p.target_country),
        TF("Не хватает: {}", fmt::format("<span class=\"missing\">{}</span>", open.size())));
    const auto steps = abroad::PathwaySteps(p.kind);
    for (std::size_t i = 0; i < steps.size(); ++i) {
      const auto status = i < p.steps.size() ? p.steps[i] : abroad::StepStatus::kMissing;
      html += fmt::format(
          "<tr><td>{}{}</td><td><form class=\"inline\" method=\"post\" "
          "action=\"/console/abroad/pathways/{}/steps\">{}"
          "<input type=\"hidden\" name=\"person\" value=\"{}\"><input type=\"hidden\" "
          "name=\"step\" value=\"{}\">"
          "<select name=\"status\" aria-label=\"{}\">",
          steps[i].document ? "📄 " : "", HtmlEscape(T(steps[i].label_ru)), p.id, CsrfField(s), id,
          steps[i].code, HtmlEscape(T(steps[i].label_ru)));
      for (auto st : {abroad::StepStatus::kMissing, abroad::StepStatus::kInProgress,
                      abroad::StepStatus::kDone, abroad::StepStatus::kNotNeeded}) {
        html +=
            Option(abroad::ToString(st), StepStatusRu(st), std::string(abroad::ToString(status)));
      }
      html += fmt::format("</select><button type=\"submit\">{}</button></form></td></tr>",
                          T("Сохранить"));
    }
    html += "</tbody></table></section>";
  }
  html += fmt::format(
      "<form id=\"new-pathway\" method=\"post\" action=\"/console/abroad/people/{}/pathways\">{}"
      "<label for=\"pathway-kind\">{}</label><select id=\"pathway-kind\" name=\"kind\">",
      id, CsrfField(s), T("Новый путь"));
  for (auto k : {abroad::PathwayKind::kAsylum, abroad::PathwayKind::kHumanitarianVisa,
                 abroad::PathwayKind::kWorkVisa, abroad::PathwayKind::kTravelDocument}) {
    html += fmt::format("<option value=\"{}\">{}</option>", abroad::ToString(k), PathwayRu(k));
  }
  html += fmt::format(
      "</select><label for=\"target_country\">{}</label>"
      "<select id=\"target_country\" name=\"target_country\"><option value=\"\">—</option>",
      T("Страна назначения (для виз)"));
  for (const auto& c : d.countries)
    html +=
        fmt::format("<option value=\"{}\">{}</option>", c.code, HtmlEscape(CountryText(c.name)));
  return html + fmt::format("</select><button type=\"submit\">{}</button></form>", T("Открыть"));
}

std::string ReferralsSection(const app::SessionInfo& s, const PersonAbroadPageData& d) {
  const std::int64_t id = d.person.stored.id;
  std::string html = fmt::format("<h2>{}</h2><ul id=\"referrals\">", T("Направления партнёрам"));
  for (const auto& r : d.referrals) {
    std::string partner = "#" + std::to_string(r.partner_id);
    for (const auto& p : d.partners) {
      if (p.id == r.partner_id) partner = p.name;
    }
    std::string fields;
    for (const auto& f : r.fields) fields += (fields.empty() ? "" : ", ") + ReferralFieldRu(f);
    html += fmt::format(
        "<li>{} <a href=\"/console/abroad/referrals/{}/package\">{}</a></li>",
        TF("{}: {} ({}; согласие {}, {})", UtcTime(r.created_at), HtmlEscape(partner),
           HtmlEscape(fields), ConsentHowRu(r.consent_how), FormatIsoDate(r.consent_on)),
        r.id, T("пакет"));
  }
  if (d.referrals.empty()) html += fmt::format("<li>{}</li>", T("пока нет"));
  html += "</ul>";
  // His identity leaves the organisation: each referral needs a second person's approval.
  const auto& approval = d.referral_approval;
  if (approval && approval->approved_by) {
    html += fmt::format("<p id=\"referral-approval\">{}</p>",
                        TF("Согласие дал {}.", HtmlEscape(*approval->approved_by)));
  } else if (approval) {
    html += fmt::format("<p id=\"referral-approval\">{}</p>",
                        TF("Запрос № {} ждёт согласия второго сотрудника до {}.", approval->seq,
                           UtcTime(approval->expires_at())));
  } else {
    html += fmt::format(
        "<form id=\"referral-approval\" method=\"post\" "
        "action=\"/console/abroad/people/{}/referrals/approval\">{}<p class=\"hint\">{}</p>"
        "<button type=\"submit\">{}</button></form>",
        id, CsrfField(s),
        T("Направление передаёт его личность другой организации: каждое требует согласия второго "
          "сотрудника (страница «Согласия»)."),
        T("Запросить согласие второго сотрудника"));
  }
  html += fmt::format(
      "<form id=\"new-referral\" method=\"post\" "
      "action=\"/console/abroad/people/{}/referrals\">{}"
      "<label for=\"partner\">{}</label><select id=\"partner\" name=\"partner\">",
      id, CsrfField(s), T("Партнёр"));
  for (const auto& p : d.partners) {
    html +=
        fmt::format("<option value=\"{}\">{}</option>", p.id,
                    p.public_key ? HtmlEscape(p.name) : TF("{} (нет ключа)", HtmlEscape(p.name)));
  }
  html += fmt::format("</select><fieldset><legend>{}</legend>", T("Что он согласился передать"));
  for (const auto& f : app::ReferralFieldNames()) {
    html += fmt::format(
        "<label class=\"check\"><input type=\"checkbox\" name=\"field\" value=\"{}\"> {}</label>",
        f, ReferralFieldRu(f));
  }
  html += fmt::format(
      "</fieldset><label for=\"consent_how\">{}</label><select "
      "id=\"consent_how\" name=\"consent_how\">",
      T("Как дано согласие"));
  for (std::string_view how : {"in_person", "written", "message", "call"})
    html += fmt::format("<option value=\"{}\">{}</option>", how, ConsentHowRu(how));
  return html + fmt::format(
                    "</select>"
                    "<label class=\"check\"><input type=\"checkbox\" id=\"consent\" "
                    "name=\"consent\" value=\"yes\"> {}</label>"
                    "<button type=\"submit\">{}</button></form>",
                    T("Он согласился передать именно эти сведения этому партнёру"),
                    T("Направить (пакет шифруется ключом партнёра)"));
}

}  // namespace

std::string AbroadNotesHtml(const AbroadNotes& notes) {
  std::string html;
  if (!notes.error.empty())
    html += fmt::format("<p class=\"error\" role=\"alert\">{}</p>", HtmlEscape(notes.error));
  if (!notes.done.empty())
    html += fmt::format("<p class=\"notice\" role=\"status\">{}</p>", HtmlEscape(notes.done));
  return html;
}

std::string_view RiskRu(abroad::RiskKind kind) {
  switch (kind) {
    case abroad::RiskKind::kExtraditionHearing:
      return T("слушание об экстрадиции");
    case abroad::RiskKind::kDeportation:
      return T("депортация");
    case abroad::RiskKind::kStayEnds:
      return T("конец разрешённого пребывания");
    case abroad::RiskKind::kAppealDeadline:
      return T("срок обжалования");
    case abroad::RiskKind::kCourtHearing:
      return T("судебное заседание");
    case abroad::RiskKind::kAsylumInterview:
      return T("интервью по убежищу");
    case abroad::RiskKind::kDocumentExpires:
      return T("истекает документ");
  }
  return "?";
}

std::string_view WantedRu(abroad::WantedStatus status) {
  switch (status) {
    case abroad::WantedStatus::kNoneKnown:
      return T("неизвестно");
    case abroad::WantedStatus::kNationalList:
      return T("федеральный розыск");
    case abroad::WantedStatus::kInterstateList:
      return T("межгосударственный розыск");
    case abroad::WantedStatus::kInternationalNoticeRequested:
      return T("запрошен международный розыск");
  }
  return "?";
}

std::string_view NeedRu(abroad::Need need) {
  switch (need) {
    case abroad::Need::kHousing:
      return T("жильё");
    case abroad::Need::kMoney:
      return T("деньги");
    case abroad::Need::kMedical:
      return T("медицина");
    case abroad::Need::kLegal:
      return T("юрист");
  }
  return "?";
}

std::string_view DocumentRu(abroad::DocumentKind kind) {
  switch (kind) {
    case abroad::DocumentKind::kInternalPassport:
      return T("внутренний паспорт");
    case abroad::DocumentKind::kInternationalPassport:
      return T("загранпаспорт");
    case abroad::DocumentKind::kTemporaryTravelDocument:
      return T("временный проездной документ");
    case abroad::DocumentKind::kResidencePermit:
      return T("вид на жительство");
    case abroad::DocumentKind::kVisa:
      return T("виза");
  }
  return "?";
}

std::string_view ProceedingRu(abroad::ProceedingKind kind) {
  switch (kind) {
    case abroad::ProceedingKind::kAsylum:
      return T("убежище");
    case abroad::ProceedingKind::kBorderProsecution:
      return T("дело о пересечении границы");
    case abroad::ProceedingKind::kDeportation:
      return T("депортация");
    case abroad::ProceedingKind::kExtradition:
      return T("экстрадиция");
  }
  return "?";
}

std::string_view PathwayRu(abroad::PathwayKind kind) {
  switch (kind) {
    case abroad::PathwayKind::kAsylum:
      return T("убежище в этой стране");
    case abroad::PathwayKind::kHumanitarianVisa:
      return T("гуманитарная виза");
    case abroad::PathwayKind::kWorkVisa:
      return T("рабочая виза");
    case abroad::PathwayKind::kTravelDocument:
      return T("временный проездной документ");
  }
  return "?";
}

std::string_view StepStatusRu(abroad::StepStatus status) {
  switch (status) {
    case abroad::StepStatus::kMissing:
      return T("отсутствует");
    case abroad::StepStatus::kInProgress:
      return T("в работе");
    case abroad::StepStatus::kDone:
      return T("готово");
    case abroad::StepStatus::kNotNeeded:
      return T("не нужно");
  }
  return "?";
}

std::string_view OffenceText(const abroad::PenaltyArticle& article) {
  switch (CurrentLanguage()) {
    case Language::kUk:
      return article.offence_uk.empty() ? article.offence_ru : article.offence_uk;
    case Language::kEn:
      return article.offence.empty() ? article.offence_ru : article.offence;
    default:
      return article.offence_ru;
  }
}

std::string ConsoleAbroadBoardPage(const app::SessionInfo& session,
                                   const std::vector<app::BoardLine>& lines, std::size_t page,
                                   bool alerts_only, const AbroadNotes& notes) {
  std::string body = Header(session) +
                     fmt::format("<h1>{}</h1>", T("За рубежом: кто в опасности первым")) +
                     AbroadNotesHtml(notes);
  body += fmt::format(
      "<p><a href=\"/console/abroad/new\" id=\"new-person\">{}</a> · {}</p>", T("Новый человек"),
      alerts_only ? fmt::format("<a href=\"/console/abroad\">{}</a>", T("Все"))
                  : fmt::format("<a href=\"/console/abroad?alerts=1\" id=\"alerts-only\">{}</a>",
                                T("Только тревоги")));
  if (lines.empty()) {
    body += fmt::format("<p id=\"board-empty\">{}</p>", T("Никаких дат впереди."));
  } else {
    body += fmt::format(
        "<table "
        "id=\"board\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th>"
        "<th>{}</th></tr></thead><tbody>",
        T("Номер"), T("Что"), T("Когда"), T("Осталось"), T("Розыск"), T("Нужды"));
    for (const auto& l : lines) {
      const auto& line = l.row.line;
      // His other dates within their lead time, beside the line: an overstay never hides a hearing.
      std::string beside;
      for (const auto& e : l.row.beside) {
        beside +=
            fmt::format("<li>⚠ {}: {}, {}</li>", RiskRu(e.kind), Day(e.on),
                        DaysLeft(static_cast<int>((e.on - line.next.on).count()) + line.days_left));
      }
      if (!beside.empty()) beside = "<ul class=\"beside\">" + beside + "</ul>";
      body += fmt::format(
          "<tr{}><td><a "
          "href=\"/console/abroad/people/{}\">{}</a></td><td>{}{}</td><td>{}</td><td>{}{}</td>"
          "<td>{}</td><td>{}</td></tr>",
          line.alert ? " class=\"alert\"" : "", line.person_id, l.number,
          line.days_left < 0 ? std::string(T("пребывание истекло"))
                             : std::string(RiskRu(line.next.kind)),
          beside, Day(line.next.on), line.alert ? "⚠ " : "", DaysLeft(line.days_left),
          WantedRu(l.row.wanted), NeedsRu(l.row.needs));
    }
    body += "</tbody></table>";
  }
  const std::string filter = alerts_only ? "&alerts=1" : "";
  body += "<p>";
  if (page > 0)
    body += fmt::format("<a href=\"/console/abroad?page={}{}\" rel=\"prev\">← {}</a> ", page - 1,
                        filter, T("назад"));
  if (lines.size() == 50)
    body += fmt::format("<a href=\"/console/abroad?page={}{}\" rel=\"next\">{} →</a>", page + 1,
                        filter, T("дальше"));
  body += "</p>";
  return console::ConsolePage(T("За рубежом"), body);
}

std::string ConsoleAbroadPersonPage(const app::SessionInfo& session, const PersonAbroadPageData& d,
                                    const AbroadNotes& notes) {
  const auto& p = d.person;
  std::string body =
      Header(session) +
      fmt::format("<h1>{}</h1><p><a href=\"/console/abroad/people/{}/edit\">{}</a></p>", p.number,
                  p.stored.id, T("Изменить запись")) +
      AbroadNotesHtml(notes);
  body += RecordSection(p, d.countries) + RisksSection(p) + ProceedingsSection(session, d) +
          PathwaysSection(session, d) + ReferralsSection(session, d);
  return console::ConsolePage(p.number, body);
}

}  // namespace lifeline::server
