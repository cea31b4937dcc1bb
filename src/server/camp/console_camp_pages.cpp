// The camp administrator's console pages: camps, a camp's prisoners, one prisoner with his
// account, and the information bureau's list. No script needed; names appear only on the
// prisoner's own page and the bureau's list, whose openings are audited.

#include "server/camp/console_camp_pages.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <random>

#include "domain/camp/money.hpp"
#include "server/console_common.hpp"
#include "server/console_text.hpp"
#include "server/page.hpp"

namespace lifeline::server {

using namespace console;

namespace {

// Annex IV's states of health in the console's words (the capture card prints its own).
std::string HealthRu(std::string_view code) {
  static constexpr console::CodeWords kWords[] = {{"good", Marked("здоров")},
                                                  {"not_wounded", Marked("не ранен")},
                                                  {"recovered", Marked("выздоровел")},
                                                  {"convalescent", Marked("выздоравливает")},
                                                  {"sick", Marked("болен")},
                                                  {"slightly_wounded", Marked("легко ранен")},
                                                  {"seriously_wounded", Marked("тяжело ранен")}};
  if (auto words = WordsFor(kWords, code)) return std::string(T(*words));
  return HtmlEscape(code);
}

// A movement (Art. 122) as the registry and the bureau's list show it.
std::string MovementRu(std::string_view kind) {
  static constexpr console::CodeWords kWords[] = {{"arrived", Marked("прибыл")},
                                                  {"hospital", Marked("в госпиталь")},
                                                  {"returned", Marked("вернулся из госпиталя")},
                                                  {"transferred", Marked("переведён")},
                                                  {"released", Marked("освобождён")},
                                                  {"repatriated", Marked("репатриирован")},
                                                  {"escaped", Marked("бежал")},
                                                  {"died", Marked("умер")}};
  if (auto words = WordsFor(kWords, kind)) return std::string(T(*words));
  return HtmlEscape(kind);
}

std::string Notes(const CampNotes& notes) {
  std::string html;
  if (!notes.error.empty())
    html += fmt::format("<p class=\"error\" role=\"alert\">{}</p>", HtmlEscape(notes.error));
  if (!notes.done.empty())
    html += fmt::format("<p class=\"notice\" role=\"status\">{}</p>", HtmlEscape(notes.done));
  return html;
}

std::string Money(std::int64_t kopiyky) { return TF("{} грн", camp::FormatAmount(kopiyky)); }

std::string_view RankRu(camp::RankCategory r) {
  switch (r) {
    case camp::RankCategory::kSoldier:
      return T("рядовой состав");
    case camp::RankCategory::kNco:
      return T("сержант");
    case camp::RankCategory::kWarrantOfficer:
      return T("прапорщик");
    case camp::RankCategory::kJuniorOfficer:
      return T("младший офицер");
    case camp::RankCategory::kSeniorOfficer:
      return T("старший офицер");
    case camp::RankCategory::kGeneral:
      return T("генерал");
  }
  return "?";
}

std::string_view StatusRu(camp::PrisonerStatus s) {
  switch (s) {
    case camp::PrisonerStatus::kHeld:
      return T("в лагере");
    case camp::PrisonerStatus::kInHospital:
      return T("в госпитале");
    case camp::PrisonerStatus::kTransferred:
      return T("переведён");
    case camp::PrisonerStatus::kReleased:
      return T("освобождён");
    case camp::PrisonerStatus::kRepatriated:
      return T("репатриирован");
    case camp::PrisonerStatus::kEscaped:
      return T("бежал");
    case camp::PrisonerStatus::kDied:
      return T("умер");
  }
  return "?";
}

std::string_view PostingRu(camp::PostingKind k) {
  switch (k) {
    case camp::PostingKind::kWorkingPay:
      return T("оплата труда (ст. 62)");
    case camp::PostingKind::kAdvanceOfPay:
      return T("аванс (ст. 60)");
    case camp::PostingKind::kCashAtCapture:
      return T("деньги при пленении (ст. 59)");
    case camp::PostingKind::kCanteenPurchase:
      return T("лавка (ст. 28)");
    case camp::PostingKind::kCallCharge:
      return T("звонок домой");
    case camp::PostingKind::kStatePaidCall:
      return T("звонок за счёт государства");
    case camp::PostingKind::kRemittanceOut:
      return T("перевод домой (ст. 63)");
    case camp::PostingKind::kRemittanceIn:
      return T("поступление (ст. 63)");
    case camp::PostingKind::kReversal:
      return T("сторно");
    case camp::PostingKind::kTransferOut:
      return T("перевод счёта в другой лагерь (ст. 65)");
    case camp::PostingKind::kTransferIn:
      return T("счёт из прежнего лагеря (ст. 65)");
  }
  return "?";
}

std::string Field(const char* id, std::string_view label, const std::string& value = "",
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
  std::string html =
      fmt::format("<h2>{}</h2><form method=\"post\" action=\"/console/camps/{}/prisoners\">{}",
                  T("Зарегистрировать военнопленного"), camp.id, CsrfField(session));
  const std::pair<const char*, std::string_view> fields[] = {
      {"surname", Marked("Фамилия")},
      {"first_names", Marked("Имена")},
      {"father_name", Marked("Имя отца")},
      {"mother_maiden_name", Marked("Девичья фамилия матери")},
      {"rank", Marked("Звание (как он его называет)")},
      {"service_number", Marked("Личный номер")},
      {"birth_date", Marked("Дата рождения (ГГГГ-ММ-ДД)")},
      {"birth_place", Marked("Место рождения")},
      {"power", Marked("Государство, от которого зависит")},
      {"person_to_inform", Marked("Кого известить")},
      {"mail_address", Marked("Адрес для писем")},
      {"captured_on", Marked("Взят в плен (ГГГГ-ММ-ДД; пусто — день прибытия)")}};
  for (const auto& [id, label] : fields)
    html += Field(id, T(label), "", std::string_view(id) == "surname" ? " required" : "");
  html += fmt::format(
      "<label for=\"rank_category\">{}</label><select id=\"rank_category\" "
      "name=\"rank_category\">",
      T("Категория звания (ст. 49, 60)"));
  for (auto r : camp::kAllRankCategories)
    html += fmt::format("<option value=\"{}\">{}</option>", ToString(r), RankRu(r));
  html +=
      fmt::format("</select><label for=\"health\">{}</label><select id=\"health\" name=\"health\">",
                  T("Здоровье"));
  for (std::string_view h : camp::kAnnexIvHealth)
    html += fmt::format("<option value=\"{}\">{}</option>", h, HealthRu(h));
  html +=
      "</select>" + Field("arrived_on", T("Прибыл в лагерь (ГГГГ-ММ-ДД; пусто — сегодня)")) +
      fmt::format("<label for=\"language\">{}</label><select id=\"language\" name=\"language\">",
                  T("Его язык")) +
      LanguageOptions("ru") +
      fmt::format("</select><button type=\"submit\">{}</button></form>", T("Зарегистрировать"));
  return html;
}

}  // namespace

std::string ConsoleCampsPage(const app::SessionInfo& session,
                             const std::vector<camp::CampRecord>& camps, const CampNotes& notes) {
  std::string body =
      Header(session) + fmt::format("<h1>{}</h1>", T("Лагеря военнопленных")) + Notes(notes);
  if (camps.empty()) {
    body += fmt::format("<p id=\"camps-empty\">{}</p>", T("Лагерей пока нет."));
  } else {
    body += "<ul id=\"camps\">";
    for (const auto& c : camps)
      body +=
          fmt::format("<li><a href=\"/console/camps/{}\">{}</a></li>", c.id, HtmlEscape(c.name));
    body += "</ul>";
  }
  body += fmt::format("<h2>{}</h2><form method=\"post\" action=\"/console/camps\">{}",
                      T("Новый лагерь"), CsrfField(session));
  body +=
      Field("name", T("Название"), "", " required") +
      Field("uah_per_chf", T("Курс: гривен за швейцарский франк"), "", " required") +
      Field("working_pay_per_day",
            T("Оплата за полный рабочий день, грн (ст. 62: не меньше четверти франка)"), "10.00") +
      Field("call_charge_per_minute", T("Минута звонка, грн"), "2.00") +
      Field("phone_hours", T("Часы работы телефона (например, 10:00-12:00, 14:00-16:00)"),
            "10:00-12:00") +
      fmt::format(
          "<label for=\"canteen\">{}</label>"
          "<textarea id=\"canteen\" name=\"canteen\" rows=\"3\"></textarea>"
          "<label for=\"language\">{}</label><select id=\"language\" name=\"language\">",
          T("Лавка: по товару в строке — название; цена; местная рыночная цена (ст. 28)"),
          T("Язык лагеря (для учётных карточек)")) +
      LanguageOptions("uk") +
      fmt::format("</select><button type=\"submit\">{}</button></form>", T("Создать"));
  return console::ConsolePage(T("Лагеря"), body);
}

std::string ConsoleCampPage(const app::SessionInfo& session, const camp::CampRecord& camp,
                            const std::vector<app::Prisoner>& prisoners, const CampNotes& notes) {
  std::string body =
      Header(session) + fmt::format("<h1>{}</h1>", HtmlEscape(camp.name)) + Notes(notes);
  body += fmt::format(
      "<p>{0} "
      "<a href=\"/console/camps/{1}/bureau\">{2}</a> · "
      "<a href=\"/console/camps/{1}/phone\" id=\"phone-link\">{3}</a> · "
      "<a href=\"/console/camps/{1}/mail\">{4}</a></p>",
      TF("Оплата труда: {} в день (минимум по ст. 62: {}); звонок: {} в минуту.",
         Money(camp.tariff.working_pay_per_day),
         Money(camp::ChfToUahRoundedUp(camp::kMinimumWorkingPayRappen,
                                       camp.tariff.kopiyky_per_franc)),
         Money(camp.tariff.call_charge_per_minute)),
      camp.id, T("Список для справочного бюро (ст. 122)"), T("Телефон: график на сегодня"),
      T("Почта за месяц (ст. 71)"));
  std::string overdue;
  for (const auto& p : prisoners) {
    if (p.capture_card_overdue) {
      overdue += fmt::format("<li><a href=\"/console/prisoners/{}\">{}</a>: {}</li>", p.stored.id,
                             p.number,
                             TF("карточка должна была уйти {}", FormatIsoDate(p.capture_card_due)));
    }
  }
  body += fmt::format("<h2>{}</h2>", T("Просроченные учётные карточки (ст. 70)")) +
          (overdue.empty() ? fmt::format("<p id=\"overdue-none\">{}</p>", T("Нет."))
                           : "<ul id=\"overdue-cards\">" + overdue + "</ul>");
  body += fmt::format("<h2>{}</h2>", T("Военнопленные"));
  if (prisoners.empty()) {
    body += fmt::format("<p id=\"prisoners-empty\">{}</p>", T("Никого."));
  } else {
    body += fmt::format(
        "<table id=\"prisoners\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th>"
        "<th>{}</th><th>{}</th></tr></thead><tbody>",
        T("Номер"), T("Категория"),
        // TRANSLATORS: column heading: the day the prisoner arrived in the camp.
        T("Прибыл"),
        // TRANSLATORS: column heading: where the prisoner is (in the camp, in hospital...).
        T("Где"),
        // TRANSLATORS: column heading: the balance of the prisoner's account, in hryvnias.
        T("Счёт"),
        // TRANSLATORS: column heading: the capture card (Annex IV) and when it was sent.
        T("Карточка"));
    for (const auto& p : prisoners) {
      const std::string card =
          p.stored.capture_card_sent_on
              // TRANSLATORS: the capture card ("карточка", feminine) was sent on this date.
              ? TF("отправлена {}", FormatIsoDate(*p.stored.capture_card_sent_on))
              : p.capture_card_overdue
                    // TRANSLATORS: the capture card ("карточка", feminine) is overdue.
                    ? "<strong>" + std::string(T("просрочена")) + "</strong>"
                    // TRANSLATORS: the capture card is due by this date.
                    : TF("до {}", FormatIsoDate(p.capture_card_due));
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
  return console::ConsolePage(camp.name, body);
}

std::string ConsolePrisonerPage(const app::SessionInfo& session, const camp::CampRecord& camp,
                                const app::Prisoner& p, const app::AccountStatement& statement,
                                const std::string& month,
                                const std::vector<camp::WorkShift>& shifts,
                                const CampNotes& notes) {
  const std::int64_t id = p.stored.id;
  std::string body = Header(session) +
                     fmt::format("<h1>{} <small>{}</small></h1>", p.number, T("(в плену)")) +
                     Notes(notes);
  body += fmt::format(
      "<p><a href=\"/console/camps/{}\">{}</a> · {} · {} · {}</p>", camp.id, HtmlEscape(camp.name),
      RankRu(p.stored.rank), StatusRu(p.stored.status),
      TF("счёт: {}", fmt::format("<strong id=\"balance\">{}</strong>", Money(p.stored.balance))));
  if (p.fields) {
    const auto& f = *p.fields;
    const std::pair<std::string_view, const std::string*> rows[] = {
        {Marked("Фамилия"), &f.surname},
        {Marked("Имена"), &f.first_names},
        {Marked("Имя отца"), &f.father_name},
        {Marked("Девичья фамилия матери"), &f.mother_maiden_name},
        {Marked("Звание"), &f.rank},
        {Marked("Личный номер"), &f.service_number},
        {Marked("Дата рождения"), &f.birth_date},
        {Marked("Место рождения"), &f.birth_place},
        {Marked("Государство"), &f.power},
        {Marked("Кого известить"), &f.person_to_inform},
        {Marked("Адрес для писем"), &f.mail_address}};
    body += "<dl id=\"fields\">";
    for (const auto& [label, value] : rows)
      body += fmt::format("<dt>{}</dt><dd>{}</dd>", T(label), HtmlEscape(*value));
    body += "</dl>";
  }
  body += fmt::format(
      "<p><a href=\"/console/prisoners/{}/capture-card\" id=\"capture-card-link\">{}</a> — ", id,
      T("Учётная карточка (приложение IV)"));
  body +=
      p.stored.capture_card_sent_on
          ? TF("отправлена {}", FormatIsoDate(*p.stored.capture_card_sent_on)) + "</p>"
          : fmt::format(
                "{}</p><form method=\"post\" action=\"/console/prisoners/{}/capture-card/sent\">{}"
                "<button type=\"submit\">{}</button></form>",
                p.capture_card_overdue
                    ? "<strong>" + std::string(T("просрочена (ст. 70)")) + "</strong>"
                    : TF("до {}", FormatIsoDate(p.capture_card_due)),
                id, CsrfField(session), T("Карточка отправлена"));

  body += fmt::format(
      "<h2>{}</h2><form method=\"get\" action=\"/console/prisoners/{}\">"
      "<label for=\"month\">{}</label><input id=\"month\" name=\"month\" value=\"{}\" "
      "pattern=\"[0-9]{{4}}-[0-9]{{2}}\">"
      "<button type=\"submit\">{}</button></form>",
      TF("Счёт за {}", HtmlEscape(month)), id, T("Месяц"), HtmlEscape(month), T("Показать"));
  body += fmt::format(
      "<table id=\"statement\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>"
      "</thead><tbody>"
      "<tr><td></td><td></td><td>{}</td><td id=\"opening\">{}</td></tr>",
      // TRANSLATORS: column heading: the posting's number in the account.
      T("№"), T("Дата"),
      // TRANSLATORS: column heading and form label: what (kind of posting, movement, mail).
      T("Что"), T("Сумма"), T("На начало месяца"), Money(statement.opening));
  for (const auto& e : statement.entries) {
    body += fmt::format("<tr><td>{}</td><td>{:%Y-%m-%d}</td><td>{}: {}</td><td>{}</td></tr>",
                        e.posting_id, std::chrono::sys_seconds{std::chrono::seconds{e.at}},
                        PostingRu(e.kind), HtmlEscape(e.memo), Money(e.change));
  }
  body += fmt::format(
      "<tr><td></td><td></td><td>{}</td><td id=\"closing\">{}</td></tr></tbody></table>",
      T("На конец"), Money(statement.closing));
  body += fmt::format("<p><a href=\"/api/v1/prisoners/{}/statement\">{}</a></p>", id,
                      T("Итоговая выписка (ст. 66), JSON"));

  body += fmt::format(
      "<h2>{}</h2><form method=\"post\" action=\"/console/prisoners/{}/postings\">{}"
      "<input type=\"hidden\" name=\"key\" value=\"{}\"><label for=\"kind\">{}</label><select "
      "id=\"kind\" name=\"kind\">",
      T("Провести"), id, CsrfField(session), FormKey(), T("Что"));
  for (auto k : {camp::PostingKind::kWorkingPay, camp::PostingKind::kAdvanceOfPay,
                 camp::PostingKind::kCashAtCapture, camp::PostingKind::kCanteenPurchase,
                 camp::PostingKind::kCallCharge, camp::PostingKind::kRemittanceOut,
                 camp::PostingKind::kRemittanceIn, camp::PostingKind::kReversal}) {
    body += fmt::format("<option value=\"{}\">{}</option>", ToString(k), PostingRu(k));
  }
  body += "</select>" + Field("days", T("Дней работы")) +
          Field("amount", T("Сумма, грн (например 25.00)")) +
          fmt::format(
              "<label for=\"item\">{}</label><select id=\"item\" name=\"item\"><option "
              "value=\"\"></option>",
              T("Товар"));
  for (const auto& item : camp.canteen) {
    body += fmt::format("<option>{}</option>", HtmlEscape(item.name));
  }
  body += "</select>" + Field("quantity", T("Количество")) + Field("minutes", T("Минут звонка")) +
          Field("reverses", T("Сторнировать проводку №")) + Field("memo", T("Примечание")) +
          fmt::format("<button type=\"submit\">{}</button></form>", T("Провести"));

  body += fmt::format(
      "<h2>{}</h2><form method=\"post\" action=\"/console/prisoners/{}/movements\">{}"
      "<label for=\"movement-kind\">{}</label><select id=\"movement-kind\" name=\"kind\">",
      T("Перемещение (ст. 122)"), id, CsrfField(session), T("Что"));
  // The movements an administrator records, in MovementRu's words ("arrived" is registration).
  for (std::string_view kind :
       {"hospital", "returned", "transferred", "released", "repatriated", "escaped", "died"}) {
    body += fmt::format("<option value=\"{}\">{}</option>", kind, MovementRu(kind));
  }
  body += "</select>" + Field("movement-on", T("Когда (ГГГГ-ММ-ДД; пусто — сегодня)")) +
          Field("to_camp", T("В лагерь № (для перевода)")) +
          fmt::format("<button type=\"submit\">{}</button></form>", T("Записать"));
  body += PrisonerRoutineForms(session, id, shifts);
  return console::ConsolePage(p.number, body);
}

std::string ConsoleBureauPage(const app::SessionInfo& session, const camp::CampRecord& camp,
                              const std::vector<app::BureauLine>& lines, const CampNotes& notes) {
  std::string body = Header(session) +
                     fmt::format("<h1>{}</h1>", TF("Справочное бюро: {}", HtmlEscape(camp.name))) +
                     Notes(notes);
  if (lines.empty()) {
    body += fmt::format("<p id=\"bureau-empty\">{}</p>", T("Всё отправлено."));
    return console::ConsolePage(T("Справочное бюро"), body);
  }
  body += fmt::format(
      "<form method=\"post\" action=\"/console/camps/{}/bureau\">{}<table "
      "id=\"bureau\"><thead><tr><th></th>"
      "<th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th>"
      "<th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
      camp.id, CsrfField(session), T("Номер"), T("Что"), T("Когда"), T("Фамилия, имена"),
      T("Звание, личный номер"), T("Родился"), T("Отец, мать"), T("Известить"));
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
  body += fmt::format("</tbody></table><button type=\"submit\">{}</button></form>",
                      T("Отмеченное отправлено в бюро"));
  return console::ConsolePage(T("Справочное бюро"), body);
}

}  // namespace lifeline::server
