// The camp's registry (app/camp/camp.hpp): camps and their rules, prisoners with sealed fields,
// capture cards (Art. 70) and the information bureau's list (Art. 122).

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "app/camp/camp.hpp"
#include "app/sealed_fields.hpp"
#include "crypto/crypto.hpp"
#include "crypto/record_sealer.hpp"
#include "domain/utf8.hpp"

namespace lifeline::app {
namespace {

using nlohmann::json;
using std::chrono::days;
using std::chrono::sys_days;

constexpr std::size_t kMaxField = 200;

constexpr std::string_view kSealContext = kPrisonerSealContext;

json ToJson(const PrisonerFields& f) {
  return {{"surname", f.surname},
          {"first_names", f.first_names},
          {"father_name", f.father_name},
          {"mother_maiden_name", f.mother_maiden_name},
          {"rank", f.rank},
          {"service_number", f.service_number},
          {"birth_date", f.birth_date},
          {"birth_place", f.birth_place},
          {"power", f.power},
          {"person_to_inform", f.person_to_inform},
          {"mail_address", f.mail_address},
          {"captured_on", f.captured_on}};
}

PrisonerFields FromJson(const json& j) {
  auto text = [&](const char* key) { return j.value(key, std::string()); };
  return {
      text("surname"), text("first_names"),      text("father_name"),  text("mother_maiden_name"),
      text("rank"),    text("service_number"),   text("birth_date"),   text("birth_place"),
      text("power"),   text("person_to_inform"), text("mail_address"), text("captured_on")};
}

Status ValidateFields(const PrisonerFields& f) {
  const std::pair<const char*, const std::string*> all[] = {
      {"surname", &f.surname},
      {"first_names", &f.first_names},
      {"father_name", &f.father_name},
      {"mother_maiden_name", &f.mother_maiden_name},
      {"rank", &f.rank},
      {"service_number", &f.service_number},
      {"birth_date", &f.birth_date},
      {"birth_place", &f.birth_place},
      {"power", &f.power},
      {"person_to_inform", &f.person_to_inform},
      {"mail_address", &f.mail_address},
      {"captured_on", &f.captured_on}};
  for (const auto& [name, value] : all) {
    if (value->size() > kMaxField || !IsValidUtf8(*value) || HasControlCharacters(*value)) {
      return InvalidInput(std::string(name) + " must be text of at most 200 bytes", name);
    }
  }
  // Art. 17: the surname, first names, rank, date of birth and service number are what he
  // must give; the registry needs at least a surname to be of use.
  if (f.surname.empty()) return InvalidInput("the surname is required (GC III Art. 17)", "surname");
  if (!f.birth_date.empty() && !ParseIsoDate(f.birth_date)) {
    return InvalidInput("birth_date must be a date like 1999-04-30", "birth_date");
  }
  return OkStatus();
}

Result<std::chrono::year_month_day> DayOrToday(const std::string& text, const Clock& clock,
                                               const char* field) {
  if (text.empty()) return clock.Today();
  auto day = ParseIsoDate(text);
  if (!day) return InvalidInput(std::string(field) + " must be a date like 2026-11-23", field);
  if (sys_days{*day} > sys_days{clock.Today()})
    return InvalidInput(std::string(field) + " cannot be in the future", field);
  return *day;
}

Status ValidateCamp(const store::CampRecord& c) {
  if (c.name.empty() || c.name.size() > 100 || !IsValidUtf8(c.name) ||
      HasControlCharacters(c.name)) {
    return InvalidInput("a camp's name is 1 to 100 bytes of text", "name");
  }
  if (!ParseLanguage(c.language))
    return InvalidInput("language must be ru, be, uk or en", "language");
  if (auto ok = camp::ValidateTariff(c.tariff); !ok) return ok;
  if (auto ok = camp::ValidateRota(c.rota, c.phone_hours); !ok) return ok;
  if (auto ok = camp::ValidateMailLimit(c.mail); !ok) return ok;
  if (c.labour.max_daily_minutes < 60 || c.labour.max_daily_minutes > 12 * 60) {
    return InvalidInput(
        "the working day is 1 to 12 hours, as local civilian workers' (GC III Art. 53)",
        "max_daily_minutes");
  }
  for (const auto& item : c.canteen) {
    if (auto ok = camp::ValidateCanteenItem(item); !ok) return ok;
  }
  return OkStatus();
}

std::string Target(std::int64_t prisoner_id) { return "prisoner:" + std::to_string(prisoner_id); }

}  // namespace

std::string PrisonerNumber(std::int64_t id) { return fmt::format("POW-{:06d}", id); }

CampService::CampService(store::Store& store, AuditLog& audit, const Clock& clock,
                         OfficeService& office)
    : store_(store), audit_(audit), clock_(clock), office_(office) {}

Status CampService::Audit(const Actor& actor, AuditAction action, const std::string& target) {
  return audit_.Record({actor.user_id, actor.name, action, target});
}

Result<std::int64_t> CampService::CreateCamp(const Actor& actor, const store::CampRecord& c) {
  if (auto allowed = Require(actor, Permission::kManageCamp); !allowed) return allowed.error();
  if (auto ok = ValidateCamp(c); !ok) return ok.error();
  auto id = store_.InsertCamp(c);
  if (!id && id.error().code == ErrorCode::kConflict)
    return Error{ErrorCode::kConflict, "a camp with this name exists"};
  if (!id) return id;
  if (auto audited = Audit(actor, AuditAction::kCampChanged, "camp:" + std::to_string(*id));
      !audited)
    return audited.error();
  return id;
}

Status CampService::UpdateCamp(const Actor& actor, const store::CampRecord& c) {
  if (auto allowed = Require(actor, Permission::kManageCamp); !allowed) return allowed.error();
  if (auto ok = ValidateCamp(c); !ok) return ok;
  if (auto audited = Audit(actor, AuditAction::kCampChanged, "camp:" + std::to_string(c.id));
      !audited)
    return audited;
  return store_.UpdateCamp(c);
}

Result<std::vector<store::CampRecord>> CampService::Camps(const Actor& actor) {
  if (auto allowed = Require(actor, Permission::kManageCamp); !allowed) return allowed.error();
  return store_.ListCamps();
}

Result<store::CampRecord> CampService::Camp(const Actor& actor, std::int64_t id) {
  if (auto allowed = Require(actor, Permission::kManageCamp); !allowed) return allowed.error();
  return store_.GetCamp(id);
}

Result<std::int64_t> CampService::RegisterPrisoner(const Actor& actor, const PrisonerDraft& draft) {
  if (auto allowed = Require(actor, Permission::kManageCamp); !allowed) return allowed.error();
  return Register(actor, draft, std::nullopt);
}

Result<std::int64_t> CampService::Register(const Actor& actor, const PrisonerDraft& draft,
                                           std::optional<std::int64_t> case_id) {
  if (auto ok = ValidateFields(draft.fields); !ok) return ok.error();
  if (std::find(camp::kAnnexIvHealth.begin(), camp::kAnnexIvHealth.end(), draft.health) ==
      camp::kAnnexIvHealth.end()) {
    return InvalidInput(
        "health must be one of Annex IV's: good, not_wounded, recovered, convalescent, sick, "
        "slightly_wounded, seriously_wounded",
        "health");
  }
  if (!ParseLanguage(draft.language))
    return InvalidInput("language must be ru, be, uk or en", "language");
  auto arrived = DayOrToday(draft.arrived_on, clock_, "arrived_on");
  if (!arrived) return arrived.error();
  // Annex IV's "taken prisoner on": given, it is before he reached a camp; not given, the
  // day he arrived is the nearest the camp knows.
  PrisonerFields fields = draft.fields;
  if (fields.captured_on.empty()) fields.captured_on = FormatIsoDate(*arrived);
  auto captured = ParseIsoDate(fields.captured_on);
  if (!captured) return InvalidInput("captured_on must be a date like 2026-11-20", "captured_on");
  if (sys_days{*captured} > sys_days{*arrived}) {
    return InvalidInput("he cannot be captured after he arrived at the camp", "captured_on");
  }
  if (auto exists = store_.GetCamp(draft.camp_id); !exists) return exists.error();

  store::NewPrisoner row;
  row.camp_id = draft.camp_id;
  row.case_id = case_id;
  row.rank = draft.rank_category;
  row.health = draft.health;
  row.arrived_on = *arrived;
  row.language = draft.language;
  std::string plain = ToJson(fields).dump();
  crypto::SealedRecord sealed =
      SealStandaloneRecord(office_.Opener().newest_public(), plain, kSealContext);
  row.ephemeral_public = sealed.ephemeral_public;
  row.key_generation = sealed.key_generation;
  row.wrapped_key = std::move(sealed.wrapped_key);
  row.sealed_fields = std::move(sealed.ciphertext);
  auto id = store_.InsertPrisoner(row);
  if (!id && id.error().code == ErrorCode::kConflict) {
    return Error{ErrorCode::kConflict, "this case is registered in a camp already"};
  }
  if (!id) return id;
  const std::string target = Target(*id) + (case_id ? " case:" + std::to_string(*case_id) : "");
  if (auto audited = Audit(actor, AuditAction::kPrisonerRegistered, target); !audited)
    return audited.error();
  return id;
}

Result<std::int64_t> CampService::RegisterFromCase(const Actor& actor, std::int64_t case_id,
                                                   const PrisonerDraft& draft) {
  auto fields = office_.FieldsForRegistry(actor, case_id);
  if (!fields) return fields.error();
  PrisonerDraft filled = draft;
  // The case holds one name line: its first word is taken as the surname, the rest as the
  // first names (as Russian names are written); the camp corrects it if need be.
  const std::string& name = fields->name;
  const std::size_t space = name.find(' ');
  filled.fields.surname = name.substr(0, space);
  filled.fields.first_names = space == std::string::npos ? "" : name.substr(space + 1);
  if (filled.fields.rank.empty()) filled.fields.rank = fields->rank;
  return Register(actor, filled, case_id);
}

Result<store::StoredPrisoner> CampService::ManagedPrisoner(const Actor& actor, std::int64_t id) {
  if (auto allowed = Require(actor, Permission::kManageCamp); !allowed) return allowed.error();
  return store_.GetPrisoner(id);
}

Result<PrisonerFields> CampService::OpenFields(const store::StoredPrisoner& p) const {
  crypto::SealedRecord sealed{p.ephemeral_public, p.wrapped_key, p.sealed_fields, p.key_generation};
  auto plain = office_.Opener().Open(sealed, kSealContext);
  if (!plain) return Error{ErrorCode::kInternal, "this prisoner's record does not open"};
  const json doc = json::parse(plain->view(), nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    return Error{ErrorCode::kInternal, "this prisoner's record is not understood"};
  return FromJson(doc);
}

Prisoner CampService::View(store::StoredPrisoner stored) const {
  Prisoner p;
  p.number = PrisonerNumber(stored.id);
  p.capture_card_due =
      std::chrono::year_month_day{sys_days{stored.arrived_on} + days{camp::kCaptureCardDueDays}};
  p.capture_card_overdue =
      !stored.capture_card_sent_on && sys_days{clock_.Today()} > sys_days{p.capture_card_due};
  p.stored = std::move(stored);
  return p;
}

Result<Prisoner> CampService::GetPrisoner(const Actor& actor, std::int64_t id) {
  auto stored = ManagedPrisoner(actor, id);
  if (!stored) return stored.error();
  if (auto audited = Audit(actor, AuditAction::kPrisonerRead, Target(id)); !audited)
    return audited.error();
  auto fields = OpenFields(*stored);
  if (!fields) return fields.error();
  Prisoner p = View(std::move(*stored));
  p.fields = std::move(*fields);
  return p;
}

Result<CampService::PrisonerFile> CampService::GetPrisonerFile(const Actor& actor, std::int64_t id,
                                                               std::chrono::year_month month) {
  auto card = CaptureCardOf(actor, id);  // the permission first, then what was sent
  if (!card) return card.error();
  if (!month.ok()) return InvalidInput("month must be like 2026-11", "month");
  auto statement = MonthOf(card->content.stored, std::nullopt, month);
  if (!statement) return statement.error();
  auto shifts = ShiftsAround(id);
  if (!shifts) return shifts.error();
  return PrisonerFile{std::move(card->content), std::move(card->camp), std::move(*statement),
                      std::move(*shifts)};
}

Result<Prisoner> CampService::PrisonerSummary(const Actor& actor, std::int64_t id) {
  auto stored = ManagedPrisoner(actor, id);
  if (!stored) return stored.error();
  return View(std::move(*stored));
}

Result<std::vector<Prisoner>> CampService::Prisoners(const Actor& actor, std::int64_t camp_id) {
  if (auto allowed = Require(actor, Permission::kManageCamp); !allowed) return allowed.error();
  auto rows = store_.ListPrisoners(camp_id);
  if (!rows) return rows.error();
  std::vector<Prisoner> out;
  out.reserve(rows->size());
  for (auto& row : *rows) out.push_back(View(std::move(row)));
  return out;
}

Result<std::vector<Prisoner>> CampService::OverdueCaptureCards(const Actor& actor,
                                                               std::int64_t camp_id) {
  auto all = Prisoners(actor, camp_id);
  if (!all) return all;
  std::erase_if(*all, [](const Prisoner& p) { return !p.capture_card_overdue; });
  return all;
}

Status CampService::MarkCaptureCardSent(const Actor& actor, std::int64_t prisoner_id) {
  if (auto stored = ManagedPrisoner(actor, prisoner_id); !stored) return stored.error();
  if (auto audited = Audit(actor, AuditAction::kCaptureCardSent, Target(prisoner_id)); !audited)
    return audited;
  return store_.MarkCaptureCardSent(prisoner_id, clock_.Today());
}

Status CampService::RecordMovement(const Actor& actor, std::int64_t prisoner_id,
                                   const std::string& kind, const std::string& on,
                                   std::optional<std::int64_t> to_camp) {
  auto stored = ManagedPrisoner(actor, prisoner_id);
  if (!stored) return stored.error();
  static const std::pair<const char*, store::PrisonerStatus> kKinds[] = {
      {"transferred", store::PrisonerStatus::kHeld},
      {"hospital", store::PrisonerStatus::kInHospital},
      {"returned", store::PrisonerStatus::kHeld},
      {"released", store::PrisonerStatus::kReleased},
      {"repatriated", store::PrisonerStatus::kRepatriated},
      {"escaped", store::PrisonerStatus::kEscaped},
      {"died", store::PrisonerStatus::kDied}};
  const auto* found = std::find_if(std::begin(kKinds), std::end(kKinds),
                                   [&](const auto& k) { return kind == k.first; });
  if (found == std::end(kKinds)) {
    return InvalidInput(
        "kind must be transferred, hospital, returned, released, repatriated, escaped or died",
        "kind");
  }
  auto day = DayOrToday(on, clock_, "on");
  if (!day) return day.error();
  if (sys_days{*day} < sys_days{stored->arrived_on})
    return InvalidInput("a movement cannot come before his arrival", "on");
  if (kind == "transferred") {
    if (!to_camp || *to_camp == stored->camp_id)
      return InvalidInput("a transfer names another camp", "to_camp");
    if (auto exists = store_.GetCamp(*to_camp); !exists) return exists.error();
  } else {
    to_camp.reset();
  }
  if (auto audited = Audit(actor, AuditAction::kPrisonerMoved, Target(prisoner_id)); !audited)
    return audited;
  const store::MovementRecord movement{0, prisoner_id, kind, *day, to_camp, std::nullopt};
  if (to_camp) {
    // Arts. 65 and 70: his account and a new capture card's week go with him, atomically.
    auto moved = store_.TransferPrisoner(movement, clock_.Now().time_since_epoch().count());
    if (!moved) return moved.error();
    return OkStatus();
  }
  auto added = store_.AddMovement(movement, found->second);
  if (!added) return added.error();
  return OkStatus();
}

Result<std::vector<BureauLine>> CampService::BureauList(const Actor& actor, std::int64_t camp_id) {
  if (auto allowed = Require(actor, Permission::kManageCamp); !allowed) return allowed.error();
  auto movements = store_.ListUnreportedMovements(camp_id);
  if (!movements) return movements.error();
  std::vector<BureauLine> out;
  for (auto& m : *movements) {
    auto stored = store_.GetPrisoner(m.prisoner_id);
    if (!stored) return stored.error();
    if (auto audited = Audit(actor, AuditAction::kPrisonerRead, Target(m.prisoner_id)); !audited)
      return audited.error();
    auto fields = OpenFields(*stored);
    if (!fields) return fields.error();
    out.push_back({std::move(m), PrisonerNumber(stored->id), std::move(*fields)});
  }
  return out;
}

Status CampService::MarkBureauNotified(const Actor& actor, std::int64_t camp_id,
                                       const std::vector<std::int64_t>& ids) {
  if (auto allowed = Require(actor, Permission::kManageCamp); !allowed) return allowed.error();
  if (auto audited = Audit(actor, AuditAction::kBureauNotified, "camp:" + std::to_string(camp_id));
      !audited)
    return audited;
  return store_.MarkMovementsReported(ids, clock_.Today());
}

}  // namespace lifeline::app
