#pragma once
// What the audit log records. Entries say who did what to which record, never personal
// data: the target is a record reference such as "case:42" or "user:3".

#include <optional>
#include <string_view>

namespace lifeline {

enum class AuditAction {
  kInstallationCreated,
  kUserAdded,
  kSignIn,
  kSignInFailed,
  kSignOut,
  kCaseRead,  // a decryption of a case's identifying fields
  kReplySent,
  kBackupCreated,
  kBackupRestored,
  kSecondFactorEnabled,
  kSecondFactorDisabled,
  kRecoveryCodeUsed,
  kSettingChanged,
  kCaseDeleted,
  kCaseClaimed,
  kOfficeKeyAdded,     // a rotation began: target "key:N"
  kOfficeKeyRotated,   // every case key now opens with generation N
  kOfficeKeyRetired,   // older generations' private keys destroyed
  kCustodyRecorded,    // the sealed custody circumstance was set (the entry never says to what)
  kCustodyRead,        // the sealed custody circumstance was read
  kCaseStatusChanged,  // a workflow transition (the timeline holds which)
  kTaskAdded,          // a follow-up was scheduled: target "case:N"
  kTaskDone,           // target "task:N"
  kScreeningRun,       // the office screened new cases: target "cases:N" (how many)
  kMarkerAdded,        // target "marker:N"
  kCaseSearch,         // a search of decrypted fields (the entry never holds the query)
  kStatisticsRead,     // aggregates were read or exported
  kGroupMemberAdded,  // target "case:N": the group's case (the member's id is in the group history)
  kGroupRead,         // the members of group case N were shown with their names
  kGroupPlanChanged,
  kGroupSplit,             // target: the group split
  kGroupMerged,            // target: the group merged into another
  kOperatorAdded,          // the contact centre: target "operator:<name>"
  kLinesChanged,           // target "lines:<count>"
  kOperatorAccountLinked,  // target "operator:<name> account:<user id>" (account:0: unlinked)
  kCallbackRequested,    // by a coordinator for a caller: target "callback:<id>" (never the number)
  kCallbackCancelled,    // target "callback:<id>"; its number is shredded
  kCampChanged,          // a camp created or its rules changed: target "camp:<id>"
  kPrisonerRegistered,   // target "prisoner:<id>" (from a case: "prisoner:<id> case:<id>")
  kPrisonerRead,         // a decryption of a prisoner's identifying fields: "prisoner:<id>"
  kPrisonerMoved,        // a movement (Art. 122): "prisoner:<id>"
  kCaptureCardSent,      // "prisoner:<id>"
  kLedgerPosted,         // "posting:<id> prisoner:<id>"
  kBureauNotified,       // movements reported to the information bureau: "camp:<id>"
  kLabourChanged,        // a prisoner's labour profile or a shift: "prisoner:<id>"
  kPhoneCallRecorded,    // "prisoner:<id>" (its charge is a ledger_posted entry)
  kMailLogged,           // "prisoner:<id>"
  kPhoneListJoined,      // "prisoner:<id>"
  kPersonAbroadAdded,    // help abroad: "person_abroad:<id>" (from a case: "person_abroad:<id>
                         // case:<id>")
  kPersonAbroadRead,     // a decryption of his record: "person_abroad:<id>"
  kPersonAbroadChanged,  // his record, a proceeding or a pathway: "person_abroad:<id>"
  kStayRuleChanged,      // a country's stay rule or the board's lead times: "country:<code>" or
                         // "lead_times"
  kPartnerAdded,         // "partner:<id>"
  kReferralMade,         // "referral:<id> person_abroad:<id> partner:<id>"
  kReferralPackageRead,  // the sealed package was downloaded: "referral:<id>"
  kSenderBlocked,        // an SMS or messenger sender blocked (by his blind index): "case:<id>"
  kIntegrityFailure,     // a stored row failed its row MAC (docs/security.md): "<table>:<id>"
  kRowsSealed,     // the upgrade's one sealing of the rows kept before row MACs: "rows:<count>"
  kCasesImported,  // `lifeline import` stored cases from a file: "cases:<count>"
  // Account administration (app/accounts/account_admin.hpp): target "user:<id>".
  kAccountDisabled,
  kAccountEnabled,
  kPasswordReset,     // by an administrator: a one-time password, the second factor cleared
  kPasswordChanged,   // by the account itself
  kAccountUnlocked,   // the sign-in throttle's counts for the account forgotten
  kAuditExported,     // an auditor took entries away: target "export:csv"
  kCaseListExported,  // a coordinator took the case list's clear fields away: "cases:<count>"
  // Beyond any one person (docs/security.md, issue 22).
  kCustodiansDealt,    // the office key split among custodians: "custodians:<k>-of-<n>"
  kApprovalRequested,  // a second person's approval asked: "custody:case:<id>"
  kApprovalGranted,    // by another account: "approval:<seq of the request>"
  kApprovalUsed,       // the approved read happened: "approval:<seq of the request>"
  kCanaryChanged,      // a case marked or unmarked as a canary: "case:<id>"
  kAccessAlert,        // an alert for the auditors: "canary:case:<id>" or "pattern:user:<id>"
  kDuressSignalled,    // a case's duress receipt was used: "case:<id>"
  kProofIssued,        // a signed proof of application: "proof:<log index>"
};

std::string_view ToString(AuditAction action);
std::optional<AuditAction> ParseAuditAction(std::string_view name);

}  // namespace lifeline
