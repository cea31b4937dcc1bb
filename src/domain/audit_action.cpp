#include "domain/audit_action.hpp"

#include <array>
#include <utility>

namespace lifeline {
namespace {
constexpr std::array<std::pair<AuditAction, std::string_view>, 74> kNames = {{
    {AuditAction::kInstallationCreated, "installation_created"},
    {AuditAction::kUserAdded, "user_added"},
    {AuditAction::kSignIn, "sign_in"},
    {AuditAction::kSignInFailed, "sign_in_failed"},
    {AuditAction::kSignOut, "sign_out"},
    {AuditAction::kCaseRead, "case_read"},
    {AuditAction::kReplySent, "reply_sent"},
    {AuditAction::kBackupCreated, "backup_created"},
    {AuditAction::kBackupRestored, "backup_restored"},
    {AuditAction::kSecondFactorEnabled, "second_factor_enabled"},
    {AuditAction::kSecondFactorDisabled, "second_factor_disabled"},
    {AuditAction::kRecoveryCodeUsed, "recovery_code_used"},
    {AuditAction::kSettingChanged, "setting_changed"},
    {AuditAction::kCaseDeleted, "case_deleted"},
    {AuditAction::kCaseClaimed, "case_claimed"},
    {AuditAction::kOfficeKeyAdded, "office_key_added"},
    {AuditAction::kOfficeKeyRotated, "office_key_rotated"},
    {AuditAction::kOfficeKeyRetired, "office_key_retired"},
    {AuditAction::kCustodyRecorded, "custody_recorded"},
    {AuditAction::kCustodyRead, "custody_read"},
    {AuditAction::kCaseStatusChanged, "case_status_changed"},
    {AuditAction::kTaskAdded, "task_added"},
    {AuditAction::kTaskDone, "task_done"},
    {AuditAction::kScreeningRun, "screening_run"},
    {AuditAction::kMarkerAdded, "marker_added"},
    {AuditAction::kCaseSearch, "case_search"},
    {AuditAction::kStatisticsRead, "statistics_read"},
    {AuditAction::kGroupMemberAdded, "group_member_added"},
    {AuditAction::kGroupRead, "group_read"},
    {AuditAction::kGroupPlanChanged, "group_plan_changed"},
    {AuditAction::kGroupSplit, "group_split"},
    {AuditAction::kGroupMerged, "group_merged"},
    {AuditAction::kOperatorAdded, "operator_added"},
    {AuditAction::kLinesChanged, "lines_changed"},
    {AuditAction::kOperatorAccountLinked, "operator_account_linked"},
    {AuditAction::kCallbackRequested, "callback_requested"},
    {AuditAction::kCallbackCancelled, "callback_cancelled"},
    {AuditAction::kCampChanged, "camp_changed"},
    {AuditAction::kPrisonerRegistered, "prisoner_registered"},
    {AuditAction::kPrisonerRead, "prisoner_read"},
    {AuditAction::kPrisonerMoved, "prisoner_moved"},
    {AuditAction::kCaptureCardSent, "capture_card_sent"},
    {AuditAction::kLedgerPosted, "ledger_posted"},
    {AuditAction::kBureauNotified, "bureau_notified"},
    {AuditAction::kLabourChanged, "labour_changed"},
    {AuditAction::kPhoneCallRecorded, "phone_call_recorded"},
    {AuditAction::kMailLogged, "mail_logged"},
    {AuditAction::kPhoneListJoined, "phone_list_joined"},
    {AuditAction::kPersonAbroadAdded, "person_abroad_added"},
    {AuditAction::kPersonAbroadRead, "person_abroad_read"},
    {AuditAction::kPersonAbroadChanged, "person_abroad_changed"},
    {AuditAction::kStayRuleChanged, "stay_rule_changed"},
    {AuditAction::kPartnerAdded, "partner_added"},
    {AuditAction::kReferralMade, "referral_made"},
    {AuditAction::kReferralPackageRead, "referral_package_read"},
    {AuditAction::kSenderBlocked, "sender_blocked"},
    {AuditAction::kIntegrityFailure, "integrity_failure"},
    {AuditAction::kRowsSealed, "rows_sealed"},
    {AuditAction::kCasesImported, "cases_imported"},
    {AuditAction::kAccountDisabled, "account_disabled"},
    {AuditAction::kAccountEnabled, "account_enabled"},
    {AuditAction::kPasswordReset, "password_reset"},
    {AuditAction::kPasswordChanged, "password_changed"},
    {AuditAction::kAccountUnlocked, "account_unlocked"},
    {AuditAction::kAuditExported, "audit_exported"},
    {AuditAction::kCaseListExported, "case_list_exported"},
    {AuditAction::kCustodiansDealt, "custodians_dealt"},
    {AuditAction::kApprovalRequested, "approval_requested"},
    {AuditAction::kApprovalGranted, "approval_granted"},
    {AuditAction::kApprovalUsed, "approval_used"},
    {AuditAction::kCanaryChanged, "canary_changed"},
    {AuditAction::kAccessAlert, "access_alert"},
    {AuditAction::kDuressSignalled, "duress_signalled"},
    {AuditAction::kProofIssued, "proof_issued"},
}};
}  // namespace

std::string_view ToString(AuditAction action) {
  for (const auto& [a, name] : kNames) {
    if (a == action) return name;
  }
  return "?";
}

std::optional<AuditAction> ParseAuditAction(std::string_view name) {
  for (const auto& [a, n] : kNames) {
    if (n == name) return a;
  }
  return std::nullopt;
}

}  // namespace lifeline
