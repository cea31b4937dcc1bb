#include "server/audit/audit_words.hpp"

#include <array>
#include <utility>

namespace lifeline::server {

std::string_view AuditActionRu(AuditAction action) {
  using A = AuditAction;
  switch (action) {
    case A::kInstallationCreated:
      return "установка создана";
    case A::kUserAdded:
      return "учётная запись добавлена";
    case A::kSignIn:
      return "вход";
    case A::kSignInFailed:
      return "неудачная попытка входа";
    case A::kSignOut:
      return "выход";
    case A::kCaseRead:
      return "заявка открыта (расшифрована)";
    case A::kReplySent:
      return "ответ заявителю";
    case A::kBackupCreated:
      return "резервная копия создана";
    case A::kBackupRestored:
      return "резервная копия восстановлена";
    case A::kSecondFactorEnabled:
      return "второй фактор включён";
    case A::kSecondFactorDisabled:
      return "второй фактор отключён";
    case A::kRecoveryCodeUsed:
      return "использован код восстановления";
    case A::kSettingChanged:
      return "настройка изменена";
    case A::kCaseDeleted:
      return "заявка удалена навсегда";
    case A::kCaseClaimed:
      return "заявка взята в работу";
    case A::kOfficeKeyAdded:
      return "новый ключ офиса: смена начата";
    case A::kOfficeKeyRotated:
      return "ключи заявок переведены на новый ключ офиса";
    case A::kOfficeKeyRetired:
      return "старые ключи офиса уничтожены";
    case A::kCustodyRecorded:
      return "обстоятельства пленения записаны";
    case A::kCustodyRead:
      return "обстоятельства пленения прочитаны";
    case A::kCaseStatusChanged:
      return "статус заявки изменён";
    case A::kTaskAdded:
      return "задача назначена";
    case A::kTaskDone:
      return "задача выполнена";
    case A::kScreeningRun:
      return "проверка новых заявок";
    case A::kMarkerAdded:
      return "маркер проверки добавлен";
    case A::kCaseSearch:
      return "поиск по заявкам";
    case A::kStatisticsRead:
      return "статистика прочитана или выгружена";
    case A::kGroupMemberAdded:
      return "участник добавлен в группу";
    case A::kGroupRead:
      return "состав группы показан";
    case A::kGroupPlanChanged:
      return "план группы изменён";
    case A::kGroupSplit:
      return "группа разделена";
    case A::kGroupMerged:
      return "группы объединены";
    case A::kOperatorAdded:
      return "оператор линии добавлен";
    case A::kLinesChanged:
      return "число линий изменено";
    case A::kOperatorAccountLinked:
      return "оператор линии связан с учётной записью";
    case A::kCallbackRequested:
      return "обратный звонок назначен";
    case A::kCallbackCancelled:
      return "обратный звонок отменён";
    case A::kCampChanged:
      return "лагерь создан или изменён";
    case A::kPrisonerRegistered:
      return "военнопленный зарегистрирован";
    case A::kPrisonerRead:
      return "данные военнопленного прочитаны";
    case A::kPrisonerMoved:
      return "перемещение военнопленного";
    case A::kCaptureCardSent:
      return "карточка о взятии в плен отправлена";
    case A::kLedgerPosted:
      return "проводка по счёту";
    case A::kBureauNotified:
      return "справочное бюро уведомлено";
    case A::kLabourChanged:
      return "труд военнопленного изменён";
    case A::kPhoneCallRecorded:
      return "телефонный разговор учтён";
    case A::kMailLogged:
      return "почта учтена";
    case A::kPhoneListJoined:
      return "запись в очередь на звонок";
    case A::kPersonAbroadAdded:
      return "дело за рубежом открыто";
    case A::kPersonAbroadRead:
      return "дело за рубежом прочитано";
    case A::kPersonAbroadChanged:
      return "дело за рубежом изменено";
    case A::kStayRuleChanged:
      return "правила пребывания изменены";
    case A::kPartnerAdded:
      return "партнёр добавлен";
    case A::kReferralMade:
      return "направление к партнёру";
    case A::kReferralPackageRead:
      return "пакет направления скачан";
    case A::kSenderBlocked:
      return "отправитель заблокирован";
    case A::kIntegrityFailure:
      return "нарушена целостность записи";
    case A::kRowsSealed:
      return "записи запечатаны при обновлении";
    case A::kCasesImported:
      return "заявки импортированы";
    case A::kAccountDisabled:
      return "учётная запись отключена";
    case A::kAccountEnabled:
      return "учётная запись включена";
    case A::kPasswordReset:
      return "пароль сброшен администратором";
    case A::kPasswordChanged:
      return "пароль изменён";
    case A::kAccountUnlocked:
      return "вход разблокирован";
    case A::kAuditExported:
      return "журнал аудита выгружен";
    case A::kCaseListExported:
      return "список заявок выгружен";
  }
  return {};
}

std::string AuditActionRu(std::string_view wire_name) {
  const auto action = ParseAuditAction(wire_name);
  return std::string(action ? AuditActionRu(*action) : wire_name);
}

namespace {

// The kinds a target names ("case:42"), in words. A number follows "№"; other values
// (an operator's extension, a country code, a format) follow a space.
constexpr std::array<std::pair<std::string_view, std::string_view>, 26> kTargetKinds = {{
    {"user", "учётная запись №"},
    {"users", "учётная запись №"},
    {"case", "заявка №"},
    {"cases", "заявок:"},
    {"applications", "заявка №"},
    {"task", "задача №"},
    {"marker", "маркер №"},
    {"operator", "оператор линии"},
    {"account", "учётная запись №"},
    {"lines", "линий:"},
    {"callback", "обратный звонок №"},
    {"camp", "лагерь №"},
    {"prisoner", "военнопленный №"},
    {"posting", "проводка №"},
    {"person_abroad", "дело за рубежом №"},
    {"country", "страна"},
    {"partner", "партнёр №"},
    {"referral", "направление №"},
    {"key", "ключ офиса, поколение"},
    {"setting", "настройка"},
    {"export", "выгрузка:"},
    {"rows", "записей:"},
    {"messages", "сообщение №"},
    {"case_events", "событие заявки №"},
    {"office_keys", "ключ офиса, поколение"},
    {"postings", "проводка №"},
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
      return std::string(words) + " " + std::string(value) +
             (everywhere ? " (на всех устройствах)" : "");
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
