#include "server/console_common.hpp"

#include <fmt/format.h>

#include "domain/custody.hpp"
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
  if (c.in_custody) text += fmt::format(" · в плену ({})", kCustodyShownToAll);
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
