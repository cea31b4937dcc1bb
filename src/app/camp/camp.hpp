#pragma once
// The prisoner-of-war camp as use cases (docs/camp.md): camps and their rules, the registry
// with capture cards and the information bureau's list (GC III Arts. 17, 70, 122), and the
// accounts ledger with statements (Arts. 28, 59–66). Every call checks the actor's
// permission; reads of a prisoner's identifying fields and every change are audited.
//
// Identifying fields are sealed like a case's: a fresh record key per prisoner, wrapped for
// the office key. Thread-safe (the store and the audit log are).

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/accounts/actor.hpp"
#include "app/audit/audit_log.hpp"
#include "app/cases/office.hpp"
#include "app/clock.hpp"
#include "store/store.hpp"

namespace lifeline::app {

/// GC III Art. 17 and Art. 122's fields: sealed, never in a log or a URL.
struct PrisonerFields {
  std::string surname;
  std::string first_names;
  std::string father_name;
  std::string mother_maiden_name;
  std::string rank;  // as he states it, e.g. "младший сержант"
  std::string service_number;
  std::string birth_date;  // YYYY-MM-DD, or empty if he did not give it
  std::string birth_place;
  std::string power;  // the power on which he depends
  std::string person_to_inform;
  std::string mail_address;  // for correspondence
  std::string
      captured_on;  // YYYY-MM-DD, Annex IV's "taken prisoner on"; given empty: the day he
                    // arrived at his first camp. Sealed with the rest: it survives transfers.
};

struct PrisonerDraft {
  std::int64_t camp_id = 0;
  camp::RankCategory rank_category = camp::RankCategory::kSoldier;
  std::string health = "good";  // Annex IV: good, not_wounded, recovered, convalescent, sick,
                                // slightly_wounded, seriously_wounded
  std::string arrived_on;       // YYYY-MM-DD; empty: today
  std::string language = "ru";  // his: ru, uk, be or en
  PrisonerFields fields;
};

/// The camp's view of a prisoner: clear fields, and the sealed ones when opened.
struct Prisoner {
  store::StoredPrisoner stored;
  std::string number;  // "POW-000042": what cards, lists and the rota show instead of a name
  std::chrono::year_month_day capture_card_due{};
  bool capture_card_overdue = false;
  std::optional<PrisonerFields> fields;  // opened only by Prisoner(), never by lists
};

/// One line of the information bureau's list (Art. 122).
struct BureauLine {
  store::MovementRecord movement;
  std::string number;
  PrisonerFields fields;
};

/// A ledger event as the camp administrator enters it.
struct LedgerRequest {
  std::string key;  // idempotency key; the console makes one per form
  camp::PostingKind kind = camp::PostingKind::kWorkingPay;
  std::int64_t prisoner_id = 0;
  int days = 0;               // working pay
  std::int64_t amount = 0;    // cash at capture, remittances (kopiyky)
  std::string item;           // canteen: the price list's item
  int quantity = 0;           // canteen
  int minutes = 0;            // a call home
  std::int64_t reverses = 0;  // a reversal: the posting it corrects
  std::string memo;           // remittances
};

/// Art. 65's monthly statement, or Art. 66's at the end of captivity (`to` = now).
struct AccountStatement {
  std::string number;
  std::int64_t camp_id = 0;  // whose books: each camp he was held in keeps its part of his account
  std::int64_t from = 0;     // seconds since the epoch
  std::int64_t to = 0;
  std::int64_t opening = 0;
  std::vector<store::AccountEntry> entries;
  std::int64_t closing = 0;
};

class CampService {
 public:
  /// All must outlive the service. `office` opens crossed cases for registration and lends
  /// its keys for sealing.
  CampService(store::Store& store, AuditLog& audit, const Clock& clock, OfficeService& office);

  /// kManageCamp. Checks the rules: Art. 62 (working pay at the exchange rate), Art. 71
  /// (mail limits), the rota's hours and the day's length; kInvalidInput naming the field.
  Result<std::int64_t> CreateCamp(const Actor& actor, const store::CampRecord& camp);
  Status UpdateCamp(const Actor& actor, const store::CampRecord& camp);
  Result<std::vector<store::CampRecord>> Camps(const Actor& actor);
  Result<store::CampRecord> Camp(const Actor& actor, std::int64_t id);

