// Pathways, partners and referrals for people abroad (store/abroad_store.hpp).

#include "store/abroad_lists.hpp"
#include "store/sql/abroad_store.hpp"

namespace lifeline::store::sql {
namespace {

constexpr std::string_view kReferralColumns =
    "id, person_id, partner_id, fields, consent_on, consent_how, created_at, created_by";

PathwayRecord ReadPathway(const Row& row) {
  return {row.Int(0),  row.Int(1),    row.Valid(abroad::ParsePathwayKind(row.Text(2))),
          row.Text(3), row.DateAt(4), row.Valid(abroad_lists::DecodeSteps(row.Text(5)))};
}

PartnerRecord ReadPartner(const Row& row) {
  PartnerRecord p{row.Int(0), row.Text(1), row.Text(2), std::nullopt};
  if (!row.IsNull(3)) p.public_key = row.Blob32At(3);
  return p;
}

ReferralRecord ReadReferral(const Row& row) {
  return {row.Int(0),
          row.Int(1),
          row.Int(2),
          abroad_lists::Split(row.Text(3)),
          row.DateAt(4),
          row.Text(5),
          row.Int(6),
          row.Int(7),
          {}};
}

}  // namespace

Result<std::int64_t> SqlAbroadStore::InsertPathway(const PathwayRecord& p) {
  return Write(db_, [&](Session& s) -> Result<std::int64_t> {
    if (!PersonAbroadExists(s, p.person_id)) return NotFound("no such person");
    return s
        .Run(
            "INSERT INTO abroad_pathways (person_id, kind, target_country, opened_on, steps) "
            "VALUES ($1, $2, $3, $4, $5) RETURNING id",
            Params()
                .Add(p.person_id)
                .Add(abroad::ToString(p.kind))
                .Add(p.target_country)
                .Add(FormatIsoDate(p.opened_on))
                .Add(abroad_lists::EncodeSteps(p.steps)))[0]
        .Int(0);
  });
}

Result<PathwayRecord> SqlAbroadStore::GetPathway(std::int64_t id) {
  return Read(db_, [&](Session& s) -> Result<PathwayRecord> {
    auto rows = s.Run(
        "SELECT id, person_id, kind, target_country, opened_on, steps FROM abroad_pathways WHERE "
        "id = $1",
        Params().Add(id));
    if (rows.empty()) return NotFound("no such pathway");
    return ReadPathway(rows[0]);
  });
}

Result<std::vector<PathwayRecord>> SqlAbroadStore::ListPathways(std::int64_t person_id) {
  return Read(db_, [&](Session& s) -> Result<std::vector<PathwayRecord>> {
    std::vector<PathwayRecord> out;
    for (const Row& row :
         s.Run("SELECT id, person_id, kind, target_country, opened_on, steps FROM abroad_pathways "
               "WHERE person_id = $1 ORDER BY id",
               Params().Add(person_id))) {
      out.push_back(ReadPathway(row));
    }
    return out;
  });
}

// The row is locked while its list is read and written, so that two caseworkers ticking
// different steps at once both keep their tick.
Status SqlAbroadStore::SetPathwayStep(std::int64_t pathway_id, std::size_t step,
                                      abroad::StepStatus status) {
  return Write(db_, [&](Session& s) -> Status {
    Transaction tx(s);
    auto rows = s.Run("SELECT steps FROM abroad_pathways WHERE id = $1" +
                          std::string(s.LockRowsClause(RowLock::kUpdate)),
                      Params().Add(pathway_id));
    if (rows.empty()) return NotFound("no such pathway");
    auto steps = rows[0].Valid(abroad_lists::DecodeSteps(rows[0].Text(0)));
    if (step >= steps.size()) return NotFound("no such step");
    steps[step] = status;
    s.Run("UPDATE abroad_pathways SET steps = $1 WHERE id = $2",
          Params().Add(abroad_lists::EncodeSteps(steps)).Add(pathway_id));
    tx.Commit();
    return OkStatus();
  });
}

Result<std::int64_t> SqlAbroadStore::InsertPartner(const PartnerRecord& p) {
  return Write(db_, [&](Session& s) -> Result<std::int64_t> {
    Params params;
    params.Add(p.name).Add(p.kind);
    if (p.public_key) {
      params.AddBytes(*p.public_key);
    } else {
      params.AddNull();
    }
    return s
        .Run(
            "INSERT INTO abroad_partners (name, kind, public_key) VALUES ($1, $2, $3) RETURNING id",
            params)[0]
        .Int(0);
  });
}

Result<PartnerRecord> SqlAbroadStore::GetPartner(std::int64_t id) {
  return Read(db_, [&](Session& s) -> Result<PartnerRecord> {
    auto rows = s.Run("SELECT id, name, kind, public_key FROM abroad_partners WHERE id = $1",
                      Params().Add(id));
    if (rows.empty()) return NotFound("no such partner");
    return ReadPartner(rows[0]);
  });
}

Result<std::vector<PartnerRecord>> SqlAbroadStore::ListPartners() {
  return Read(db_, [&](Session& s) -> Result<std::vector<PartnerRecord>> {
    std::vector<PartnerRecord> out;
    for (const Row& row :
         s.Run("SELECT id, name, kind, public_key FROM abroad_partners ORDER BY name")) {
      out.push_back(ReadPartner(row));
    }
    return out;
  });
}

Result<std::int64_t> SqlAbroadStore::InsertReferral(const ReferralRecord& r) {
  return Write(db_, [&](Session& s) -> Result<std::int64_t> {
    return s
        .Run(
            "INSERT INTO abroad_referrals (person_id, partner_id, fields, consent_on, consent_how, "
            "created_at, "
            "created_by, package) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
            Params()
                .Add(r.person_id)
                .Add(r.partner_id)
                .Add(abroad_lists::Join(r.fields))
                .Add(FormatIsoDate(r.consent_on))
                .Add(r.consent_how)
                .Add(r.created_at)
                .Add(r.created_by)
                .AddBytes(r.package))[0]
        .Int(0);
  });
}

Result<ReferralRecord> SqlAbroadStore::GetReferral(std::int64_t id) {
  return Read(db_, [&](Session& s) -> Result<ReferralRecord> {
    auto rows = s.Run(
        "SELECT " + std::string(kReferralColumns) + ", package FROM abroad_referrals WHERE id = $1",
        Params().Add(id));
    if (rows.empty()) return NotFound("no such referral");
    ReferralRecord referral = ReadReferral(rows[0]);
    referral.package = rows[0].Bytes(8);
    return referral;
  });
}

Result<std::vector<ReferralRecord>> SqlAbroadStore::ListReferrals(std::int64_t person_id) {
  return Read(db_, [&](Session& s) -> Result<std::vector<ReferralRecord>> {
    std::vector<ReferralRecord> out;
    for (const Row& row : s.Run("SELECT " + std::string(kReferralColumns) +
                                    " FROM abroad_referrals WHERE person_id = $1 ORDER BY id",
                                Params().Add(person_id))) {
      out.push_back(ReadReferral(row));
    }
    return out;
  });
}

}  // namespace lifeline::store::sql
