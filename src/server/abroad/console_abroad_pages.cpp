// The caseworker's console pages for people abroad: the risk board, a person's page with his
// proceedings, pathways and referrals, the countries' stay rules, and partners. No script
// needed; names appear only on the person's own page, whose opening is audited.

#include "server/abroad/console_abroad_pages.hpp"

#include <fmt/format.h>

#include "domain/abroad/penalty.hpp"
#include "server/console_common.hpp"
#include "server/page.hpp"

namespace lifeline::server {

using namespace console;

namespace {

std::string Csrf(const app::SessionInfo& s) {
  return fmt::format("<input type=\"hidden\" name=\"csrf\" value=\"{}\">",
                     HtmlEscape(s.csrf_token));
}

std::string Notes(const AbroadNotes& notes) {
  std::string html;
  if (!notes.error.empty())
    html += fmt::format("<p class=\"error\" role=\"alert\">{}</p>", HtmlEscape(notes.error));
  if (!notes.done.empty())
    html += fmt::format("<p class=\"notice\" role=\"status\">{}</p>", HtmlEscape(notes.done));
  return html;
}

std::string Day(std::chrono::sys_days day) {
  return FormatIsoDate(std::chrono::year_month_day{day});
}

std::string DaysLeft(int days) {
  if (days < 0) return fmt::format("просрочено на {} дн.", -days);
  if (days == 0) return "сегодня";
  return fmt::format("через {} дн.", days);
}

std::string NeedsRu(const std::vector<abroad::Need>& needs) {
  std::string out;
  for (abroad::Need n : needs) out += (out.empty() ? "" : ", ") + std::string(NeedRu(n));
  return out.empty() ? "—" : out;
}

constexpr abroad::RiskKind kRisks[] = {
    abroad::RiskKind::kExtraditionHearing, abroad::RiskKind::kDeportation,
    abroad::RiskKind::kStayEnds,           abroad::RiskKind::kAppealDeadline,
    abroad::RiskKind::kCourtHearing,       abroad::RiskKind::kAsylumInterview,
    abroad::RiskKind::kDocumentExpires};

std::string RecordSection(const app::PersonAbroad& p,
                          const std::vector<abroad::CountryRecord>& countries) {
  const app::PersonAbroadFields& f = *p.fields;
  std::string country = f.country;
  for (const auto& c : countries) {
    if (c.code == f.country) country = c.name + " (" + c.code + ")";
  }
  std::string html = fmt::format(
      "<dl id=\"record\"><dt>Имя</dt><dd id=\"person-name\">{}</dd><dt>Связь</dt><dd>{}</dd>"
      "<dt>Где</dt><dd id=\"person-place\">{}, {}; с {}</dd>"
      "<dt>Разрешённое пребывание</dt><dd id=\"stay\">{}</dd>"
      "<dt>Розыск на родине</dt><dd>{}</dd><dt>Нужды</dt><dd>{}</dd>",
      HtmlEscape(f.name), HtmlEscape(f.contact), HtmlEscape(country), HtmlEscape(f.city),
      HtmlEscape(f.arrived_on),
      p.overstaying
          ? fmt::format(
                "<strong class=\"error\">срок истёк: последний законный день {}, {}</strong>",
                HtmlEscape(*p.last_legal_day), DaysLeft(-p.days_overstayed))
      : p.last_legal_day ? "последний законный день: " + HtmlEscape(*p.last_legal_day)
                         : std::string("—"),
      WantedRu(p.stored.wanted), NeedsRu(p.stored.needs));
  html += "<dt>Документы</dt><dd><ul id=\"documents\">";
  if (f.documents.empty()) html += "<li>никаких документов</li>";
  for (const auto& d : f.documents) {
    const auto expires = ParseIsoDate(d.expires);
    const bool expired = expires && std::chrono::sys_days{*expires} < p.today;
    html += fmt::format("<li>{}{}</li>", DocumentRu(d.kind),
                        !expires ? ""
                                 : (expired ? ", <strong>истёк</strong> " : ", действует до ") +
                                       HtmlEscape(d.expires));
  }
  html += "</ul></dd><dt>Уголовные дела на родине</dt><dd><ul id=\"cases\">";
  if (f.cases.empty()) html += "<li>неизвестны</li>";
  for (const auto& c : f.cases) {
    const auto penalty = abroad::FindPenalty(c.article);
    html += fmt::format("<li>ст. {} — {} ({}–{} лет){}</li>", HtmlEscape(c.article),
                        penalty ? penalty->offence_ru : "?", penalty ? penalty->min_years : 0,
                        penalty ? penalty->max_years : 0,
                        c.status.empty() ? "" : "; " + HtmlEscape(c.status));
  }
  html += "</ul></dd><dt>Семья</dt><dd><ul>";
  for (const auto& m : f.family) {
    html += fmt::format("<li>{}: {} — {}</li>", HtmlEscape(m.relation), HtmlEscape(m.name),
                        HtmlEscape(m.where));
  }
  html += "</ul></dd>";
  if (!f.notes.empty())
    html += "<dt>Заметки</dt><dd class=\"message\">" + HtmlEscape(f.notes) + "</dd>";
  return html + "</dl>";
}

// A proceeding's event (domain/abroad/proceeding.cpp's names) in the console's words.
std::string EventRu(std::string_view name) {
  static constexpr console::CodeWords kWords[] = {{"filed", "подано"},
                                                  {"interview", "собеседование"},
                                                  {"decision_granted", "решение: предоставлено"},
                                                  {"decision_refused", "решение: отказ"},
                                                  {"appeal_deadline", "срок обжалования"},
                                                  {"appeal_filed", "жалоба подана"},
                                                  {"appeal_hearing", "рассмотрение жалобы"},
                                                  {"charged", "обвинение предъявлено"},
                                                  {"hearing", "заседание"},
                                                  {"verdict", "приговор"},
                                                  {"sentence_served", "наказание отбыто"},
                                                  {"ordered", "решение о выдворении"},
                                                  {"removal_date", "дата выдворения"},
                                                  {"suspended", "приостановлено"},
                                                  {"request_received", "запрос получен"},
                                                  {"detained", "задержан"},
                                                  {"released", "освобождён"},
                                                  {"decision", "решение"}};
  if (auto words = WordsFor(kWords, name)) return std::string(*words);
  return HtmlEscape(name);
}

// What a referral may share (app::ReferralFieldNames), and how consent was given, in words.
std::string ReferralFieldRu(std::string_view field) {
  static constexpr console::CodeWords kWords[] = {{"name", "имя"},
                                                  {"contact", "связь"},
                                                  {"country", "страна"},
                                                  {"city", "город"},
                                                  {"documents", "документы"},
                                                  {"cases", "уголовные дела"},
                                                  {"family", "семья"},
                                                  {"needs", "нужды"},
                                                  {"wanted_status", "розыск"},
                                                  {"proceedings", "производства"}};
  if (auto words = WordsFor(kWords, field)) return std::string(*words);
  return HtmlEscape(field);
}

std::string ConsentHowRu(std::string_view how) {
  static constexpr console::CodeWords kWords[] = {{"in_person", "лично"},
                                                  {"written", "письменно"},
                                                  {"message", "сообщением"},
                                                  {"call", "по телефону"}};
  if (auto words = WordsFor(kWords, how)) return std::string(*words);
  return HtmlEscape(how);
}

std::string RisksSection(const app::PersonAbroad& p) {
  std::string html = "<h2>Ближайшие даты</h2><ul id=\"risks\">";
  for (const auto& r : p.risks) html += fmt::format("<li>{}: {}</li>", Day(r.on), RiskRu(r.kind));
  if (p.risks.empty()) html += "<li>нет</li>";
  return html + "</ul>";
}

std::string ProceedingsSection(const app::SessionInfo& s, const PersonAbroadPageData& d) {
  const std::int64_t id = d.person.stored.id;
  std::string html = "<h2>Производства</h2>";
  for (const auto& v : d.proceedings) {
    const auto& p = v.proceeding;
    html += fmt::format(
        "<section class=\"proceeding\" id=\"proceeding-{}\"><h3>{} (с {}){}</h3><ul>", p.id,
        ProceedingRu(p.kind), FormatIsoDate(p.filed_on), p.closed ? " — закрыто" : "");
    for (const auto& e : v.events)
      html += fmt::format("<li>{}: {}</li>", FormatIsoDate(e.on), EventRu(e.kind));
    html += "</ul>";
    if (!p.closed) {
      html += fmt::format(
          "<form method=\"post\" action=\"/console/abroad/proceedings/{}/events\">{}"
          "<input type=\"hidden\" name=\"person\" value=\"{}\">"
          "<label for=\"event-kind-{}\">Событие</label><select id=\"event-kind-{}\" name=\"kind\">",
          p.id, Csrf(s), id, p.id, p.id);
      for (const auto& k : abroad::EventKinds(p.kind))
        html += fmt::format("<option value=\"{}\">{}</option>", k.name, EventRu(k.name));
      html += fmt::format(
          "</select><label for=\"event-on-{0}\">Дата (ГГГГ-ММ-ДД)</label>"
          "<input id=\"event-on-{0}\" name=\"on\" required><button "
          "type=\"submit\">Добавить</button></form>"
          "<form class=\"inline\" method=\"post\" "
          "action=\"/console/abroad/proceedings/{0}/close\">{1}"
          "<input type=\"hidden\" name=\"person\" value=\"{2}\"><button type=\"submit\">Закрыть "
          "производство</button></form>",
          p.id, Csrf(s), id);
    }
    html += "</section>";
  }
  html += fmt::format(
      "<form id=\"new-proceeding\" method=\"post\" "
      "action=\"/console/abroad/people/{}/proceedings\">{}"
      "<label for=\"proceeding-kind\">Новое производство</label><select id=\"proceeding-kind\" "
      "name=\"kind\">",
      id, Csrf(s));
  for (auto k : {abroad::ProceedingKind::kAsylum, abroad::ProceedingKind::kBorderProsecution,
                 abroad::ProceedingKind::kDeportation, abroad::ProceedingKind::kExtradition}) {
    html += fmt::format("<option value=\"{}\">{}</option>", abroad::ToString(k), ProceedingRu(k));
  }
  return html +
         "</select><label for=\"filed_on\">Начато (ГГГГ-ММ-ДД)</label><input id=\"filed_on\" "
         "name=\"filed_on\" required>"
         "<button type=\"submit\">Открыть</button></form>";
}

std::string PathwaysSection(const app::SessionInfo& s, const PersonAbroadPageData& d) {
  const std::int64_t id = d.person.stored.id;
  std::string html = "<h2>Пути</h2>";
  for (const auto& p : d.pathways) {
    const auto open = abroad::OpenSteps(p.kind, p.steps);
    html += fmt::format(
        "<section class=\"pathway\" id=\"pathway-{}\"><h3>{}{}</h3><p>Не хватает: <span "
        "class=\"missing\">{}</span></p>"
        "<table><tbody>",
        p.id, PathwayRu(p.kind),
        p.target_country.empty() ? "" : " → " + HtmlEscape(p.target_country), open.size());
    const auto steps = abroad::PathwaySteps(p.kind);
    for (std::size_t i = 0; i < steps.size(); ++i) {
      const auto status = i < p.steps.size() ? p.steps[i] : abroad::StepStatus::kMissing;
      html += fmt::format(
          "<tr><td>{}{}</td><td><form class=\"inline\" method=\"post\" "
          "action=\"/console/abroad/pathways/{}/steps\">{}"
          "<input type=\"hidden\" name=\"person\" value=\"{}\"><input type=\"hidden\" "
          "name=\"step\" value=\"{}\">"
          "<select name=\"status\" aria-label=\"{}\">",
          steps[i].document ? "📄 " : "", HtmlEscape(steps[i].label_ru), p.id, Csrf(s), id,
          steps[i].code, HtmlEscape(steps[i].label_ru));
      for (auto st : {abroad::StepStatus::kMissing, abroad::StepStatus::kInProgress,
                      abroad::StepStatus::kDone, abroad::StepStatus::kNotNeeded}) {
        html +=
            Option(abroad::ToString(st), StepStatusRu(st), std::string(abroad::ToString(status)));
      }
      html += "</select><button type=\"submit\">Сохранить</button></form></td></tr>";
    }
    html += "</tbody></table></section>";
  }
  html += fmt::format(
      "<form id=\"new-pathway\" method=\"post\" action=\"/console/abroad/people/{}/pathways\">{}"
      "<label for=\"pathway-kind\">Новый путь</label><select id=\"pathway-kind\" name=\"kind\">",
      id, Csrf(s));
  for (auto k : {abroad::PathwayKind::kAsylum, abroad::PathwayKind::kHumanitarianVisa,
                 abroad::PathwayKind::kWorkVisa, abroad::PathwayKind::kTravelDocument}) {
    html += fmt::format("<option value=\"{}\">{}</option>", abroad::ToString(k), PathwayRu(k));
  }
  html +=
      "</select><label for=\"target_country\">Страна назначения (для виз)</label>"
      "<select id=\"target_country\" name=\"target_country\"><option value=\"\">—</option>";
  for (const auto& c : d.countries)
    html += fmt::format("<option value=\"{}\">{}</option>", c.code, HtmlEscape(c.name));
  return html + "</select><button type=\"submit\">Открыть</button></form>";
}

std::string ReferralsSection(const app::SessionInfo& s, const PersonAbroadPageData& d) {
  const std::int64_t id = d.person.stored.id;
  std::string html = "<h2>Направления партнёрам</h2><ul id=\"referrals\">";
  for (const auto& r : d.referrals) {
    std::string partner = "#" + std::to_string(r.partner_id);
    for (const auto& p : d.partners) {
      if (p.id == r.partner_id) partner = p.name;
    }
    std::string fields;
    for (const auto& f : r.fields) fields += (fields.empty() ? "" : ", ") + ReferralFieldRu(f);
    html += fmt::format(
        "<li>{}: {} ({}; согласие {}, {}) <a "
        "href=\"/console/abroad/referrals/{}/package\">пакет</a></li>",
        FormatIsoDate(r.consent_on), HtmlEscape(partner), HtmlEscape(fields),
        ConsentHowRu(r.consent_how), FormatIsoDate(r.consent_on), r.id);
  }
  if (d.referrals.empty()) html += "<li>нет</li>";
  html += fmt::format(
      "</ul><form id=\"new-referral\" method=\"post\" "
      "action=\"/console/abroad/people/{}/referrals\">{}"
      "<label for=\"partner\">Партнёр</label><select id=\"partner\" name=\"partner\">",
      id, Csrf(s));
  for (const auto& p : d.partners) {
    html += fmt::format("<option value=\"{}\">{}{}</option>", p.id, HtmlEscape(p.name),
                        p.public_key ? "" : " (нет ключа)");
  }
  html += "</select><fieldset><legend>Что он согласился передать</legend>";
  for (const auto& f : app::ReferralFieldNames()) {
    html += fmt::format(
        "<label class=\"check\"><input type=\"checkbox\" name=\"field\" value=\"{}\"> {}</label>",
        f, ReferralFieldRu(f));
  }
  return html +
         "</fieldset><label for=\"consent_how\">Как дано согласие</label><select "
         "id=\"consent_how\" name=\"consent_how\">"
         "<option value=\"in_person\">лично</option><option value=\"written\">письменно</option>"
         "<option value=\"message\">сообщением</option><option value=\"call\">по "
         "телефону</option></select>"
         "<label class=\"check\"><input type=\"checkbox\" id=\"consent\" name=\"consent\" "
         "value=\"yes\"> "
         "Он согласился передать именно эти сведения этому партнёру</label>"
         "<button type=\"submit\">Направить (пакет шифруется ключом партнёра)</button></form>";
}

}  // namespace

std::string_view RiskRu(abroad::RiskKind kind) {
  switch (kind) {
    case abroad::RiskKind::kExtraditionHearing:
      return "слушание об экстрадиции";
    case abroad::RiskKind::kDeportation:
      return "депортация";
    case abroad::RiskKind::kStayEnds:
      return "конец разрешённого пребывания";
    case abroad::RiskKind::kAppealDeadline:
      return "срок обжалования";
    case abroad::RiskKind::kCourtHearing:
      return "судебное заседание";
    case abroad::RiskKind::kAsylumInterview:
      return "интервью по убежищу";
    case abroad::RiskKind::kDocumentExpires:
      return "истекает документ";
  }
  return "?";
}

std::string_view WantedRu(abroad::WantedStatus status) {
  switch (status) {
    case abroad::WantedStatus::kNoneKnown:
      return "неизвестно";
    case abroad::WantedStatus::kNationalList:
      return "федеральный розыск";
    case abroad::WantedStatus::kInterstateList:
      return "межгосударственный розыск";
    case abroad::WantedStatus::kInternationalNoticeRequested:
      return "запрошен международный розыск";
  }
  return "?";
}

std::string_view NeedRu(abroad::Need need) {
  switch (need) {
    case abroad::Need::kHousing:
      return "жильё";
    case abroad::Need::kMoney:
      return "деньги";
    case abroad::Need::kMedical:
      return "медицина";
    case abroad::Need::kLegal:
      return "юрист";
  }
  return "?";
}

std::string_view DocumentRu(abroad::DocumentKind kind) {
  switch (kind) {
    case abroad::DocumentKind::kInternalPassport:
      return "внутренний паспорт";
    case abroad::DocumentKind::kInternationalPassport:
      return "загранпаспорт";
    case abroad::DocumentKind::kTemporaryTravelDocument:
      return "временный проездной документ";
    case abroad::DocumentKind::kResidencePermit:
      return "вид на жительство";
    case abroad::DocumentKind::kVisa:
      return "виза";
  }
  return "?";
}

std::string_view ProceedingRu(abroad::ProceedingKind kind) {
  switch (kind) {
    case abroad::ProceedingKind::kAsylum:
      return "убежище";
    case abroad::ProceedingKind::kBorderProsecution:
      return "дело о пересечении границы";
    case abroad::ProceedingKind::kDeportation:
      return "депортация";
    case abroad::ProceedingKind::kExtradition:
      return "экстрадиция";
  }
  return "?";
}

std::string_view PathwayRu(abroad::PathwayKind kind) {
  switch (kind) {
    case abroad::PathwayKind::kAsylum:
      return "убежище в этой стране";
    case abroad::PathwayKind::kHumanitarianVisa:
      return "гуманитарная виза";
    case abroad::PathwayKind::kWorkVisa:
      return "рабочая виза";
    case abroad::PathwayKind::kTravelDocument:
      return "временный проездной документ";
  }
  return "?";
}

std::string_view StepStatusRu(abroad::StepStatus status) {
  switch (status) {
    case abroad::StepStatus::kMissing:
      return "нет";
    case abroad::StepStatus::kInProgress:
      return "в работе";
    case abroad::StepStatus::kDone:
      return "готово";
    case abroad::StepStatus::kNotNeeded:
      return "не нужно";
  }
  return "?";
}

std::string ConsoleAbroadBoardPage(const app::SessionInfo& session,
                                   const std::vector<app::BoardLine>& lines, std::size_t page,
                                   bool alerts_only, const AbroadNotes& notes) {
  std::string body = Header(session) + "<h1>За рубежом: кто в опасности первым</h1>" + Notes(notes);
  body += fmt::format(
      "<p><a href=\"/console/abroad/new\" id=\"new-person\">Новый человек</a> · {}</p>",
      alerts_only ? "<a href=\"/console/abroad\">Все</a>"
                  : "<a href=\"/console/abroad?alerts=1\" id=\"alerts-only\">Только тревоги</a>");
  if (lines.empty()) {
    body += "<p id=\"board-empty\">Никаких дат впереди.</p>";
  } else {
    body +=
        "<table "
        "id=\"board\"><thead><tr><th>Номер</th><th>Что</th><th>Когда</th><th>Осталось</"
        "th><th>Розыск</th>"
        "<th>Нужды</th></tr></thead><tbody>";
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
          line.days_left < 0 ? "пребывание истекло" : std::string(RiskRu(line.next.kind)), beside,
          Day(line.next.on), line.alert ? "⚠ " : "", DaysLeft(line.days_left),
          WantedRu(l.row.wanted), NeedsRu(l.row.needs));
    }
    body += "</tbody></table>";
  }
  const std::string filter = alerts_only ? "&alerts=1" : "";
  body += "<p>";
  if (page > 0)
    body += fmt::format("<a href=\"/console/abroad?page={}{}\" rel=\"prev\">← назад</a> ", page - 1,
                        filter);
  if (lines.size() == 50)
    body += fmt::format("<a href=\"/console/abroad?page={}{}\" rel=\"next\">дальше →</a>", page + 1,
                        filter);
  body += "</p>";
  return HtmlPage("ru", "За рубежом", body);
}

