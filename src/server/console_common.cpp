#include "server/console_common.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "app/audit/approvals.hpp"
#include "domain/contact_window.hpp"
#include "server/console_details.hpp"
#include "server/console_text.hpp"
#include "server/page.hpp"

namespace lifeline::server::console {

std::string ConsolePage(std::string_view title, std::string_view body_html) {
  return HtmlPage(ToString(CurrentLanguage()), title, body_html);
}

namespace {

// Every text the console's scripts show (web/*.js ask for them by their Russian with t("…")),
// written translated into each page's #console-texts block. tests/check_console_catalogues.py
// fails when a script shows a Russian text this list lacks.
constexpr std::string_view kScriptTexts[] = {
    Marked("Сегодня: задачи и скорые отправки"),
    Marked("Список заявок"),
    Marked("Поиск"),
    Marked("Следующая заявка в списке"),
    Marked("Предыдущая заявка в списке"),
    Marked("Изменить статус"),
    Marked("Написать ответ"),
    Marked("Новая задача"),
    Marked("Группа заявки"),
    Marked("Добавить участника группы"),
    Marked("Показать или скрыть эту подсказку"),
    Marked("Клавиши"),
    Marked("SMS: {} часть ({}), в последней осталось {}"),
    Marked("SMS: {} части ({}), в последней осталось {}"),
    Marked("SMS: {} частей ({}), в последней осталось {}"),
    Marked("кириллица"),
    Marked("латиница"),
    Marked("телефон"),
    Marked("без связи"),
    Marked("служит"),
    Marked("ждёт мобилизации"),
    Marked("на подготовке"),
    Marked("на фронте"),
    Marked("родственник"),
    Marked("заявки"),
    Marked("проверены"),
    Marked("перешли (учтены как «в плену»)"),
    Marked("меньше 7 дней"),
    Marked("7–29 дней"),
    Marked("30–89 дней"),
    Marked("90–179 дней"),
    Marked("180 дней и больше"),
    Marked("скрыто: меньше 10"),
    Marked("человек"),
    Marked("открытых заявок"),
    Marked("не в системе"),
    Marked("свободен"),
    Marked("звонок"),
    Marked("разговор"),
    Marked("после звонка"),
    Marked("перерыв"),
    Marked("{} с"),
    Marked("Обновляется каждую секунду."),
    Marked("Связь с сервером прервалась; переподключение…"),
};

// The scripts' texts in the request's language, as a JSON object from Russian to translation
// (empty in Russian, where the key is the text), inside a data block no browser executes.
std::string ScriptTextsBlock() {
  nlohmann::json texts = nlohmann::json::object();
  if (CurrentLanguage() != Language::kRu) {
    for (const std::string_view russian : kScriptTexts)
      texts[std::string(russian)] = std::string(T(russian));
  }
  std::string json = texts.dump();
  // "</" would end the block early; JSON reads "<\/" as the same text.
  for (auto at = json.find("</"); at != std::string::npos; at = json.find("</", at + 3))
    json.replace(at, 2, "<\\/");
  return "<script type=\"application/json\" id=\"console-texts\">" + json + "</script>";
}

}  // namespace

std::string CsrfField(const app::SessionInfo& s) {
  return fmt::format("<input type=\"hidden\" name=\"csrf\" value=\"{}\">",
                     HtmlEscape(s.csrf_token));
}

std::string Header(const app::SessionInfo& s) {
  std::string links;
  if (app::Require(s.actor, app::Permission::kListCases).ok()) {
    links += fmt::format(
        "<a href=\"/console/\">{}</a> <a href=\"/console/today\" accesskey=\"t\">{}</a> "
        "<a href=\"/console/search\">{}</a> ",
        T("Заявки"), T("Сегодня"), T("Поиск"));
  }
  if (app::Require(s.actor, app::Permission::kViewStatistics).ok())
    links += fmt::format("<a href=\"/console/statistics\">{}</a> ", T("Статистика"));
  if (app::Require(s.actor, app::Permission::kViewWallboard).ok())
    links += fmt::format("<a href=\"/console/wallboard\">{}</a> ", T("Очередь"));
  if (app::Require(s.actor, app::Permission::kManageCamp).ok())
    links += fmt::format("<a href=\"/console/camps\">{}</a> ", T("Лагеря"));
  if (app::Require(s.actor, app::Permission::kWorkAbroad).ok()) {
    links += fmt::format(
        "<a href=\"/console/abroad\">{}</a> <a href=\"/console/abroad/countries\">{}</a> ",
        T("За рубежом"), T("Страны"));
  }
  if (app::Require(s.actor, app::Permission::kManageAccounts).ok())
    links += fmt::format("<a href=\"/console/accounts\">{}</a> ", T("Учётные записи"));
  if (app::Require(s.actor, app::Permission::kManagePartners).ok())
    links += fmt::format("<a href=\"/console/partners\">{}</a> ", T("Партнёры"));
  if (app::Require(s.actor, app::Permission::kReviewScreening).ok()) {
    links += fmt::format("<a href=\"/console/?review=1\">{}</a> ", T("На проверку"));
  }
  if (app::Require(s.actor, app::Permission::kReadAuditLog).ok()) {
    links += fmt::format("<a href=\"/console/audit\">{}</a> ", T("Журнал аудита"));
  }
  if (app::Approvals::MayApprove(s.actor, app::CustodyReadSubject(0)) ||
      app::Approvals::MayApprove(s.actor, app::ReferralSubject(0))) {
    links += fmt::format("<a href=\"/console/approvals\">{}</a> ", T("Согласия"));
  }
  if (app::Require(s.actor, app::Permission::kReadAuditLog).ok() ||
      app::Require(s.actor, app::Permission::kManageCanaries).ok() ||
      app::Require(s.actor, app::Permission::kSeeDuressSignals).ok()) {
    links += fmt::format("<a href=\"/console/alerts\">{}</a> ", T("Тревоги"));
  }
  if (app::Require(s.actor, app::Permission::kReadAuditLog).ok() ||
      app::Require(s.actor, app::Permission::kManageSettings).ok()) {
    links += fmt::format("<a href=\"/console/custodians\">{}</a> ", T("Хранители ключа"));
  }
  links += fmt::format("<a href=\"/console/security\">{}</a> ", T("Безопасность"));
  // Single-key shortcuts (web/console.js); every page also works without them.
  links += fmt::format("<span class=\"hint\">{} <kbd>?</kbd></span> ", T("клавиши:"));
  return ScriptTextsBlock() + "<script src=\"/console/assets/console.js\" defer></script><nav>" +
         links +
         fmt::format(
             "<span class=\"hint\">{} ({})</span> "
             "<form class=\"inline\" method=\"post\" action=\"/console/logout\">"
             "<input type=\"hidden\" name=\"csrf\" value=\"{}\"><button "
             "type=\"submit\">{}</button></form></nav>",
             HtmlEscape(s.actor.name), RoleRu(s.actor.role), HtmlEscape(s.csrf_token), T("Выйти"));
}

std::string_view ChannelRu(ContactChannel channel) {
  switch (channel) {
    case ContactChannel::kPhone:
      return T("звонок");
    case ContactChannel::kSms:
      return "SMS";
    case ContactChannel::kTelegram:
      return "Telegram";
    case ContactChannel::kSignal:
      return "Signal";
    case ContactChannel::kNone:
      return T("не связываться");
  }
  return "?";
}

std::string GroupRu(GroupKind kind, std::int64_t size) {
  switch (kind) {
    case GroupKind::kAlone:
      return std::string(T("один"));
    case GroupKind::kWithOthers:
      return TF("с другими: {} чел.", size);
    case GroupKind::kUnit:
      return TF("подразделение: {} чел.", size);
  }
  return "?";
}

std::string_view LanguageRu(Language language) {
  switch (language) {
    case Language::kRu:
      return T("русский");
    case Language::kBe:
      return T("белорусский");
    case Language::kUk:
      return T("украинский");
    case Language::kEn:
      return T("английский");
  }
  return "?";
}

namespace {

// Form fields the console's refusals name, in the console's words.
constexpr std::pair<std::string_view, std::string_view> kFieldWords[] = {
    {"text", Marked("текст")},
    {"reason", Marked("причина")},
    {"version", Marked("версия")},
    {"to", Marked("новый статус")},
    {"into", Marked("в какую заявку")},
    {"kind", Marked("вид")},
    {"due", Marked("срок")},
    {"due_at", Marked("срок")},
    {"name", Marked("имя")},
    {"q", Marked("запрос")},
    {"circumstance", Marked("обстоятельства")},
    {"plan", Marked("план")},
    {"members", Marked("участники")},
    {"leader", Marked("старший")},
    {"number", Marked("номер")},
    {"windows", Marked("когда звонить")},
    {"utc_offset", Marked("часовой пояс")},
    {"language", Marked("язык")},
    {"id", Marked("добавочный номер")},
    {"uri", Marked("SIP-адрес")},
    {"lines", Marked("число линий")},
    {"state", Marked("состояние")},
    {"on", Marked("дата")},
    {"filed_on", Marked("дата начала")},
    {"arrived_on", Marked("дата прибытия")},
    {"captured_on", Marked("дата пленения")},
    {"birth_date", Marked("дата рождения")},
    {"surname", Marked("фамилия")},
    {"rank_category", Marked("категория звания")},
    {"health", Marked("здоровье")},
    {"hours", Marked("часы")},
    {"day", Marked("день")},
    {"month", Marked("месяц")},
    {"amount", Marked("сумма")},
    {"prisoner", Marked("военнопленный")},
    {"to_camp", Marked("лагерь")},
    {"country", Marked("страна")},
    {"code", Marked("код")},
    {"days_allowed", Marked("дней можно находиться")},
    {"period_days", Marked("период")},
    {"partner", Marked("партнёр")},
    {"public_key", Marked("открытый ключ")},
    {"consent", Marked("согласие")},
    {"consent_how", Marked("как дано согласие")},
    {"field", Marked("что передать")},
    {"situation", Marked("положение")},
    {"review", Marked("на проверку")},
    {"filter", Marked("фильтр")},
    {"target_country", Marked("страна назначения")},
    {"step", Marked("шаг")},
    {"status", Marked("состояние")},
    {"wanted", Marked("розыск")},
    {"documents", Marked("документы")},
    {"trips", Marked("поездки")},
    {"last_medical_exam", Marked("медосмотр")},
    {"calls_per_hour", Marked("звонков в час")},
    {"handle_seconds", Marked("время обработки")},
    {"answer_within", Marked("ответить в течение")},
    {"target", Marked("доля ответов в срок")},
    {"patience_seconds", Marked("терпение звонящего")},
    {"shrinkage", Marked("доля времени вне линии")},
    {"blocking", Marked("доля занятых линий")},
};

}  // namespace

std::string ConsoleErrorRu(const Error& e) {
  std::string out;
  bool with_detail = true;  // the rule's own detail: which limit, which dates overlap
  switch (e.code) {
    case ErrorCode::kInvalidInput: {
      // A nested field ("fields.surname", "documents[2].expires") is named by its last part.
      std::string_view field = e.field;
      if (const auto dot = field.find_last_of('.'); dot != std::string_view::npos)
        field.remove_prefix(dot + 1);
      if (const auto bracket = field.find('['); bracket != std::string_view::npos)
        field = field.substr(0, bracket);
      out = T("Проверьте введённые данные.");
      for (const auto& [name, words] : kFieldWords) {
        if (name == field) out = TF("Проверьте поле «{}».", T(words));
      }
      break;
    }
    case ErrorCode::kForbidden:
      out = T("Нельзя: не позволяет роль или заявку ведёт другой сотрудник.");
      break;
    case ErrorCode::kNotFound:
      out = T("Такой записи нет: возможно, её удалили.");
      break;
    case ErrorCode::kConflict:
      out = T("Не получилось: запись уже изменена или правило не позволяет.");
      break;
    case ErrorCode::kTooLarge:
      out = T("Слишком большой объём.");
      break;
    case ErrorCode::kIntegrity:
      out = T("Запись не прошла проверку целостности и не используется: сообщите администратору.");
      with_detail = false;
      break;
    case ErrorCode::kRateLimited:
      out = T("Слишком часто: подождите и повторите.");
      with_detail = false;
      break;
    case ErrorCode::kUnavailable:
      out = T("Сервер сейчас занят: повторите через минуту.");
      with_detail = false;
      break;
    default:
      out = T("Не получилось: повторите; если снова не выйдет, сообщите администратору.");
      with_detail = false;
      break;
  }
  // The rule's detail from the catalogue (console_details.hpp); one it lacks follows, said to
  // be in English, rather than being lost.
  if (with_detail && !e.message.empty()) {
    if (auto detail = DetailRu(e.message)) {  // in the request's language
      out += " " + *detail;
    } else if (CurrentLanguage() == Language::kEn) {
      out += " " + e.message;
    } else {
      out += " " + TF("Подробно (по-английски): {}", e.message);
    }
  }
  return out;
}

std::string LanguageOptions(const std::string& selected) {
  std::string out;
  for (Language l : {Language::kRu, Language::kUk, Language::kBe, Language::kEn})
    out += Option(ToString(l), LanguageRu(l), selected);
  return out;
}

std::string DayTimeRu(std::chrono::sys_seconds t) {
  static constexpr std::string_view kDays[] = {Marked("вс"), Marked("пн"), Marked("вт"),
                                               Marked("ср"), Marked("чт"), Marked("пт"),
                                               Marked("сб")};
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::weekday weekday{day};
  return fmt::format("{} {:%d.%m %H:%M}", T(kDays[weekday.c_encoding()]), t);
}

std::string UtcTime(std::chrono::sys_seconds t) {
  return fmt::format("{:%Y-%m-%d %H:%M} UTC", std::chrono::floor<std::chrono::minutes>(t));
}

std::string UtcTime(std::int64_t unix_seconds) {
  return UtcTime(std::chrono::sys_seconds{std::chrono::seconds{unix_seconds}});
}

std::string ApplicantTimeRu(std::chrono::sys_seconds t, int utc_offset_minutes) {
  return TF("{} у заявителя, UTC{}", DayTimeRu(t + std::chrono::minutes{utc_offset_minutes}),
            FormatUtcOffset(utc_offset_minutes));
}

std::string UtcAndApplicantTime(std::chrono::sys_seconds t, int utc_offset_minutes) {
  return fmt::format("{} ({})", UtcTime(t), ApplicantTimeRu(t, utc_offset_minutes));
}

std::string_view RoleRu(Role role) {
  switch (role) {
    case Role::kOperator:
      return T("оператор");
    case Role::kVerifier:
      return T("проверяющий");
    case Role::kCoordinator:
      return T("координатор");
    case Role::kCampAdmin:
      return T("администратор лагеря");
    case Role::kCaseworker:
      return T("куратор за рубежом");
    case Role::kAnalyst:
      return T("аналитик");
    case Role::kAuditor:
      return T("аудитор");
    case Role::kAdmin:
      return T("администратор");
  }
  return "?";
}

std::string_view SituationRu(Situation s) {
  switch (s) {
    case Situation::kServing:
      return T("служит");
    case Situation::kExpectingMobilization:
      return T("ждёт мобилизации");
    case Situation::kMobilizedTraining:
      return T("на подготовке");
    case Situation::kAtFront:
      return T("на фронте");
    case Situation::kRelative:
      return T("родственник");
  }
  return "?";
}

std::string StatusRu(const CaseSummary& c) {
  std::string text(StatusLabelRu(c.status));
  // The same words for everyone, whatever the sealed circumstance (domain/custody.hpp's
  // kCustodyShownToAll).
  if (c.in_custody) text += fmt::format(" · {}", T("в плену"));
  return text;
}

std::string Option(std::string_view value, std::string_view label, const std::string& selected) {
  return fmt::format("<option value=\"{}\"{}>{}</option>", value,
                     value == selected ? " selected" : "", label);
}

std::string_view TaskKindRu(TaskKind kind) {
  switch (kind) {
    case TaskKind::kContact:
      return T("связаться");
    case TaskKind::kCheck:
      return T("проверить");
    case TaskKind::kOther:
      return T("другое");
  }
  return "?";
}

std::string_view StatusLabelRu(CaseStatus status) {
  switch (status) {
    case CaseStatus::kNew:
      return T("новая");
    case CaseStatus::kContacted:
      return T("на связи");
    case CaseStatus::kVerifying:
      return T("проверка");
    case CaseStatus::kVerified:
      return T("проверена");
    case CaseStatus::kInstructed:
      return T("проинструктирован");
    case CaseStatus::kCrossingPlanned:
      return T("переход запланирован");
    case CaseStatus::kCrossed:
      return T("перешёл (в плену)");
    case CaseStatus::kInCustody:
      return T("в лагере");
    case CaseStatus::kExchanged:
      return T("обменян");
    case CaseStatus::kStays:
      return T("остаётся");
    case CaseStatus::kResettled:
      return T("переселён");
    case CaseStatus::kClosed:
      return T("закрыта");
    case CaseStatus::kWaitingForApplicant:
      return T("ждём заявителя");
    case CaseStatus::kContactLost:
      return T("связь потеряна");
    case CaseStatus::kWithdrawn:
      return T("отозвана");
    case CaseStatus::kSuspectedProvocation:
      return T("подозрение на провокацию");
    case CaseStatus::kRejected:
      return T("отклонена");
    case CaseStatus::kDuplicate:
      return T("дубликат");
  }
  return "?";
}

}  // namespace lifeline::server::console
