// The camps' registry on PostgreSQL: camps and their rules, prisoners, movements and capture
// cards (store/camp_store.hpp).

#include "store/postgres/camp_store.hpp"

#include <algorithm>

#include "store/camp_rules.hpp"
#include "store/camp_transfer_sql.hpp"
#include "store/postgres/rows.hpp"

namespace lifeline::store::postgres {
namespace {

using rows::OrCorrupt;
using rows::ReadDate;

constexpr std::string_view kPrisonerSelect =
    "SELECT p.id, p.camp_id, p.case_id, p.rank, p.health, p.arrived_on, p.language, p.status, p.capture_card_sent_on, "
    "p.ephemeral_public, p.key_generation, p.wrapped_key, p.sealed_fields, COALESCE(-b.balance, 0) "
    "FROM prisoners p LEFT JOIN balances b ON b.camp_id = p.camp_id AND b.account = 'prisoner:' || p.id";

CampRecord ReadCamp(const PgResult& r, int row) {
  auto camp = camp_rules::Decode(r.Int(row, 0), r.Text(row, 1), r.Text(row, 2));
  if (!camp) throw PgError("XX000", "a camp's rules are malformed");
  return std::move(*camp);
}

StoredPrisoner ReadPrisoner(const PgResult& r, int row) {
  StoredPrisoner p;
  p.id = r.Int(row, 0);
  p.camp_id = r.Int(row, 1);
  p.case_id = r.OptionalInt(row, 2);
  p.rank = OrCorrupt(camp::ParseRankCategory(r.Text(row, 3)));
  p.health = r.Text(row, 4);
  p.arrived_on = ReadDate(r, row, 5);
  p.language = r.Text(row, 6);
  p.status = OrCorrupt(ParsePrisonerStatus(r.Text(row, 7)));
  p.capture_card_sent_on = rows::ReadOptionalDate(r, row, 8);
  p.ephemeral_public = rows::ReadBlob32(r, row, 9);
  p.key_generation = r.Int(row, 10);
  p.wrapped_key = r.Bytes(row, 11);
  p.sealed_fields = r.Bytes(row, 12);
  p.balance = r.Int(row, 13);
  return p;
}

MovementRecord ReadMovement(const PgResult& r, int row) {
  return {r.Int(row, 0), r.Int(row, 1), r.Text(row, 2), ReadDate(r, row, 3), r.OptionalInt(row, 4),
          rows::ReadOptionalDate(r, row, 5)};
}

std::int64_t InsertMovement(PgConnection& c, const MovementRecord& m) {
  return c.Exec("INSERT INTO prisoner_movements (prisoner_id, kind, on_day, to_camp) VALUES ($1, $2, $3, $4) RETURNING id",
                Params().Add(m.prisoner_id).Add(m.kind).Add(FormatIsoDate(m.on)).Add(m.to_camp))
      .Int(0, 0);
}

}  // namespace

Result<std::int64_t> PgCampStore::InsertCamp(const CampRecord& camp) {
  return pool_.With([&](PgConnection& c) -> Result<std::int64_t> {
    return c.Exec("INSERT INTO camps (name, rules) VALUES ($1, $2) RETURNING id",
                  Params().Add(camp.name).Add(camp_rules::Encode(camp)))
        .Int(0, 0);
  });
}

Status PgCampStore::UpdateCamp(const CampRecord& camp) {
  return pool_.With([&](PgConnection& c) -> Status {
    if (c.Exec("UPDATE camps SET name = $1, rules = $2 WHERE id = $3",
               Params().Add(camp.name).Add(camp_rules::Encode(camp)).Add(camp.id))
            .affected() == 0) {
      return NotFound("no such camp");
    }
    return OkStatus();
  });
}

Result<CampRecord> PgCampStore::GetCamp(std::int64_t id) {
  return pool_.With([&](PgConnection& c) -> Result<CampRecord> {
    auto r = c.Exec("SELECT id, name, rules FROM camps WHERE id = $1", Params().Add(id));
    if (r.rows() == 0) return NotFound("no such camp");
    return ReadCamp(r, 0);
  });
}

Result<std::vector<CampRecord>> PgCampStore::ListCamps() {
  return pool_.With([&](PgConnection& c) -> Result<std::vector<CampRecord>> {
    auto r = c.Exec("SELECT id, name, rules FROM camps ORDER BY id");
    std::vector<CampRecord> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(ReadCamp(r, i));
    return out;
  });
}

Result<std::int64_t> PgCampStore::InsertPrisoner(const NewPrisoner& p) {
  return pool_.With([&](PgConnection& c) -> Result<std::int64_t> {
    PgTransaction tx(c);
    const std::int64_t id =
        c.Exec("INSERT INTO prisoners (camp_id, case_id, rank, health, arrived_on, language, status, ephemeral_public, "
               "key_generation, wrapped_key, sealed_fields) VALUES ($1, $2, $3, $4, $5, $6, 'held', $7, $8, $9, $10) "
               "RETURNING id",
               Params().Add(p.camp_id).Add(p.case_id).Add(camp::ToString(p.rank)).Add(p.health)
                   .Add(FormatIsoDate(p.arrived_on)).Add(p.language).AddBytes(p.ephemeral_public).Add(p.key_generation)
                   .AddBytes(p.wrapped_key).AddBytes(p.sealed_fields))
            .Int(0, 0);
    InsertMovement(c, {0, id, "arrived", p.arrived_on, p.camp_id, std::nullopt});
    tx.Commit();
    return id;
  });
}

Result<StoredPrisoner> PgCampStore::GetPrisoner(std::int64_t id) {
  return pool_.With([&](PgConnection& c) -> Result<StoredPrisoner> {
    auto r = c.Exec(std::string(kPrisonerSelect) + " WHERE p.id = $1", Params().Add(id));
    if (r.rows() == 0) return NotFound("no such prisoner");
    return ReadPrisoner(r, 0);
  });
}

Result<std::vector<StoredPrisoner>> PgCampStore::ListPrisoners(std::int64_t camp_id) {
  return pool_.With([&](PgConnection& c) -> Result<std::vector<StoredPrisoner>> {
    auto r = c.Exec(std::string(kPrisonerSelect) + " WHERE p.camp_id = $1 ORDER BY p.id", Params().Add(camp_id));
    std::vector<StoredPrisoner> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(ReadPrisoner(r, i));
    return out;
  });
}

Result<std::int64_t> PgCampStore::AddMovement(const MovementRecord& m, PrisonerStatus new_status) {
  return pool_.With([&](PgConnection& c) -> Result<std::int64_t> {
    PgTransaction tx(c);
    if (c.Exec("UPDATE prisoners SET status = $1 WHERE id = $2", Params().Add(ToString(new_status)).Add(m.prisoner_id))
            .affected() == 0) {
      return NotFound("no such prisoner");
    }
    const std::int64_t id = InsertMovement(c, m);
    tx.Commit();
    return id;
  });
}

Result<TransferOutcome> PgCampStore::TransferPrisoner(const MovementRecord& m, std::int64_t at) {
  namespace sql = camp_transfer_sql;
  if (!m.to_camp) return InvalidInput("a transfer names another camp", "to_camp");
  const std::int64_t to = *m.to_camp;
  return pool_.With([&](PgConnection& c) -> Result<TransferOutcome> {
    PgTransaction tx(c);
    // His row first (two transfers of him queue here; NO KEY: rows that merely refer to him,
    // such as a call being logged, do not wait), then both camps' ledgers in id order
    // (no deadlock between transfers crossing each other); postings take one camp's lock.
    auto held = c.Exec(std::string(sql::kPrisonerCamp) + " FOR NO KEY UPDATE", Params().Add(m.prisoner_id));
    if (held.rows() == 0) return NotFound("no such prisoner");
    const std::int64_t from = held.Int(0, 0);
    if (c.Exec(sql::kCampExists, Params().Add(to)).rows() == 0) return NotFound("no such camp");
    if (from == to) return Error{ErrorCode::kConflict, "he is held in that camp already"};
    LockCamp(c, std::min(from, to));
    LockCamp(c, std::max(from, to));
    const std::int64_t movement = InsertMovement(c, m);
    auto legs = c.Exec("SELECT balance FROM balances WHERE camp_id = $1 AND account = $2",
                       Params().Add(from).Add(camp::PrisonerAccount(m.prisoner_id)));
    const std::int64_t balance = legs.rows() > 0 ? -legs.Int(0, 0) : 0;
    std::optional<camp::AccountTransfer> account;
    if (balance > 0) {
      auto built = camp::TransferOfAccount(sql::TransferKey(movement), m.prisoner_id, balance, from, to);
      if (!built) return built.error();
      account = std::move(*built);
      if (auto out = ApplyPosting(c, from, account->out, at); !out) return out.error();
    }
    c.Exec(sql::kMoveToCamp, Params().Add(to).Add(FormatIsoDate(m.on)).Add(m.prisoner_id));
    if (account) {
      if (auto in = ApplyPosting(c, to, account->in, at); !in) return in.error();
    }
    tx.Commit();
    return TransferOutcome{movement, account ? balance : 0};
  });
}

Result<std::vector<MovementRecord>> PgCampStore::ListUnreportedMovements(std::int64_t camp_id) {
  return pool_.With([&](PgConnection& c) -> Result<std::vector<MovementRecord>> {
    auto r = c.Exec("SELECT m.id, m.prisoner_id, m.kind, m.on_day, m.to_camp, m.reported_on FROM prisoner_movements m "
                    "JOIN prisoners p ON p.id = m.prisoner_id WHERE m.reported_on IS NULL AND (p.camp_id = $1 OR m.to_camp = $1) "
                    "ORDER BY m.on_day, m.id",
                    Params().Add(camp_id));
    std::vector<MovementRecord> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(ReadMovement(r, i));
    return out;
  });
}

Status PgCampStore::MarkMovementsReported(const std::vector<std::int64_t>& ids, Date on) {
  return pool_.With([&](PgConnection& c) -> Status {
    PgTransaction tx(c);
    for (std::int64_t id : ids) {
      c.Exec("UPDATE prisoner_movements SET reported_on = $1 WHERE id = $2 AND reported_on IS NULL",
             Params().Add(FormatIsoDate(on)).Add(id));
    }
    tx.Commit();
    return OkStatus();
  });
}

Status PgCampStore::MarkCaptureCardSent(std::int64_t prisoner_id, Date on) {
  return pool_.With([&](PgConnection& c) -> Status {
    if (c.Exec("UPDATE prisoners SET capture_card_sent_on = COALESCE(capture_card_sent_on, $1) WHERE id = $2",
               Params().Add(FormatIsoDate(on)).Add(prisoner_id))
            .affected() == 0) {
      return NotFound("no such prisoner");
    }
    return OkStatus();
  });
}

}  // namespace lifeline::store::postgres