  /// kManageCamp: a prisoner typed in at the camp. kInvalidInput naming the field.
  Result<std::int64_t> RegisterPrisoner(const Actor& actor, const PrisonerDraft& draft);
  /// kRegisterPrisoner: a crossed case becomes a prisoner record with his name and rank
  /// taken from the case (the sealed custody circumstance is not copied: he is "captured").
  /// kInvalidInput unless the case is crossed; kConflict if it is registered already.
  Result<std::int64_t> RegisterFromCase(const Actor& actor, std::int64_t case_id,
                                        const PrisonerDraft& draft);
  /// kManageCamp; opens the sealed fields (audited).
  Result<Prisoner> GetPrisoner(const Actor& actor, std::int64_t id);
  /// What the prisoner's page shows, read in one call: him with his sealed fields opened
  /// (audited, as GetPrisoner), his camp's rules, his account's month `month` (Art. 65) and
  /// his shifts from a week ago to two weeks ahead.
  struct PrisonerFile {
    Prisoner prisoner;
    store::CampRecord camp;
    AccountStatement statement;
    std::vector<camp::WorkShift> shifts;
  };
  Result<PrisonerFile> GetPrisonerFile(const Actor& actor, std::int64_t id,
                                       std::chrono::year_month month);
  /// His clear fields only (nothing opened, nothing audited).
  Result<Prisoner> PrisonerSummary(const Actor& actor, std::int64_t id);
  /// Clear fields only, by number.
  Result<std::vector<Prisoner>> Prisoners(const Actor& actor, std::int64_t camp_id);
  /// Art. 70: prisoners whose capture card is not sent a week after arrival.
  Result<std::vector<Prisoner>> OverdueCaptureCards(const Actor& actor, std::int64_t camp_id);
  Status MarkCaptureCardSent(const Actor& actor, std::int64_t prisoner_id);
  /// Art. 122: kind is transferred (with `to_camp`), hospital, returned (from hospital),
  /// released, repatriated, escaped or died. kInvalidInput for another kind or a date
  /// before his arrival or in the future. A transfer moves his account's balance to the new
  /// camp's books (Art. 65) and makes a new capture card due there within a week of that
  /// day (Art. 70), in one transaction (CampStore::TransferPrisoner).
  Status RecordMovement(const Actor& actor, std::int64_t prisoner_id, const std::string& kind,
                        const std::string& on, std::optional<std::int64_t> to_camp);
  /// The movements not yet reported, with the fields the bureau needs (audited as reads).
  Result<std::vector<BureauLine>> BureauList(const Actor& actor, std::int64_t camp_id);
  Status MarkBureauNotified(const Actor& actor, std::int64_t camp_id,
                            const std::vector<std::int64_t>& movement_ids);

  /// kManageCamp: builds the posting from the camp's tariff and price list and applies it
  /// (store: atomic, idempotent, never below zero). Audited.
  Result<store::PostOutcome> Post(const Actor& actor, std::int64_t camp_id,
                                  const LedgerRequest& request);
  /// Art. 65: the month `month` of a prisoner's account, in the books of `camp_id` (default:
  /// the camp that holds him; a camp he left shows his entries there, ending with the
  /// transfer that took his balance on). kNotFound for no such camp.
  Result<AccountStatement> MonthlyStatement(const Actor& actor, std::int64_t prisoner_id,
                                            std::chrono::year_month month,
                                            std::optional<std::int64_t> camp_id = std::nullopt);
  /// Art. 66: everything to now, with the balance due to him (in `camp_id`'s books, as above).
  Result<AccountStatement> FinalStatement(const Actor& actor, std::int64_t prisoner_id,
                                          std::optional<std::int64_t> camp_id = std::nullopt);

  // The daily routine (camp_routine.cpp), kManageCamp, audited.

  /// Arts. 49, 52, 55: whether he asked for work, volunteers for dangerous work, and his
  /// last medical examination (YYYY-MM-DD; empty: none).
  Status SetLabourProfile(const Actor& actor, std::int64_t prisoner_id, bool asked_for_work,
                          bool volunteers_dangerous, const std::string& last_medical_exam);
  /// A shift ("2026-11-23", "08:00-12:00", an Art. 50 kind), checked with CheckShift against
  /// his shifts of that week and the camp's day; the refusal names the article.
  Result<std::int64_t> AssignShift(const Actor& actor, std::int64_t prisoner_id,
                                   const std::string& day, const std::string& hours,
                                   const std::string& kind, bool supervisory, bool dangerous);
  Result<std::vector<camp::WorkShift>> Shifts(const Actor& actor, std::int64_t prisoner_id);

