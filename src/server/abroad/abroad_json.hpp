#pragma once
// Help abroad's JSON (docs/api.md, "Abroad"): what the API takes and gives.

#include <nlohmann/json.hpp>

#include "app/abroad/abroad.hpp"

namespace lifeline::server {

/// {"wanted": "interstate_list", "needs": ["legal"], "fields": {"name": …}}; kInvalidInput
/// naming the field for a wrong type or an unknown word.
Result<app::PersonAbroadDraft> PersonDraftFromJson(const nlohmann::json& doc);
nlohmann::json PersonJson(const app::PersonAbroad& person);
nlohmann::json BoardLineJson(const app::BoardLine& line);
nlohmann::json ProceedingJson(const app::ProceedingView& view);
/// With each step's code, label, status, and the steps still open.
nlohmann::json PathwayJson(const abroad::PathwayRecord& pathway);
nlohmann::json CountryJson(const abroad::CountryRecord& country);
/// Whether a key is registered, never the key itself.
nlohmann::json PartnerJson(const abroad::PartnerRecord& partner);
nlohmann::json ReferralJson(const abroad::ReferralRecord& referral);
nlohmann::json LeadTimesJson(const abroad::LeadTimes& lead);
/// {"appeal_deadline": 10, …}: the kinds given replace `base`'s.
Result<abroad::LeadTimes> LeadTimesFromJson(const nlohmann::json& doc, abroad::LeadTimes base);

}  // namespace lifeline::server
