// The camps' registry (store/camp_store.hpp): camps and their rules, prisoners, their
// movements and transfers, and capture cards.

#include <algorithm>

#include "store/camp_rules.hpp"
#include "store/sql/camp_sql.hpp"
#include "store/sql/sql_store.hpp"

namespace lifeline::store::sql {
namespace {

constexpr std::string_view kPrisonerSelect =
    "SELECT p.id, p.camp_id, p.case_id, p.rank, p.health, p.arrived_on, p.language, p.status, "
    "p.capture_card_sent_on, p.ephemeral_public, p.key_generation, p.wrapped_key, p.sealed_fields, "
    "COALESCE(-b.balance, 0) "
    "FROM prisoners p LEFT JOIN balances b ON b.camp_id = p.camp_id AND b.account = 'prisoner:' || "
    "p.id";

CampRecord ReadCamp(const Row& row) {
  return row.Valid(camp_rules::Decode(row.Int(0), row.Text(1), row.Text(2)),
                   "a camp's rules are malformed");
}

StoredPrisoner ReadPrisoner(const Row& row) {
  StoredPrisoner p;
  p.id = row.Int(0);
  p.camp_id = row.Int(1);
  p.case_id = row.OptionalInt(2);
  p.rank = row.Valid(camp::ParseRankCategory(row.Text(3)));
  p.health = row.Text(4);
  p.arrived_on = row.DateAt(5);
  p.language = row.Text(6);
  p.status = row.Valid(ParsePrisonerStatus(row.Text(7)));
  p.capture_card_sent_on = row.OptionalDate(8);
  p.ephemeral_public = row.Blob32At(9);
  p.key_generation = row.Int(10);
  p.wrapped_key = row.Bytes(11);
  p.sealed_fields = row.Bytes(12);
  p.balance = row.Int(13);
  return p;
}

MovementRecord ReadMovement(const Row& row) {
  return {row.Int(0),    row.Int(1),         row.Text(2),
          row.DateAt(3), row.OptionalInt(4), row.OptionalDate(5)};
}

std::int64_t InsertMovement(Session& s, const MovementRecord& m) {
  return s
      .Run(
          "INSERT INTO prisoner_movements (prisoner_id, kind, on_day, to_camp) VALUES ($1, $2, $3, "
          "$4) "
          "RETURNING id",
          Params().Add(m.prisoner_id).Add(m.kind).Add(FormatIsoDate(m.on)).Add(m.to_camp))[0]
      .Int(0);
}

}  // namespace

Result<std::int64_t> SqlStore::InsertCamp(const CampRecord& camp) {
  return Write(*sessions_, [&](Session& s) -> Result<std::int64_t> {
    return s
        .Run("INSERT INTO camps (name, rules) VALUES ($1, $2) RETURNING id",
             Params().Add(camp.name).Add(camp_rules::Encode(camp)))[0]
        .Int(0);
  });
}

Status SqlStore::UpdateCamp(const CampRecord& camp) {
  return Write(*sessions_, [&](Session& s) -> Status {
    if (s.Run("UPDATE camps SET name = $1, rules = $2 WHERE id = $3",
              Params().Add(camp.name).Add(camp_rules::Encode(camp)).Add(camp.id))
            .affected() == 0) {
      return NotFound("no such camp");
    }
    return OkStatus();
  });
}

Result<CampRecord> SqlStore::GetCamp(std::int64_t id) {
  return Read(*sessions_, [&](Session& s) -> Result<CampRecord> {
    auto rows = s.Run("SELECT id, name, rules FROM camps WHERE id = $1", Params().Add(id));
    if (rows.empty()) return NotFound("no such camp");
    return ReadCamp(rows[0]);
  });
}

Result<std::vector<CampRecord>> SqlStore::ListCamps() {
  return Read(*sessions_, [&](Session& s) -> Result<std::vector<CampRecord>> {
    std::vector<CampRecord> out;
    for (const Row& row : s.Run("SELECT id, name, rules FROM camps ORDER BY id"))
      out.push_back(ReadCamp(row));
    return out;
  });
}

Result<std::int64_t> SqlStore::InsertPrisoner(const NewPrisoner& p) {
  return Write(*sessions_, [&](Session& s) -> Result<std::int64_t> {
    Transaction tx(s);
    const std::int64_t id =
        s.Run(
             "INSERT INTO prisoners (camp_id, case_id, rank, health, arrived_on, language, status, "
             "ephemeral_public, key_generation, wrapped_key, sealed_fields) "
             "VALUES ($1, $2, $3, $4, $5, $6, 'held', $7, $8, $9, $10) RETURNING id",
             Params()
                 .Add(p.camp_id)
                 .Add(p.case_id)
                 .Add(camp::ToString(p.rank))
                 .Add(p.health)
                 .Add(FormatIsoDate(p.arrived_on))
                 .Add(p.language)
                 .AddBytes(p.ephemeral_public)
                 .Add(p.key_generation)
                 .AddBytes(p.wrapped_key)
                 .AddBytes(p.sealed_fields))[0]
            .Int(0);
    InsertMovement(s, {0, id, "arrived", p.arrived_on, p.camp_id, std::nullopt});
    tx.Commit();
    return id;
  });
}

Result<StoredPrisoner> SqlStore::GetPrisoner(std::int64_t id) {
  return Read(*sessions_, [&](Session& s) -> Result<StoredPrisoner> {
    auto rows = s.Run(std::string(kPrisonerSelect) + " WHERE p.id = $1", Params().Add(id));
    if (rows.empty()) return NotFound("no such prisoner");
    return ReadPrisoner(rows[0]);
  });
}

Result<std::vector<StoredPrisoner>> SqlStore::ListPrisoners(std::int64_t camp_id) {
  return Read(*sessions_, [&](Session& s) -> Result<std::vector<StoredPrisoner>> {
    std::vector<StoredPrisoner> out;
    for (const Row& row :
         s.Run(std::string(kPrisonerSelect) + " WHERE p.camp_id = $1 ORDER BY p.id",
               Params().Add(camp_id))) {
      out.push_back(ReadPrisoner(row));
    }
    return out;
  });
}

Result<std::int64_t> SqlStore::AddMovement(const MovementRecord& m, PrisonerStatus new_status) {
  return Write(*sessions_, [&](Session& s) -> Result<std::int64_t> {
    Transaction tx(s);
    if (s.Run("UPDATE prisoners SET status = $1 WHERE id = $2",
              Params().Add(ToString(new_status)).Add(m.prisoner_id))
            .affected() == 0) {
      return NotFound("no such prisoner");
    }
    const std::int64_t id = InsertMovement(s, m);
    tx.Commit();
    return id;
  });
}

Result<TransferOutcome> SqlStore::TransferPrisoner(const MovementRecord& m, std::int64_t at) {
  if (!m.to_camp) return InvalidInput("a transfer names another camp", "to_camp");
  const std::int64_t to = *m.to_camp;
  return Write(*sessions_, [&](Session& s) -> Result<TransferOutcome> {
    Transaction tx(s);
    // His row first (two transfers of him queue here; rows that merely refer to him, such
    // as a call being logged, do not wait), then both camps' books in id order (no deadlock
    // between transfers crossing each other); postings take one camp's books.
    auto held = s.Run(
        std::string(camp_sql::kPrisonerCamp) + std::string(s.LockRowsClause(RowLock::kUpdate)),
        Params().Add(m.prisoner_id));
    if (held.empty()) return NotFound("no such prisoner");
    const std::int64_t from = held[0].Int(0);
    if (s.Run(camp_sql::kCampExists, Params().Add(to)).empty()) return NotFound("no such camp");
    if (from == to) return Error{ErrorCode::kConflict, "he is held in that camp already"};
    s.LockCampBooks(std::min(from, to));
    s.LockCampBooks(std::max(from, to));
    const std::int64_t movement = InsertMovement(s, m);
    const std::int64_t balance = -LegSum(s, from, camp::PrisonerAccount(m.prisoner_id));
    std::optional<camp::AccountTransfer> account;
    if (balance > 0) {
      auto built = camp::TransferOfAccount(camp_sql::TransferKey(movement), m.prisoner_id, balance,
                                           from, to);
      if (!built) return built.error();
      account = std::move(*built);
      if (auto out = ApplyPosting(s, from, account->out, at); !out) return out.error();
    }
    s.Run(camp_sql::kMoveToCamp, Params().Add(to).Add(FormatIsoDate(m.on)).Add(m.prisoner_id));
    if (account) {
      if (auto in = ApplyPosting(s, to, account->in, at); !in) return in.error();
    }
    tx.Commit();
    return TransferOutcome{movement, account ? balance : 0};
  });
}

Result<std::vector<MovementRecord>> SqlStore::ListUnreportedMovements(std::int64_t camp_id) {
  return Read(*sessions_, [&](Session& s) -> Result<std::vector<MovementRecord>> {
    std::vector<MovementRecord> out;
    for (const Row& row : s.Run("SELECT m.id, m.prisoner_id, m.kind, m.on_day, m.to_camp, "
                                "m.reported_on FROM prisoner_movements m "
                                "JOIN prisoners p ON p.id = m.prisoner_id "
                                "WHERE m.reported_on IS NULL AND (p.camp_id = $1 OR m.to_camp = "
                                "$1) ORDER BY m.on_day, m.id",
                                Params().Add(camp_id))) {
      out.push_back(ReadMovement(row));
    }
    return out;
  });
}

Status SqlStore::MarkMovementsReported(const std::vector<std::int64_t>& ids, Date on) {
  return Write(*sessions_, [&](Session& s) -> Status {
    Transaction tx(s);
    for (std::int64_t id : ids) {
      s.Run("UPDATE prisoner_movements SET reported_on = $1 WHERE id = $2 AND reported_on IS NULL",
            Params().Add(FormatIsoDate(on)).Add(id));
    }
    tx.Commit();
    return OkStatus();
  });
}

Status SqlStore::MarkCaptureCardSent(std::int64_t prisoner_id, Date on) {
  return Write(*sessions_, [&](Session& s) -> Status {
    if (s.Run("UPDATE prisoners SET capture_card_sent_on = COALESCE(capture_card_sent_on, $1) "
              "WHERE id = $2",
              Params().Add(FormatIsoDate(on)).Add(prisoner_id))
            .affected() == 0) {
      return NotFound("no such prisoner");
    }
    return OkStatus();
  });
}

}  // namespace lifeline::store::sql
