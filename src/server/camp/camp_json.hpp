#pragma once
// The camp's JSON (docs/api.md, "Camps"): amounts are decimal strings ("10.50"), never
// floats, and dates are YYYY-MM-DD.

#include <nlohmann/json.hpp>

#include "app/camp/camp.hpp"

namespace lifeline::server {

/// A camp from a request body: kInvalidInput naming the field. Fields left out keep
/// `base`'s values (a new camp starts from the defaults).
Result<camp::CampRecord> CampFromJson(const nlohmann::json& doc, camp::CampRecord base);
nlohmann::json CampJson(const camp::CampRecord& camp);

Result<app::PrisonerDraft> PrisonerDraftFromJson(const nlohmann::json& doc, std::int64_t camp_id);
/// Clear fields, and the sealed ones when opened.
nlohmann::json PrisonerJson(const app::Prisoner& prisoner);
nlohmann::json PrisonerFieldsJson(const app::PrisonerFields& fields);

/// A posting request: {"key", "kind", "prisoner", "days" | "amount" | "item" + "quantity" |
/// "minutes" | "reverses", "memo"}.
Result<app::LedgerRequest> LedgerRequestFromJson(const nlohmann::json& doc);
nlohmann::json StatementJson(const app::AccountStatement& statement);

}  // namespace lifeline::server
