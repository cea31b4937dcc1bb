// Pathways, partners and referrals (store/abroad_store.hpp).
#include "store/sqlite/abroad_rows.hpp"
#include "store/sqlite/abroad_store.hpp"

namespace lifeline::store::sqlite {
namespace {

using rows::ParseDate;

PathwayRecord ReadPathway(const Statement& s) {
  return {s.Int(0), s.Int(1), rows::ParseEnum<abroad::PathwayKind>(s.Text(2), abroad::ParsePathwayKind), s.Text(3),
          ParseDate(s.Text(4)), abroad_rows::DecodeSteps(s.Text(5))};
}

PartnerRecord ReadPartner(const Statement& s) {
  PartnerRecord p{s.Int(0), s.Text(1), s.Text(2), std::nullopt};
  if (auto key = s.Blob(3); !key.empty()) p.public_key = rows::ToBlob32(key);
  return p;
}

constexpr std::string_view kReferralColumns =
    "id, person_id, partner_id, fields, consent_on, consent_how, created_at, created_by";

ReferralRecord ReadReferral(const Statement& s) {
  return {s.Int(0), s.Int(1), s.Int(2), abroad_rows::Split(s.Text(3)), ParseDate(s.Text(4)), s.Text(5), s.Int(6),
          s.Int(7), {}};
}

}  // namespace

Result<std::int64_t> SqliteAbroadStore::InsertPathway(const PathwayRecord& p) {
  return db_.Write([&](Connection& c) -> Result<std::int64_t> {
    auto known = c.Prepare("SELECT 1 FROM people_abroad WHERE id = ?");
    known.Bind(1, p.person_id);
    if (!known.Step()) return NotFound("no such person");
    known.Reset();
    auto s = c.Prepare(
        "INSERT INTO abroad_pathways (person_id, kind, target_country, opened_on, steps) VALUES (?, ?, ?, ?, ?)");
    s.Bind(1, p.person_id).Bind(2, abroad::ToString(p.kind)).Bind(3, p.target_country).Bind(4, FormatIsoDate(p.opened_on));
    s.Bind(5, abroad_rows::EncodeSteps(p.steps));
    s.Step();
    return c.LastInsertId();
  });
}

Result<PathwayRecord> SqliteAbroadStore::GetPathway(std::int64_t id) {
  return db_.WithReader([&](Connection& c) -> Result<PathwayRecord> {
    auto s = c.Prepare("SELECT id, person_id, kind, target_country, opened_on, steps FROM abroad_pathways WHERE id = ?");
    s.Bind(1, id);
    if (!s.Step()) return NotFound("no such pathway");
    return ReadPathway(s);
  });
}

Result<std::vector<PathwayRecord>> SqliteAbroadStore::ListPathways(std::int64_t person_id) {
  return db_.WithReader([&](Connection& c) -> Result<std::vector<PathwayRecord>> {
    auto s = c.Prepare(
        "SELECT id, person_id, kind, target_country, opened_on, steps FROM abroad_pathways WHERE person_id = ? ORDER BY id");
    s.Bind(1, person_id);
    std::vector<PathwayRecord> out;
    while (s.Step()) out.push_back(ReadPathway(s));
    return out;
  });
}

// Read and written in one write transaction, so two caseworkers ticking different steps at
// once both keep their tick.
Status SqliteAbroadStore::SetPathwayStep(std::int64_t pathway_id, std::size_t step, abroad::StepStatus status) {
  return db_.Write([&](Connection& c) -> Status {
    Transaction tx(c);
    auto read = c.Prepare("SELECT steps FROM abroad_pathways WHERE id = ?");
    read.Bind(1, pathway_id);
    if (!read.Step()) return NotFound("no such pathway");
    auto steps = abroad_rows::DecodeSteps(read.Text(0));
    read.Reset();
    if (step >= steps.size()) return NotFound("no such step");
    steps[step] = status;
    auto write = c.Prepare("UPDATE abroad_pathways SET steps = ? WHERE id = ?");
    write.Bind(1, abroad_rows::EncodeSteps(steps)).Bind(2, pathway_id);
    write.Step();
    tx.Commit();
    return OkStatus();
  });
}

Result<std::int64_t> SqliteAbroadStore::InsertPartner(const PartnerRecord& p) {
  return db_.Write([&](Connection& c) -> Result<std::int64_t> {
    auto s = c.Prepare("INSERT INTO abroad_partners (name, kind, public_key) VALUES (?, ?, ?)");
    s.Bind(1, p.name).Bind(2, p.kind);
    if (p.public_key) s.Bind(3, *p.public_key);
    s.Step();
    return c.LastInsertId();
  });
}

Result<PartnerRecord> SqliteAbroadStore::GetPartner(std::int64_t id) {
  return db_.WithReader([&](Connection& c) -> Result<PartnerRecord> {
    auto s = c.Prepare("SELECT id, name, kind, public_key FROM abroad_partners WHERE id = ?");
    s.Bind(1, id);
    if (!s.Step()) return NotFound("no such partner");
    return ReadPartner(s);
  });
}

Result<std::vector<PartnerRecord>> SqliteAbroadStore::ListPartners() {
  return db_.WithReader([&](Connection& c) -> Result<std::vector<PartnerRecord>> {
    auto s = c.Prepare("SELECT id, name, kind, public_key FROM abroad_partners ORDER BY name");
    std::vector<PartnerRecord> out;
    while (s.Step()) out.push_back(ReadPartner(s));
    return out;
  });
}

Result<std::int64_t> SqliteAbroadStore::InsertReferral(const ReferralRecord& r) {
  return db_.Write([&](Connection& c) -> Result<std::int64_t> {
    auto s = c.Prepare(
        "INSERT INTO abroad_referrals (person_id, partner_id, fields, consent_on, consent_how, created_at, created_by, "
        "package) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    s.Bind(1, r.person_id).Bind(2, r.partner_id).Bind(3, abroad_rows::Join(r.fields)).Bind(4, FormatIsoDate(r.consent_on));
    s.Bind(5, r.consent_how).Bind(6, r.created_at).Bind(7, r.created_by).Bind(8, r.package);
    s.Step();
    return c.LastInsertId();
  });
}

Result<ReferralRecord> SqliteAbroadStore::GetReferral(std::int64_t id) {
  return db_.WithReader([&](Connection& c) -> Result<ReferralRecord> {
    auto s = c.Prepare("SELECT " + std::string(kReferralColumns) + ", package FROM abroad_referrals WHERE id = ?");
    s.Bind(1, id);
    if (!s.Step()) return NotFound("no such referral");
    ReferralRecord r = ReadReferral(s);
    r.package = s.Blob(8);
    return r;
  });
}

Result<std::vector<ReferralRecord>> SqliteAbroadStore::ListReferrals(std::int64_t person_id) {
  return db_.WithReader([&](Connection& c) -> Result<std::vector<ReferralRecord>> {
    auto s = c.Prepare("SELECT " + std::string(kReferralColumns) + " FROM abroad_referrals WHERE person_id = ? ORDER BY id");
    s.Bind(1, person_id);
    std::vector<ReferralRecord> out;
    while (s.Step()) out.push_back(ReadReferral(s));
    return out;
  });
}

}  // namespace lifeline::store::sqlite
