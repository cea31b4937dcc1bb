#pragma once
// A person abroad's sealed fields as JSON: what is sealed, and what the API takes and gives.

#include <nlohmann/json.hpp>
#include <string_view>

#include "app/abroad.hpp"

namespace lifeline::app {

nlohmann::json ToJson(const PersonAbroadFields& fields);
/// kInvalidInput naming the field for a value of the wrong type or an unknown document kind.
Result<PersonAbroadFields> PersonFieldsFromJson(const nlohmann::json& doc);
/// As above from text; kInternal if it is not a JSON object (a sealed record is always one).
Result<PersonAbroadFields> PersonFieldsFromJson(std::string_view text);

}  // namespace lifeline::app