std::string ConsoleAbroadPersonPage(const app::SessionInfo& session, const PersonAbroadPageData& d,
                                    const AbroadNotes& notes) {
  const auto& p = d.person;
  std::string body =
      Header(session) +
      fmt::format(
          "<h1>{}</h1><p><a href=\"/console/abroad/people/{}/edit\">Изменить запись</a></p>",
          p.number, p.stored.id) +
      Notes(notes);
  body += RecordSection(p, d.countries) + RisksSection(p) + ProceedingsSection(session, d) +
          PathwaysSection(session, d) + ReferralsSection(session, d);
  return HtmlPage("ru", p.number, body);
}

std::string ConsoleCountriesPage(const app::SessionInfo& session,
                                 const std::vector<abroad::CountryRecord>& countries,
                                 const abroad::LeadTimes& lead, const AbroadNotes& notes) {
  std::string body =
      Header(session) + "<h1>Страны: правила безвизового пребывания</h1>" + Notes(notes);
  body +=
      "<table id=\"countries\"><thead><tr><th>Код</th><th>Страна</th><th>Дней</th><th>За "
      "период</th><th>Заметка</th>"
      "</tr></thead><tbody>";
  for (const auto& c : countries) {
    body += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", c.code,
                        HtmlEscape(c.name), c.rule.days_allowed, c.rule.period_days,
                        HtmlEscape(c.note));
  }
  body += fmt::format(
      "</tbody></table><h2>Добавить страну или изменить правило</h2>"
      "<form id=\"country-form\" method=\"post\" action=\"/console/abroad/countries\">{}"
      "<label for=\"code\">Код (ISO, две буквы)</label><input id=\"code\" name=\"code\" required "
      "maxlength=\"2\">"
      "<label for=\"name\">Название</label><input id=\"name\" name=\"name\" required>"
      "<label for=\"days_allowed\">Дней можно находиться</label><input id=\"days_allowed\" "
      "name=\"days_allowed\" required>"
      "<label for=\"period_days\">в любом периоде из (дней)</label><input id=\"period_days\" "
      "name=\"period_days\" required>"
      "<label for=\"note\">Заметка</label><input id=\"note\" name=\"note\">"
      "<button type=\"submit\">Сохранить (сроки всех, кто там, пересчитаются)</button></form>",
      Csrf(session));
  body += fmt::format(
      "<h2>За сколько дней предупреждать</h2><form id=\"lead-times\" method=\"post\" "
      "action=\"/console/abroad/lead-times\">{}",
      Csrf(session));
  for (auto kind : kRisks) {
    body += fmt::format(
        "<label for=\"lead-{0}\">{1}</label><input id=\"lead-{0}\" name=\"{0}\" value=\"{2}\">",
        abroad::ToString(kind), RiskRu(kind), lead.For(kind));
  }
  body += "<button type=\"submit\">Сохранить</button></form>";
  return HtmlPage("ru", "Страны", body);
}

