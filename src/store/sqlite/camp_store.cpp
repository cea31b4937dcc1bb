#include "store/sqlite/camp_store.hpp"

#include <array>

#include "store/camp_rules.hpp"
#include "store/camp_transfer_sql.hpp"
#include "store/sqlite/ledger_rows.hpp"
#include "store/sqlite/rows.hpp"

namespace lifeline::store {

namespace sqlite {
namespace {

using rows::ParseDate;

std::string EncodeRules(const CampRecord& c) { return camp_rules::Encode(c); }

CampRecord DecodeCamp(std::int64_t id, std::string name, const std::string& rules) {
  auto camp = camp_rules::Decode(id, std::move(name), rules);
  if (!camp) throw SqliteError(SQLITE_CORRUPT, "a camp's rules are malformed");
  return std::move(*camp);
}

constexpr std::string_view kPrisonerColumns =
    "p.id, p.camp_id, p.case_id, p.rank, p.health, p.arrived_on, p.language, p.status, p.capture_card_sent_on, "
    "p.ephemeral_public, p.key_generation, p.wrapped_key, p.sealed_fields, COALESCE(-b.balance, 0)";
constexpr std::string_view kPrisonerFrom =
    " FROM prisoners p LEFT JOIN balances b ON b.camp_id = p.camp_id AND b.account = 'prisoner:' || p.id";

StoredPrisoner ReadPrisoner(const Statement& s) {
  StoredPrisoner p;
  p.id = s.Int(0);
  p.camp_id = s.Int(1);
  p.case_id = s.OptionalInt(2);
  p.rank = rows::ParseEnum<camp::RankCategory>(s.Text(3), camp::ParseRankCategory);
  p.health = s.Text(4);
  p.arrived_on = ParseDate(s.Text(5));
  p.language = s.Text(6);
  p.status = rows::ParseEnum<PrisonerStatus>(s.Text(7), ParsePrisonerStatus);
  if (auto sent = s.OptionalText(8)) p.capture_card_sent_on = ParseDate(*sent);
  p.ephemeral_public = rows::ToBlob32(s.Blob(9));
  p.key_generation = s.Int(10);
  p.wrapped_key = s.Blob(11);
  p.sealed_fields = s.Blob(12);
  p.balance = s.Int(13);
  return p;
}

MovementRecord ReadMovement(const Statement& s) {
  MovementRecord m{s.Int(0), s.Int(1), s.Text(2), ParseDate(s.Text(3)), s.OptionalInt(4), std::nullopt};
  if (auto reported = s.OptionalText(5)) m.reported_on = ParseDate(*reported);
  return m;
}

void InsertMovement(Connection& c, const MovementRecord& m) {
  auto s = c.Prepare("INSERT INTO prisoner_movements (prisoner_id, kind, on_day, to_camp) VALUES (?, ?, ?, ?)");
  s.Bind(1, m.prisoner_id).Bind(2, m.kind).Bind(3, FormatIsoDate(m.on));
  if (m.to_camp) s.Bind(4, *m.to_camp);
  s.Step();
}

}  // namespace

Result<std::int64_t> SqliteCampStore::InsertCamp(const CampRecord& camp) {
  return db_.Write([&](Connection& c) -> Result<std::int64_t> {
    auto s = c.Prepare("INSERT INTO camps (name, rules) VALUES (?, ?)");
    s.Bind(1, camp.name).Bind(2, EncodeRules(camp));
    s.Step();
    return sqlite3_last_insert_rowid(c.raw());
  });
}

Status SqliteCampStore::UpdateCamp(const CampRecord& camp) {
  return db_.Write([&](Connection& c) -> Status {
    auto s = c.Prepare("UPDATE camps SET name = ?, rules = ? WHERE id = ?");
    s.Bind(1, camp.name).Bind(2, EncodeRules(camp)).Bind(3, camp.id);
    s.Step();
    if (sqlite3_changes(c.raw()) == 0) return NotFound("no such camp");
    return OkStatus();
  });
}

Result<CampRecord> SqliteCampStore::GetCamp(std::int64_t id) {
  return db_.WithReader([&](Connection& c) -> Result<CampRecord> {
    auto s = c.Prepare("SELECT name, rules FROM camps WHERE id = ?");
    s.Bind(1, id);
    if (!s.Step()) return NotFound("no such camp");
    return DecodeCamp(id, s.Text(0), s.Text(1));
  });
}

Result<std::vector<CampRecord>> SqliteCampStore::ListCamps() {
  return db_.WithReader([&](Connection& c) -> Result<std::vector<CampRecord>> {
    auto s = c.Prepare("SELECT id, name, rules FROM camps ORDER BY id");
    std::vector<CampRecord> out;
    while (s.Step()) out.push_back(DecodeCamp(s.Int(0), s.Text(1), s.Text(2)));
    return out;
  });
}

Result<std::int64_t> SqliteCampStore::InsertPrisoner(const NewPrisoner& p) {
  return db_.Write([&](Connection& c) -> Result<std::int64_t> {
    Transaction tx(c);
    auto s = c.Prepare(
        "INSERT INTO prisoners (camp_id, case_id, rank, health, arrived_on, language, status, ephemeral_public, "
        "key_generation, wrapped_key, sealed_fields) VALUES (?, ?, ?, ?, ?, ?, 'held', ?, ?, ?, ?)");
    s.Bind(1, p.camp_id).Bind(3, camp::ToString(p.rank)).Bind(4, p.health).Bind(5, FormatIsoDate(p.arrived_on));
    if (p.case_id) s.Bind(2, *p.case_id);
    s.Bind(6, p.language).Bind(7, p.ephemeral_public).Bind(8, p.key_generation).Bind(9, p.wrapped_key).Bind(10, p.sealed_fields);
    s.Step();
    const std::int64_t id = sqlite3_last_insert_rowid(c.raw());
    InsertMovement(c, {0, id, "arrived", p.arrived_on, p.camp_id, std::nullopt});
    tx.Commit();
    return id;
  });
}

Result<StoredPrisoner> SqliteCampStore::GetPrisoner(std::int64_t id) {
  return db_.WithReader([&](Connection& c) -> Result<StoredPrisoner> {
    auto s = c.Prepare("SELECT " + std::string(kPrisonerColumns) + std::string(kPrisonerFrom) + " WHERE p.id = ?");
    s.Bind(1, id);
    if (!s.Step()) return NotFound("no such prisoner");
    return ReadPrisoner(s);
  });
}

Result<std::vector<StoredPrisoner>> SqliteCampStore::ListPrisoners(std::int64_t camp_id) {
  return db_.WithReader([&](Connection& c) -> Result<std::vector<StoredPrisoner>> {
    auto s = c.Prepare("SELECT " + std::string(kPrisonerColumns) + std::string(kPrisonerFrom) +
                       " WHERE p.camp_id = ? ORDER BY p.id");
    s.Bind(1, camp_id);
    std::vector<StoredPrisoner> out;
    while (s.Step()) out.push_back(ReadPrisoner(s));
    return out;
  });
}

Result<std::int64_t> SqliteCampStore::AddMovement(const MovementRecord& m, PrisonerStatus new_status) {
  return db_.Write([&](Connection& c) -> Result<std::int64_t> {
    Transaction tx(c);
    auto update = c.Prepare("UPDATE prisoners SET status = ? WHERE id = ?");
    update.Bind(1, ToString(new_status)).Bind(2, m.prisoner_id);
    update.Step();
    if (sqlite3_changes(c.raw()) == 0) return NotFound("no such prisoner");
    InsertMovement(c, m);
    const std::int64_t id = sqlite3_last_insert_rowid(c.raw());
    tx.Commit();
    return id;
  });
}

Result<TransferOutcome> SqliteCampStore::TransferPrisoner(const MovementRecord& m, std::int64_t at) {
  namespace sql = camp_transfer_sql;
  if (!m.to_camp) return InvalidInput("a transfer names another camp", "to_camp");
  const std::int64_t to = *m.to_camp;
  return db_.Write([&](Connection& c) -> Result<TransferOutcome> {
    Transaction tx(c);  // the writer lock: no posting for him can come between
    std::int64_t from = 0;
    {
      auto held = c.Prepare(sql::kPrisonerCamp);
      held.Bind(1, m.prisoner_id);
      if (!held.Step()) return NotFound("no such prisoner");
      from = held.Int(0);
      auto camp = c.Prepare(sql::kCampExists);
      camp.Bind(1, to);
      if (!camp.Step()) return NotFound("no such camp");
    }
    if (from == to) return Error{ErrorCode::kConflict, "he is held in that camp already"};
    InsertMovement(c, m);
    const std::int64_t movement = sqlite3_last_insert_rowid(c.raw());
    const std::int64_t balance = -SelectLegSum(c, from, camp::PrisonerAccount(m.prisoner_id));
    std::optional<camp::AccountTransfer> account;
    if (balance > 0) {
      auto built = camp::TransferOfAccount(sql::TransferKey(movement), m.prisoner_id, balance, from, to);
      if (!built) return built.error();
      account = std::move(*built);
      if (auto out = ApplyPostingInTransaction(c, from, account->out, at); !out) return out.error();
    }
    auto move = c.Prepare(sql::kMoveToCamp);
    move.Bind(1, to).Bind(2, FormatIsoDate(m.on)).Bind(3, m.prisoner_id);
    move.Step();
    if (account) {
      if (auto in = ApplyPostingInTransaction(c, to, account->in, at); !in) return in.error();
    }
    tx.Commit();
    return TransferOutcome{movement, account ? balance : 0};
  });
}

Result<std::vector<MovementRecord>> SqliteCampStore::ListUnreportedMovements(std::int64_t camp_id) {
  return db_.WithReader([&](Connection& c) -> Result<std::vector<MovementRecord>> {
    auto s = c.Prepare(
        "SELECT m.id, m.prisoner_id, m.kind, m.on_day, m.to_camp, m.reported_on FROM prisoner_movements m "
        "JOIN prisoners p ON p.id = m.prisoner_id WHERE m.reported_on IS NULL AND (p.camp_id = ? OR m.to_camp = ?) "
        "ORDER BY m.on_day, m.id");
    s.Bind(1, camp_id).Bind(2, camp_id);
    std::vector<MovementRecord> out;
    while (s.Step()) out.push_back(ReadMovement(s));
    return out;
  });
}

Status SqliteCampStore::MarkMovementsReported(const std::vector<std::int64_t>& ids, Date on) {
  return db_.Write([&](Connection& c) -> Status {
    Transaction tx(c);
    auto s = c.Prepare("UPDATE prisoner_movements SET reported_on = ? WHERE id = ? AND reported_on IS NULL");
    for (std::int64_t id : ids) {
      s.Reset();
      s.Bind(1, FormatIsoDate(on)).Bind(2, id);
      s.Step();
    }
    tx.Commit();
    return OkStatus();
  });
}

Status SqliteCampStore::MarkCaptureCardSent(std::int64_t prisoner_id, Date on) {
  return db_.Write([&](Connection& c) -> Status {
    auto s = c.Prepare("UPDATE prisoners SET capture_card_sent_on = COALESCE(capture_card_sent_on, ?) WHERE id = ?");
    s.Bind(1, FormatIsoDate(on)).Bind(2, prisoner_id);
    s.Step();
    if (sqlite3_changes(c.raw()) == 0) return NotFound("no such prisoner");
    return OkStatus();
  });
}

Result<PostOutcome> SqliteCampStore::Post(std::int64_t camp_id, const camp::Posting& posting, std::int64_t at) {
  return db_.Write([&](Connection& c) { return ApplyPosting(c, camp_id, posting, at); });
}

Result<StoredPosting> SqliteCampStore::GetPosting(std::int64_t camp_id, std::int64_t id) {
  return db_.WithReader([&](Connection& c) { return SelectPosting(c, camp_id, id); });
}

Result<std::int64_t> SqliteCampStore::Balance(std::int64_t camp_id, const std::string& account) {
  return db_.WithReader([&](Connection& c) -> Result<std::int64_t> {
    const std::int64_t legs = SelectLegSum(c, camp_id, account);
    return camp::PrisonerOf(account) ? -legs : legs;
  });
}

Result<std::pair<std::int64_t, std::vector<AccountEntry>>> SqliteCampStore::AccountStatement(std::int64_t camp_id,
                                                                                       const std::string& account,
                                                                                       std::int64_t from, std::int64_t to) {
  return db_.WithReader([&](Connection& c) -> Result<std::pair<std::int64_t, std::vector<AccountEntry>>> {
    auto out = SelectAccountLegs(c, camp_id, account, from, to);
    if (camp::PrisonerOf(account)) {
      out.first = -out.first;
      for (auto& e : out.second) e.change = -e.change;
    }
    return out;
  });
}

Result<LedgerCheckReport> SqliteCampStore::CheckLedger() {
  return db_.WithReader([&](Connection& c) -> Result<LedgerCheckReport> { return CheckAllBooks(c); });
}

}  // namespace sqlite
}  // namespace lifeline::store