  /// Puts him on his camp's phone waiting list.
  Status JoinPhoneList(const Actor& actor, std::int64_t prisoner_id);
  /// The day's rota ("" = today), planned fairly the first time it is asked for and then
  /// fixed; with the calls recorded so far. kInvalidInput for a day with no opening hours.
  struct DayOnTheLine {
    camp::DayRota rota;
    std::vector<store::PhoneCallRecord> calls;
  };
  Result<DayOnTheLine> PhoneDay(const Actor& actor, std::int64_t camp_id, const std::string& day);
  /// A slot's outcome: the call is charged to his account, or to the state when it does not
  /// cover it (a no-show costs nothing). kConflict if the slot holds a call already (one
  /// line), kInvalidInput for a slot outside the rota's grid, more than the slot's minutes
  /// or his daily limit, or someone not on the list.
  Result<std::int64_t> RecordCall(const Actor& actor, std::int64_t camp_id,
                                  std::int64_t prisoner_id, const std::string& day,
                                  int start_minute, camp::CallOutcome outcome, int minutes);

  /// A letter or card sent or received (Art. 71).
  Result<std::int64_t> LogMail(const Actor& actor, std::int64_t prisoner_id, const std::string& day,
                               camp::MailKind kind, camp::MailDirection direction, bool held);
  struct MailRow {
    std::int64_t prisoner_id = 0;
    std::string number;
    camp::MonthlyMail month;
  };
  /// Every prisoner with mail in `month`, and whether the camp fell short of Art. 71.
  Result<std::vector<MailRow>> MailMonth(const Actor& actor, std::int64_t camp_id,
                                         std::chrono::year_month month);

  // The console's pages about one camp, each read in one call (camp_pages.cpp): the camp,
  // whose name and rules head the page, and what the page lists. The camp is read first, so
  // a camp that does not exist is kNotFound before anything is read or audited.
  template <class T>
  struct AtCamp {
    store::CampRecord camp;
    T content;
  };
  Result<AtCamp<std::vector<Prisoner>>> PrisonersAt(const Actor& actor, std::int64_t camp_id);
  Result<AtCamp<std::vector<BureauLine>>> BureauListAt(const Actor& actor, std::int64_t camp_id);
  Result<AtCamp<DayOnTheLine>> PhoneDayAt(const Actor& actor, std::int64_t camp_id,
                                          const std::string& day);
  Result<AtCamp<std::vector<MailRow>>> MailMonthAt(const Actor& actor, std::int64_t camp_id,
                                                   std::chrono::year_month month);
  /// A capture card (Art. 70): the prisoner, opened and audited as GetPrisoner, and his camp.
  Result<AtCamp<Prisoner>> CaptureCardOf(const Actor& actor, std::int64_t prisoner_id);

  const Clock& clock() const { return clock_; }

 private:
  /// Registers without checking the actor's permission (the callers do).
  Result<std::int64_t> Register(const Actor& actor, const PrisonerDraft& draft,
                                std::optional<std::int64_t> case_id);
  Result<store::StoredPrisoner> ManagedPrisoner(const Actor& actor, std::int64_t id);
  Result<PrisonerFields> OpenFields(const store::StoredPrisoner& stored) const;
  Prisoner View(store::StoredPrisoner stored) const;
  Result<AccountStatement> Statement(const store::StoredPrisoner& p,
                                     std::optional<std::int64_t> camp_id, std::int64_t from,
                                     std::int64_t to);
  /// Statement for the calendar month `month` (which must be ok()).
  Result<AccountStatement> MonthOf(const store::StoredPrisoner& p,
                                   std::optional<std::int64_t> camp_id,
                                   std::chrono::year_month month);
  /// His shifts from a week ago to two weeks ahead.
  Result<std::vector<camp::WorkShift>> ShiftsAround(std::int64_t prisoner_id);
  Status Audit(const Actor& actor, AuditAction action, const std::string& target);

  store::Store& store_;
  AuditLog& audit_;
  const Clock& clock_;
  OfficeService& office_;
};

/// The associated data a prisoner's record key and fields are sealed with.
inline constexpr std::string_view kPrisonerSealContext = "lifeline/prisoner/v1";

/// "POW-000042".
std::string PrisonerNumber(std::int64_t id);

}  // namespace lifeline::app
