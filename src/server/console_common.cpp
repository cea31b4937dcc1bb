#include "server/console_common.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "domain/contact_window.hpp"
#include "server/console_details.hpp"
#include "server/page.hpp"

namespace lifeline::server::console {

std::string Header(const app::SessionInfo& s) {
  std::string links;
  if (app::Require(s.actor, app::Permission::kListCases).ok()) {
    links +=
        "<a href=\"/console/\">Заявки</a> <a href=\"/console/today\" accesskey=\"t\">Сегодня</a> "
        "<a href=\"/console/search\">Поиск</a> ";
  }
  if (app::Require(s.actor, app::Permission::kViewStatistics).ok())
    links += "<a href=\"/console/statistics\">Статистика</a> ";
  if (app::Require(s.actor, app::Permission::kViewWallboard).ok())
    links += "<a href=\"/console/wallboard\">Очередь</a> ";
  if (app::Require(s.actor, app::Permission::kManageCamp).ok())
    links += "<a href=\"/console/camps\">Лагеря</a> ";
  if (app::Require(s.actor, app::Permission::kWorkAbroad).ok()) {
    links +=
        "<a href=\"/console/abroad\">За рубежом</a> <a "
        "href=\"/console/abroad/countries\">Страны</a> ";
  }
  if (app::Require(s.actor, app::Permission::kManageAccounts).ok())
    links += "<a href=\"/console/accounts\">Учётные записи</a> ";
  if (app::Require(s.actor, app::Permission::kManagePartners).ok())
    links += "<a href=\"/console/partners\">Партнёры</a> ";
  if (app::Require(s.actor, app::Permission::kReviewScreening).ok()) {
    links += "<a href=\"/console/?review=1\">На проверку</a> ";
  }
  if (app::Require(s.actor, app::Permission::kReadAuditLog).ok()) {
    links += "<a href=\"/console/audit\">Журнал аудита</a> ";
  }
  links += "<a href=\"/console/security\">Безопасность</a> ";
  // Single-key shortcuts (web/console.js); every page also works without them.
  links += "<span class=\"hint\">клавиши: <kbd>?</kbd></span> ";
  return "<script src=\"/console/assets/console.js\" defer></script><nav>" + links +
         fmt::format(
             "<span class=\"hint\">{} ({})</span> "
             "<form class=\"inline\" method=\"post\" action=\"/console/logout\">"
             "<input type=\"hidden\" name=\"csrf\" value=\"{}\"><button "
             "type=\"submit\">Выйти</button></form></nav>",
             HtmlEscape(s.actor.name), RoleRu(s.actor.role), HtmlEscape(s.csrf_token));
}

std::string_view ChannelRu(ContactChannel channel) {
  switch (channel) {
    case ContactChannel::kPhone:
      return "звонок";
    case ContactChannel::kSms:
      return "SMS";
    case ContactChannel::kTelegram:
      return "Telegram";
    case ContactChannel::kSignal:
      return "Signal";
    case ContactChannel::kNone:
      return "не связываться";
  }
  return "?";
}

std::string GroupRu(GroupKind kind, std::int64_t size) {
  switch (kind) {
    case GroupKind::kAlone:
      return "один";
    case GroupKind::kWithOthers:
      return fmt::format("с другими: {} чел.", size);
    case GroupKind::kUnit:
      return fmt::format("подразделение: {} чел.", size);
  }
  return "?";
}

std::string_view LanguageRu(Language language) {
  switch (language) {
    case Language::kRu:
      return "русский";
    case Language::kBe:
      return "белорусский";
    case Language::kUk:
      return "украинский";
    case Language::kEn:
      return "английский";
  }
  return "?";
}

namespace {

// Form fields the console's refusals name, in the console's words.
constexpr std::pair<std::string_view, std::string_view> kFieldWords[] = {
    {"text", "текст"},
    {"reason", "причина"},
    {"version", "версия"},
    {"to", "новый статус"},
    {"into", "в какую заявку"},
    {"kind", "вид"},
    {"due", "срок"},
    {"due_at", "срок"},
    {"name", "имя"},
    {"q", "запрос"},
    {"circumstance", "обстоятельства"},
    {"plan", "план"},
    {"members", "участники"},
    {"leader", "старший"},
    {"number", "номер"},
    {"windows", "когда звонить"},
    {"utc_offset", "часовой пояс"},
    {"language", "язык"},
    {"id", "добавочный номер"},
    {"uri", "SIP-адрес"},
    {"lines", "число линий"},
    {"state", "состояние"},
    {"on", "дата"},
    {"filed_on", "дата начала"},
    {"arrived_on", "дата прибытия"},
    {"captured_on", "дата пленения"},
    {"birth_date", "дата рождения"},
    {"surname", "фамилия"},
    {"rank_category", "категория звания"},
    {"health", "здоровье"},
    {"hours", "часы"},
    {"day", "день"},
    {"month", "месяц"},
    {"amount", "сумма"},
    {"prisoner", "военнопленный"},
    {"to_camp", "лагерь"},
    {"country", "страна"},
    {"code", "код"},
    {"days_allowed", "дней можно находиться"},
    {"period_days", "период"},
    {"partner", "партнёр"},
    {"public_key", "открытый ключ"},
    {"consent", "согласие"},
    {"consent_how", "как дано согласие"},
    {"field", "что передать"},
    {"situation", "положение"},
    {"review", "на проверку"},
    {"filter", "фильтр"},
    {"target_country", "страна назначения"},
    {"step", "шаг"},
    {"status", "состояние"},
    {"wanted", "розыск"},
    {"documents", "документы"},
    {"trips", "поездки"},
    {"last_medical_exam", "медосмотр"},
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
      out = "Проверьте введённые данные.";
      for (const auto& [name, words] : kFieldWords) {
        if (name == field) out = fmt::format("Проверьте поле «{}».", words);
      }
      break;
    }
    case ErrorCode::kForbidden:
      out = "Нельзя: не позволяет роль или заявку ведёт другой сотрудник.";
      break;
    case ErrorCode::kNotFound:
      out = "Такой записи нет: возможно, её удалили.";
      break;
    case ErrorCode::kConflict:
      out = "Не получилось: запись уже изменена или правило не позволяет.";
      break;
    case ErrorCode::kTooLarge:
      out = "Слишком большой объём.";
      break;
    case ErrorCode::kIntegrity:
      out = "Запись не прошла проверку целостности и не используется: сообщите администратору.";
      with_detail = false;
      break;
    case ErrorCode::kRateLimited:
      out = "Слишком часто: подождите и повторите.";
      with_detail = false;
      break;
    case ErrorCode::kUnavailable:
      out = "Сервер сейчас занят: повторите через минуту.";
      with_detail = false;
      break;
    default:
      out = "Не получилось: повторите; если снова не выйдет, сообщите администратору.";
      with_detail = false;
      break;
  }
  // The rule's detail from the catalogue (console_details.hpp); one it lacks follows, said to
  // be in English, rather than being lost.
  if (with_detail && !e.message.empty()) {
    if (auto russian = DetailRu(e.message)) {
      out += " " + *russian;
    } else {
      out += " Подробно (по-английски): " + e.message;
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
  static constexpr std::string_view kDays[] = {"вс", "пн", "вт", "ср", "чт", "пт", "сб"};
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::weekday weekday{day};
  return fmt::format("{} {:%d.%m %H:%M}", kDays[weekday.c_encoding()], t);
}

std::string UtcTime(std::chrono::sys_seconds t) {
  return fmt::format("{:%Y-%m-%d %H:%M} UTC", std::chrono::floor<std::chrono::minutes>(t));
}

std::string UtcTime(std::int64_t unix_seconds) {
  return UtcTime(std::chrono::sys_seconds{std::chrono::seconds{unix_seconds}});
}

std::string ApplicantTimeRu(std::chrono::sys_seconds t, int utc_offset_minutes) {
  return fmt::format("{} у заявителя, UTC{}",
                     DayTimeRu(t + std::chrono::minutes{utc_offset_minutes}),
                     FormatUtcOffset(utc_offset_minutes));
}

std::string UtcAndApplicantTime(std::chrono::sys_seconds t, int utc_offset_minutes) {
  return fmt::format("{} ({})", UtcTime(t), ApplicantTimeRu(t, utc_offset_minutes));
}

std::string_view RoleRu(Role role) {
  switch (role) {
    case Role::kOperator:
      return "оператор";
    case Role::kVerifier:
      return "проверяющий";
    case Role::kCoordinator:
      return "координатор";
    case Role::kCampAdmin:
      return "администратор лагеря";
    case Role::kCaseworker:
      return "куратор за рубежом";
    case Role::kAnalyst:
      return "аналитик";
    case Role::kAuditor:
      return "аудитор";
    case Role::kAdmin:
      return "администратор";
  }
  return "?";
}

std::string_view SituationRu(Situation s) {
  switch (s) {
    case Situation::kServing:
      return "служит";
    case Situation::kExpectingMobilization:
      return "ждёт мобилизации";
    case Situation::kMobilizedTraining:
      return "на подготовке";
    case Situation::kAtFront:
      return "на фронте";
    case Situation::kRelative:
      return "родственник";
  }
  return "?";
}

std::string StatusRu(const CaseSummary& c) {
  std::string text(StatusLabelRu(c.status));
  // The same words for everyone, whatever the sealed circumstance (domain/custody.hpp's
  // kCustodyShownToAll).
  if (c.in_custody) text += " · в плену";
  return text;
}

std::string Option(std::string_view value, std::string_view label, const std::string& selected) {
  return fmt::format("<option value=\"{}\"{}>{}</option>", value,
                     value == selected ? " selected" : "", label);
}

std::string_view TaskKindRu(TaskKind kind) {
  switch (kind) {
    case TaskKind::kContact:
      return "связаться";
    case TaskKind::kCheck:
      return "проверить";
    case TaskKind::kOther:
      return "другое";
  }
  return "?";
}

std::string_view StatusLabelRu(CaseStatus status) {
  switch (status) {
    case CaseStatus::kNew:
      return "новая";
    case CaseStatus::kContacted:
      return "на связи";
    case CaseStatus::kVerifying:
      return "проверка";
    case CaseStatus::kVerified:
      return "проверена";
    case CaseStatus::kInstructed:
      return "проинструктирован";
    case CaseStatus::kCrossingPlanned:
      return "переход запланирован";
    case CaseStatus::kCrossed:
      return "перешёл (в плену)";
    case CaseStatus::kInCustody:
      return "в лагере";
    case CaseStatus::kExchanged:
      return "обменян";
    case CaseStatus::kStays:
      return "остаётся";
    case CaseStatus::kResettled:
      return "переселён";
    case CaseStatus::kClosed:
      return "закрыта";
    case CaseStatus::kWaitingForApplicant:
      return "ждём заявителя";
    case CaseStatus::kContactLost:
      return "связь потеряна";
    case CaseStatus::kWithdrawn:
      return "отозвана";
    case CaseStatus::kSuspectedProvocation:
      return "подозрение на провокацию";
    case CaseStatus::kRejected:
      return "отклонена";
    case CaseStatus::kDuplicate:
      return "дубликат";
  }
  return "?";
}

}  // namespace lifeline::server::console
