#include "server/audit/audit_words.hpp"

#include <fmt/format.h>

#include <array>
#include <utility>

#include "server/console_text.hpp"

namespace lifeline::server {

std::string_view AuditActionRu(AuditAction action) {
  using A = AuditAction;
  using console::T;
  switch (action) {
    case A::kInstallationCreated:
      return T("установка создана");
    case A::kUserAdded:
      return T("учётная запись добавлена");
    case A::kSignIn:
      return T("вход");
    case A::kSignInFailed:
      return T("неудачная попытка входа");
    case A::kSignOut:
      return T("выход");
    case A::kCaseRead:
      return T("заявка открыта (расшифрована)");
    case A::kReplySent:
      return T("ответ заявителю");
    case A::kBackupCreated:
      return T("резервная копия создана");
    case A::kBackupRestored:
      return T("резервная копия восстановлена");
    case A::kSecondFactorEnabled:
      return T("второй фактор включён");
    case A::kSecondFactorDisabled:
      return T("второй фактор отключён");
    case A::kRecoveryCodeUsed:
      return T("использован код восстановления");
    case A::kSettingChanged:
      return T("настройка изменена");
    case A::kCaseDeleted:
      return T("заявка удалена навсегда");
    case A::kCaseClaimed:
      return T("заявка взята в работу");
    case A::kOfficeKeyAdded:
      return T("новый ключ офиса: смена начата");
    case A::kOfficeKeyRotated:
      return T("ключи заявок переведены на новый ключ офиса");
    case A::kOfficeKeyRetired:
      return T("старые ключи офиса уничтожены");
    case A::kCustodyRecorded:
      return T("обстоятельства пленения записаны");
    case A::kCustodyRead:
      return T("обстоятельства пленения прочитаны");
    case A::kCaseStatusChanged:
      return T("статус заявки изменён");
    case A::kTaskAdded:
      return T("задача назначена");
    case A::kTaskDone:
      return T("задача выполнена");
    case A::kScreeningRun:
      return T("проверка новых заявок");
    case A::kMarkerAdded:
      return T("маркер проверки добавлен");
    case A::kCaseSearch:
      return T("поиск по заявкам");
    case A::kStatisticsRead:
      return T("статистика прочитана или выгружена");
    case A::kGroupMemberAdded:
      return T("участник добавлен в группу");
    case A::kGroupRead:
      return T("состав группы показан");
    case A::kGroupPlanChanged:
      return T("план группы изменён");
    case A::kGroupSplit:
      return T("группа разделена");
    case A::kGroupMerged:
      return T("группы объединены");
    case A::kOperatorAdded:
      return T("оператор линии добавлен");
    case A::kLinesChanged:
      return T("число линий изменено");
    case A::kOperatorAccountLinked:
      return T("оператор линии связан с учётной записью");
    case A::kCallbackRequested:
      return T("обратный звонок назначен");
    case A::kCallbackCancelled:
      return T("обратный звонок отменён");
    case A::kCampChanged:
      return T("лагерь создан или изменён");
    case A::kPrisonerRegistered:
      return T("военнопленный зарегистрирован");
    case A::kPrisonerRead:
      return T("данные военнопленного прочитаны");
    case A::kPrisonerMoved:
      return T("перемещение военнопленного");
    case A::kCaptureCardSent:
      return T("карточка о взятии в плен отправлена");
    case A::kLedgerPosted:
      return T("проводка по счёту");
    case A::kBureauNotified:
      return T("справочное бюро уведомлено");
    case A::kLabourChanged:
      return T("труд военнопленного изменён");
    case A::kPhoneCallRecorded:
      return T("телефонный разговор учтён");
    case A::kMailLogged:
      return T("почта учтена");
    case A::kPhoneListJoined:
      return T("запись в очередь на звонок");
    case A::kPersonAbroadAdded:
      return T("дело за рубежом открыто");
    case A::kPersonAbroadRead:
      return T("дело за рубежом прочитано");
    case A::kPersonAbroadChanged:
      return T("дело за рубежом изменено");
    case A::kStayRuleChanged:
      return T("правила пребывания изменены");
    case A::kPartnerAdded:
      return T("партнёр добавлен");
    case A::kReferralMade:
      return T("направление к партнёру");
    case A::kReferralPackageRead:
      return T("пакет направления скачан");
    case A::kSenderBlocked:
      return T("отправитель заблокирован");
    case A::kIntegrityFailure:
      return T("нарушена целостность записи");
    case A::kRowsSealed:
      return T("записи запечатаны при обновлении");
    case A::kCasesImported:
      return T("заявки импортированы");
    case A::kAccountDisabled:
      return T("учётная запись отключена");
    case A::kAccountEnabled:
      return T("учётная запись включена");
    case A::kPasswordReset:
      return T("пароль сброшен администратором");
    case A::kPasswordChanged:
      return T("пароль изменён");
    case A::kAccountUnlocked:
      return T("вход разблокирован");
    case A::kAuditExported:
      return T("журнал аудита выгружен");
    case A::kCaseListExported:
      return T("список заявок выгружен");
    case A::kCustodiansDealt:
      return T("ключ офиса разделён между хранителями");
    case A::kApprovalRequested:
      return T("запрошено согласие второго сотрудника");
    case A::kApprovalGranted:
      return T("второй сотрудник дал согласие");
    case A::kApprovalUsed:
      return T("согласие использовано");
    case A::kCanaryChanged:
      return T("отметка «приманка» изменена");
    case A::kAccessAlert:
      return T("тревога о доступе");
    case A::kDuressSignalled:
      return T("введена квитанция под принуждением");
    case A::kProofIssued:
      return T("выдано подтверждение подачи");
  }
  return {};
}

std::string AuditActionRu(std::string_view wire_name) {
  const auto action = ParseAuditAction(wire_name);
  return std::string(action ? AuditActionRu(*action) : wire_name);
}

namespace {

// The kinds a target names ("case:42"), in words (marked here, translated where shown). A
// number follows "№"; other values (an operator's extension, a country code, a format) follow
// a space.
constexpr std::array<std::pair<std::string_view, std::string_view>, 26> kTargetKinds = {{
    {"user", console::Marked("учётная запись №")},
    {"users", console::Marked("учётная запись №")},
    {"case", console::Marked("заявка №")},
    {"cases", console::Marked("заявок:")},
    {"applications", console::Marked("заявка №")},
    {"task", console::Marked("задача №")},
    {"marker", console::Marked("маркер №")},
    {"operator", console::Marked("оператор линии")},
    {"account", console::Marked("учётная запись №")},
    {"lines", console::Marked("линий:")},
    {"callback", console::Marked("обратный звонок №")},
    {"camp", console::Marked("лагерь №")},
    {"prisoner", console::Marked("военнопленный №")},
    {"posting", console::Marked("проводка №")},
    {"person_abroad", console::Marked("дело за рубежом №")},
    {"country", console::Marked("страна")},
    {"partner", console::Marked("партнёр №")},
    {"referral", console::Marked("направление №")},
    {"key", console::Marked("ключ офиса, поколение")},
    {"setting", console::Marked("настройка")},
    {"export", console::Marked("выгрузка:")},
    {"rows", console::Marked("записей:")},
    {"messages", console::Marked("сообщение №")},
    {"case_events", console::Marked("событие заявки №")},
    {"office_keys", console::Marked("ключ офиса, поколение")},
    {"postings", console::Marked("проводка №")},
}};

std::string PartRu(std::string_view part) {
  const auto colon = part.find(':');
  if (colon == std::string_view::npos) return std::string(part);
  const std::string_view kind = part.substr(0, colon);
  std::string_view value = part.substr(colon + 1);
  // "user:3:everywhere": a sign-out of every session of the account.
  constexpr std::string_view kEverywhere = ":everywhere";
  const bool everywhere = value.ends_with(kEverywhere);
  if (everywhere) value.remove_suffix(kEverywhere.size());
  for (const auto& [name, words] : kTargetKinds) {
    if (name == kind) {
      std::string out = fmt::format("{} {}", console::T(words), value);
      if (everywhere) return console::TF("{} (на всех устройствах)", out);
      return out;
    }
  }
  return std::string(part);
}

}  // namespace

std::string AuditTargetRu(std::string_view target) {
  std::string out;
  while (!target.empty()) {
    const auto space = target.find(' ');
    const std::string_view part = target.substr(0, space);
    if (!part.empty()) {
      if (!out.empty()) out += ", ";
      out += PartRu(part);
    }
    if (space == std::string_view::npos) break;
    target.remove_prefix(space + 1);
  }
  return out;
}

}  // namespace lifeline::server
