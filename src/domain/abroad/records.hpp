#pragma once
// What help abroad keeps (docs/abroad.md): each person's sealed record with the clear fields
// the risk board needs, countries' stay rules, pathways' checklists, partner organisations
// and referrals to them.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/abroad/pathway.hpp"
#include "domain/abroad/person.hpp"
#include "domain/abroad/stay.hpp"
#include "domain/record_values.hpp"

namespace lifeline::abroad {

/// A person abroad: clear fields (what the board shows: never a name or a place) and his
/// sealed record (name, contact, country, city, stays, documents, cases at home, family).
struct PersonAbroadRecord {
  std::int64_t id = 0;
  std::optional<std::int64_t> case_id;  // the hotline case he came from, if any
  abroad::WantedStatus wanted = abroad::WantedStatus::kNoneKnown;
  std::vector<abroad::Need> needs;
  std::int64_t updated_at = 0;  // seconds since the epoch
  Blob32 ephemeral_public{};
  std::int64_t key_generation = 1;
  Blob wrapped_key;
  Blob sealed_fields;
};

/// A country's visa-free stay rule, as a caseworker keeps it.
struct CountryRecord {
  std::string code;  // ISO 3166-1 alpha-2, upper case: "KZ"
  std::string name;  // in English: "Kazakhstan"
  abroad::StayRule rule;
  std::string note;  // e.g. "internal passport accepted"
};

struct PathwayRecord {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  abroad::PathwayKind kind = abroad::PathwayKind::kAsylum;
  std::string target_country;  // for the visas; empty otherwise
  Date opened_on;
  std::vector<abroad::StepStatus> steps;  // one per abroad::PathwaySteps(kind), in order
};

struct PartnerRecord {
  std::int64_t id = 0;
  std::string name;                  // an organisation, never a person
  std::string kind;                  // lawyers, shelter, ngo
  std::optional<Blob32> public_key;  // X25519; referrals need it
};

struct ReferralRecord {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::int64_t partner_id = 0;
  std::vector<std::string> fields;  // exactly what the person agreed to share
  Date consent_on;
  std::string consent_how;  // "in_person", "written", "message", "call"
  std::int64_t created_at = 0;
  std::int64_t created_by = 0;  // user id
  Blob package;                 // sealed to the partner's public key
};

}  // namespace lifeline::abroad