namespace {

// The partner kinds the form offers, in its words.
std::string PartnerKindRu(std::string_view kind) {
  static constexpr console::CodeWords kWords[] = {{"lawyers", "юристы"},
                                                  {"shelter", "приют"},
                                                  {"ngo", "НКО"},
                                                  {"medical", "медицина"},
                                                  {"employer", "работодатель"}};
  if (auto words = WordsFor(kWords, kind)) return std::string(*words);
  return HtmlEscape(kind);
}

}  // namespace

std::string ConsolePartnersPage(const app::SessionInfo& session,
                                const std::vector<abroad::PartnerRecord>& partners,
                                const std::string& signing_key, const AbroadNotes& notes) {
  std::string body =
      Header(session) + "<h1>Партнёрские организации</h1>" + Notes(notes) + "<ul id=\"partners\">";
  for (const auto& p : partners) {
    body += fmt::format("<li>{} ({}) — {}</li>", HtmlEscape(p.name), PartnerKindRu(p.kind),
                        p.public_key ? "ключ зарегистрирован" : "нет ключа: направлять нельзя");
  }
  if (partners.empty()) body += "<li>пока нет</li>";
  body += "</ul>";
  body += fmt::format(
      "<h2>Наша подпись</h2><p>Каждый пакет направления подписан ключом организации. Передайте "
      "партнёру этот "
      "открытый ключ надёжным путём (не тем же, что пакеты): он вносит его в список доверенных "
      "отправителей для "
      "<code>lifeline referral open --trusted-senders</code>, и поддельный пакет не откроется.</p>"
      "<p><code id=\"signing-key\">{}</code></p>",
      HtmlEscape(signing_key));
  if (app::Require(session.actor, app::Permission::kManagePartners)) {
    body += fmt::format(
        "<h2>Добавить партнёра</h2><form id=\"partner-form\" method=\"post\" "
        "action=\"/console/partners\">{}"
        "<label for=\"name\">Название организации</label><input id=\"name\" name=\"name\" required>"
        "<label for=\"kind\">Вид</label><select id=\"kind\" name=\"kind\"><option "
        "value=\"lawyers\">юристы</option>"
        "<option value=\"shelter\">приют</option><option value=\"ngo\">НКО</option><option "
        "value=\"medical\">медицина</option>"
        "<option value=\"employer\">работодатель</option></select>"
        "<label for=\"public_key\">Открытый ключ (64 шестнадцатеричных знака: <code>lifeline "
        "partner-key new</code>)</label>"
        "<input id=\"public_key\" name=\"public_key\"><button "
        "type=\"submit\">Добавить</button></form>",
        Csrf(session));
  }
  return HtmlPage("ru", "Партнёры", body);
}

}  // namespace lifeline::server
