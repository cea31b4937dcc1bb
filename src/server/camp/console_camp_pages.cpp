// The camp administrator's console pages: camps, a camp's prisoners, one prisoner with his
// account, and the information bureau's list. No script needed; names appear only on the
// prisoner's own page and the bureau's list, whose openings are audited.

#include "server/camp/console_camp_pages.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <random>

#include "domain/camp/money.hpp"
#include "server/console_common.hpp"
#include "server/page.hpp"

namespace lifeline::server {

using namespace console;

namespace {

// Annex IV's states of health in the console's words (the capture card prints its own).
std::string HealthRu(std::string_view code) {
  static constexpr console::CodeWords kWords[] = {{"good", "здоров"},
                                                  {"not_wounded", "не ранен"},
                                                  {"recovered", "выздоровел"},
                                                  {"convalescent", "выздоравливает"},
                                                  {"sick", "болен"},
                                                  {"slightly_wounded", "легко ранен"},
                                                  {"seriously_wounded", "тяжело ранен"}};
  if (auto words = WordsFor(kWords, code)) return std::string(*words);
  return HtmlEscape(code);
}

// A movement (Art. 122) as the registry and the bureau's list show it.
std::string MovementRu(std::string_view kind) {
  static constexpr console::CodeWords kWords[] = {{"arrived", "прибыл"},
                                                  {"hospital", "в госпиталь"},
                                                  {"returned", "вернулся из госпиталя"},
                                                  {"transferred", "переведён"},
                                                  {"released", "освобождён"},
                                                  {"repatriated", "репатриирован"},
                                                  {"escaped", "бежал"},
                                                  {"died", "умер"}};
  if (auto words = WordsFor(kWords, kind)) return std::string(*words);
  return HtmlEscape(kind);
}

std::string Csrf(const app::SessionInfo& s) {
  return fmt::format("<input type=\"hidden\" name=\"csrf\" value=\"{}\">",
                     HtmlEscape(s.csrf_token));
}

std::string Notes(const CampNotes& notes) {
  std::string html;
  if (!notes.error.empty())
    html += fmt::format("<p class=\"error\" role=\"alert\">{}</p>", HtmlEscape(notes.error));
  if (!notes.done.empty())
    html += fmt::format("<p class=\"notice\" role=\"status\">{}</p>", HtmlEscape(notes.done));
  return html;
}

std::string Money(std::int64_t kopiyky) { return camp::FormatAmount(kopiyky) + " грн"; }

std::string_view RankRu(camp::RankCategory r) {
  switch (r) {
    case camp::RankCategory::kSoldier:
      return "рядовой состав";
    case camp::RankCategory::kNco:
      return "сержант";
    case camp::RankCategory::kWarrantOfficer:
      return "прапорщик";
    case camp::RankCategory::kJuniorOfficer:
      return "младший офицер";
    case camp::RankCategory::kSeniorOfficer:
      return "старший офицер";
    case camp::RankCategory::kGeneral:
      return "генерал";
  }
  return "?";
}

std::string_view StatusRu(camp::PrisonerStatus s) {
  switch (s) {
    case camp::PrisonerStatus::kHeld:
      return "в лагере";
    case camp::PrisonerStatus::kInHospital:
      return "в госпитале";
    case camp::PrisonerStatus::kTransferred:
      return "переведён";
    case camp::PrisonerStatus::kReleased:
      return "освобождён";
    case camp::PrisonerStatus::kRepatriated:
      return "репатриирован";
    case camp::PrisonerStatus::kEscaped:
      return "бежал";
    case camp::PrisonerStatus::kDied:
      return "умер";
  }
  return "?";
}

std::string_view PostingRu(camp::PostingKind k) {
  switch (k) {
    case camp::PostingKind::kWorkingPay:
      return "оплата труда (ст. 62)";
    case camp::PostingKind::kAdvanceOfPay:
      return "аванс (ст. 60)";
    case camp::PostingKind::kCashAtCapture:
      return "деньги при пленении (ст. 59)";
    case camp::PostingKind::kCanteenPurchase:
      return "лавка (ст. 28)";
    case camp::PostingKind::kCallCharge:
      return "звонок домой";
    case camp::PostingKind::kStatePaidCall:
      return "звонок за счёт государства";
    case camp::PostingKind::kRemittanceOut:
      return "перевод домой (ст. 63)";
    case camp::PostingKind::kRemittanceIn:
      return "поступление (ст. 63)";
    case camp::PostingKind::kReversal:
      return "сторно";
    case camp::PostingKind::kTransferOut:
      return "перевод счёта в другой лагерь (ст. 65)";
    case camp::PostingKind::kTransferIn:
      return "счёт из прежнего лагеря (ст. 65)";
  }
  return "?";
}

std::string Field(const char* id, const char* label, const std::string& value = "",
                  const char* extra = "") {
  return fmt::format(
      "<label for=\"{0}\">{1}</label><input id=\"{0}\" name=\"{0}\" value=\"{2}\"{3}>", id, label,
      HtmlEscape(value), extra);
}

// A fresh idempotency key per rendered form: submitting it twice posts once.
std::string FormKey() {
  std::random_device random;
  return fmt::format("console-{:08x}{:08x}{:08x}", random(), random(), random());
}

std::string RegisterForm(const app::SessionInfo& session, const camp::CampRecord& camp) {
  std::string html = fmt::format(
      "<h2>Зарегистрировать военнопленного</h2><form method=\"post\" "
      "action=\"/console/camps/{}/prisoners\">{}",
      camp.id, Csrf(session));
  const std::pair<const char*, const char*> fields[] = {
      {"surname", "Фамилия"},
      {"first_names", "Имена"},
      {"father_name", "Имя отца"},
      {"mother_maiden_name", "Девичья фамилия матери"},
      {"rank", "Звание (как он его называет)"},
      {"service_number", "Личный номер"},
      {"birth_date", "Дата рождения (ГГГГ-ММ-ДД)"},
      {"birth_place", "Место рождения"},
      {"power", "Государство, от которого зависит"},
      {"person_to_inform", "Кого известить"},
      {"mail_address", "Адрес для писем"},
      {"captured_on", "Взят в плен (ГГГГ-ММ-ДД; пусто — день прибытия)"}};
  for (const auto& [id, label] : fields)
    html += Field(id, label, "", std::string_view(id) == "surname" ? " required" : "");
  html +=
      "<label for=\"rank_category\">Категория звания (ст. 49, 60)</label><select "
      "id=\"rank_category\" name=\"rank_category\">";
  for (auto r : camp::kAllRankCategories)
    html += fmt::format("<option value=\"{}\">{}</option>", ToString(r), RankRu(r));
  html += "</select><label for=\"health\">Здоровье</label><select id=\"health\" name=\"health\">";
  for (std::string_view h : camp::kAnnexIvHealth)
    html += fmt::format("<option value=\"{}\">{}</option>", h, HealthRu(h));
  html += "</select>" + Field("arrived_on", "Прибыл в лагерь (ГГГГ-ММ-ДД; пусто — сегодня)") +
          "<label for=\"language\">Его язык</label><select id=\"language\" "
          "name=\"language\">" +
          LanguageOptions("ru") +
          "</select>"
          "<button type=\"submit\">Зарегистрировать</button></form>";
  return html;
}

}  // namespace

std::string ConsoleCampsPage(const app::SessionInfo& session,
                             const std::vector<camp::CampRecord>& camps, const CampNotes& notes) {
  std::string body = Header(session) + "<h1>Лагеря военнопленных</h1>" + Notes(notes);
  if (camps.empty()) {
    body += "<p id=\"camps-empty\">Лагерей пока нет.</p>";
  } else {
    body += "<ul id=\"camps\">";
    for (const auto& c : camps)
      body +=
          fmt::format("<li><a href=\"/console/camps/{}\">{}</a></li>", c.id, HtmlEscape(c.name));
    body += "</ul>";
  }
  body += fmt::format("<h2>Новый лагерь</h2><form method=\"post\" action=\"/console/camps\">{}",
                      Csrf(session));
  body += Field("name", "Название", "", " required") +
          Field("uah_per_chf", "Курс: гривен за швейцарский франк", "", " required") +
          Field("working_pay_per_day",
                "Оплата за полный рабочий день, грн (ст. 62: не меньше четверти франка)", "10.00") +
          Field("call_charge_per_minute", "Минута звонка, грн", "2.00") +
          Field("phone_hours", "Часы работы телефона (например, 10:00-12:00, 14:00-16:00)",
                "10:00-12:00") +
          "<label for=\"canteen\">Лавка: по товару в строке — название; цена; местная рыночная "
          "цена (ст. 28)</label>"
          "<textarea id=\"canteen\" name=\"canteen\" rows=\"3\"></textarea>"
          "<label for=\"language\">Язык лагеря (для учётных карточек)</label><select "
          "id=\"language\" name=\"language\">" +
          LanguageOptions("uk") +
          "</select>"
          "<button type=\"submit\">Создать</button></form>";
  return HtmlPage("ru", "Лагеря", body);
}

std::string ConsoleCampPage(const app::SessionInfo& session, const camp::CampRecord& camp,
                            const std::vector<app::Prisoner>& prisoners, const CampNotes& notes) {
  std::string body =
      Header(session) + fmt::format("<h1>{}</h1>", HtmlEscape(camp.name)) + Notes(notes);
  body += fmt::format(
      "<p>Оплата труда: {0} в день (минимум по ст. 62: {1}); звонок: {2} в минуту. "
      "<a href=\"/console/camps/{3}/bureau\">Список для справочного бюро (ст. 122)</a> · "
      "<a href=\"/console/camps/{3}/phone\" id=\"phone-link\">Телефон: график на сегодня</a> · "
      "<a href=\"/console/camps/{3}/mail\">Почта за месяц (ст. 71)</a></p>",
      Money(camp.tariff.working_pay_per_day),
      Money(camp::ChfToUahRoundedUp(camp::kMinimumWorkingPayRappen, camp.tariff.kopiyky_per_franc)),
      Money(camp.tariff.call_charge_per_minute), camp.id);
  std::string overdue;
  for (const auto& p : prisoners) {
    if (p.capture_card_overdue) {
      overdue += fmt::format(
          "<li><a href=\"/console/prisoners/{}\">{}</a>: карточка должна была уйти {}</li>",
          p.stored.id, p.number, FormatIsoDate(p.capture_card_due));
    }
  }
  body += "<h2>Просроченные учётные карточки (ст. 70)</h2>" +
          (overdue.empty() ? std::string("<p id=\"overdue-none\">Нет.</p>")
                           : "<ul id=\"overdue-cards\">" + overdue + "</ul>");
  body += "<h2>Военнопленные</h2>";
  if (prisoners.empty()) {
    body += "<p id=\"prisoners-empty\">Никого.</p>";
  } else {
    body +=
        "<table "
        "id=\"prisoners\"><thead><tr><th>Номер</th><th>Категория</th><th>Прибыл</th><th>Где</"
        "th><th>Счёт</th>"
        "<th>Карточка</th></tr></thead><tbody>";
    for (const auto& p : prisoners) {
      const std::string card = p.stored.capture_card_sent_on
                                   ? "отправлена " + FormatIsoDate(*p.stored.capture_card_sent_on)
                               : p.capture_card_overdue ? "<strong>просрочена</strong>"
                                                        : "до " + FormatIsoDate(p.capture_card_due);
      body += fmt::format(
          "<tr><td><a "
          "href=\"/console/prisoners/{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</"
          "td><td>{}</td></tr>",
          p.stored.id, p.number, RankRu(p.stored.rank), FormatIsoDate(p.stored.arrived_on),
          StatusRu(p.stored.status), Money(p.stored.balance), card);
    }
    body += "</tbody></table>";
  }
  body += RegisterForm(session, camp);
  return HtmlPage("ru", camp.name, body);
}

std::string ConsolePrisonerPage(const app::SessionInfo& session, const camp::CampRecord& camp,
                                const app::Prisoner& p, const app::AccountStatement& statement,
                                const std::string& month,
                                const std::vector<camp::WorkShift>& shifts,
                                const CampNotes& notes) {
  const std::int64_t id = p.stored.id;
  std::string body = Header(session) +
                     fmt::format("<h1>{} <small>(в плену)</small></h1>", p.number) + Notes(notes);
  body += fmt::format(
      "<p><a href=\"/console/camps/{}\">{}</a> · {} · {} · счёт: <strong "
      "id=\"balance\">{}</strong></p>",
      camp.id, HtmlEscape(camp.name), RankRu(p.stored.rank), StatusRu(p.stored.status),
      Money(p.stored.balance));
  if (p.fields) {
    const auto& f = *p.fields;
    const std::pair<const char*, const std::string*> rows[] = {
        {"Фамилия", &f.surname},
        {"Имена", &f.first_names},
        {"Имя отца", &f.father_name},
        {"Девичья фамилия матери", &f.mother_maiden_name},
        {"Звание", &f.rank},
        {"Личный номер", &f.service_number},
        {"Дата рождения", &f.birth_date},
        {"Место рождения", &f.birth_place},
        {"Государство", &f.power},
        {"Кого известить", &f.person_to_inform},
        {"Адрес для писем", &f.mail_address}};
    body += "<dl id=\"fields\">";
    for (const auto& [label, value] : rows)
      body += fmt::format("<dt>{}</dt><dd>{}</dd>", label, HtmlEscape(*value));
    body += "</dl>";
  }
  body += fmt::format(
      "<p><a href=\"/console/prisoners/{}/capture-card\" id=\"capture-card-link\">Учётная карточка "
      "(приложение IV)</a> — ",
      id);
  body +=
      p.stored.capture_card_sent_on
          ? "отправлена " + FormatIsoDate(*p.stored.capture_card_sent_on) + "</p>"
          : fmt::format(
                "{}</p><form method=\"post\" action=\"/console/prisoners/{}/capture-card/sent\">{}"
                "<button type=\"submit\">Карточка отправлена</button></form>",
                p.capture_card_overdue ? "<strong>просрочена (ст. 70)</strong>"
                                       : "до " + FormatIsoDate(p.capture_card_due),
                id, Csrf(session));

  body += fmt::format(
      "<h2>Счёт за {}</h2><form method=\"get\" action=\"/console/prisoners/{}\">"
      "<label for=\"month\">Месяц</label><input id=\"month\" name=\"month\" value=\"{}\" "
      "pattern=\"[0-9]{{4}}-[0-9]{{2}}\">"
      "<button type=\"submit\">Показать</button></form>",
      HtmlEscape(month), id, HtmlEscape(month));
  body += fmt::format(
      "<table "
      "id=\"statement\"><thead><tr><th>№</th><th>Дата</th><th>Что</th><th>Сумма</th></tr></"
      "thead><tbody>"
      "<tr><td></td><td></td><td>На начало месяца</td><td id=\"opening\">{}</td></tr>",
      Money(statement.opening));
  for (const auto& e : statement.entries) {
    body += fmt::format("<tr><td>{}</td><td>{:%Y-%m-%d}</td><td>{}: {}</td><td>{}</td></tr>",
                        e.posting_id, std::chrono::sys_seconds{std::chrono::seconds{e.at}},
                        PostingRu(e.kind), HtmlEscape(e.memo), Money(e.change));
  }
  body += fmt::format(
      "<tr><td></td><td></td><td>На конец</td><td id=\"closing\">{}</td></tr></tbody></table>",
      Money(statement.closing));
  body += fmt::format(
      "<p><a href=\"/api/v1/prisoners/{}/statement\">Итоговая выписка (ст. 66), JSON</a></p>", id);

  body += fmt::format(
      "<h2>Провести</h2><form method=\"post\" action=\"/console/prisoners/{}/postings\">{}"
      "<input type=\"hidden\" name=\"key\" value=\"{}\"><label for=\"kind\">Что</label><select "
      "id=\"kind\" name=\"kind\">",
      id, Csrf(session), FormKey());
  for (auto k : {camp::PostingKind::kWorkingPay, camp::PostingKind::kAdvanceOfPay,
                 camp::PostingKind::kCashAtCapture, camp::PostingKind::kCanteenPurchase,
                 camp::PostingKind::kCallCharge, camp::PostingKind::kRemittanceOut,
                 camp::PostingKind::kRemittanceIn, camp::PostingKind::kReversal}) {
    body += fmt::format("<option value=\"{}\">{}</option>", ToString(k), PostingRu(k));
  }
  body += "</select>" + Field("days", "Дней работы") +
          Field("amount", "Сумма, грн (например 25.00)") +
          "<label for=\"item\">Товар</label><select id=\"item\" name=\"item\"><option "
          "value=\"\"></option>";
  for (const auto& item : camp.canteen) {
    body += fmt::format("<option>{}</option>", HtmlEscape(item.name));
  }
  body += "</select>" + Field("quantity", "Количество") + Field("minutes", "Минут звонка") +
          Field("reverses", "Сторнировать проводку №") + Field("memo", "Примечание") +
          "<button type=\"submit\">Провести</button></form>";

  body += fmt::format(
      "<h2>Перемещение (ст. 122)</h2><form method=\"post\" "
      "action=\"/console/prisoners/{}/movements\">{}"
      "<label for=\"movement-kind\">Что</label><select id=\"movement-kind\" name=\"kind\">"
      "<option value=\"hospital\">в госпиталь</option><option value=\"returned\">вернулся из "
      "госпиталя</option>"
      "<option value=\"transferred\">переведён</option><option "
      "value=\"released\">освобождён</option>"
      "<option value=\"repatriated\">репатриирован</option><option value=\"escaped\">бежал</option>"
      "<option value=\"died\">умер</option></select>",
      id, Csrf(session));
  body += Field("movement-on", "Когда (ГГГГ-ММ-ДД; пусто — сегодня)") +
          Field("to_camp", "В лагерь № (для перевода)") +
          "<button type=\"submit\">Записать</button></form>";
  body += PrisonerRoutineForms(session, id, shifts);
  return HtmlPage("ru", p.number, body);
}

std::string ConsoleBureauPage(const app::SessionInfo& session, const camp::CampRecord& camp,
                              const std::vector<app::BureauLine>& lines, const CampNotes& notes) {
  std::string body = Header(session) +
                     fmt::format("<h1>Справочное бюро: {}</h1>", HtmlEscape(camp.name)) +
                     Notes(notes);
  if (lines.empty()) {
    body += "<p id=\"bureau-empty\">Всё отправлено.</p>";
    return HtmlPage("ru", "Справочное бюро", body);
  }
  body += fmt::format(
      "<form method=\"post\" action=\"/console/camps/{}/bureau\">{}<table "
      "id=\"bureau\"><thead><tr><th></th>"
      "<th>Номер</th><th>Что</th><th>Когда</th><th>Фамилия, имена</th><th>Звание, личный номер</th>"
      "<th>Родился</th><th>Отец, мать</th><th>Известить</th></tr></thead><tbody>",
      camp.id, Csrf(session));
  for (const auto& l : lines) {
    const auto& f = l.fields;
    body += fmt::format(
        "<tr><td><input type=\"checkbox\" name=\"movement\" value=\"{}\" "
        "checked></td><td>{}</td><td>{}</td><td>{}</td>"
        "<td>{} {}</td><td>{}, {}</td><td>{}, {}</td><td>{}, {}</td><td>{}; {}</td></tr>",
        l.movement.id, l.number, MovementRu(l.movement.kind), FormatIsoDate(l.movement.on),
        HtmlEscape(f.surname), HtmlEscape(f.first_names), HtmlEscape(f.rank),
        HtmlEscape(f.service_number), HtmlEscape(f.birth_date), HtmlEscape(f.birth_place),
        HtmlEscape(f.father_name), HtmlEscape(f.mother_maiden_name), HtmlEscape(f.person_to_inform),
        HtmlEscape(f.mail_address));
  }
  body += "</tbody></table><button type=\"submit\">Отмеченное отправлено в бюро</button></form>";
  return HtmlPage("ru", "Справочное бюро", body);
}

}  // namespace lifeline::server
