#pragma once
// A person abroad's fields as the API takes and gives them (and a referral's package shares
// them). What is sealed and stored is another document, app/abroad/abroad_record.hpp, so that this
// one may change with the API.

#include <nlohmann/json.hpp>
#include <string_view>

#include "app/abroad/abroad.hpp"

namespace lifeline::app {

nlohmann::json ToJson(const PersonAbroadFields& fields);
/// kInvalidInput naming the field for a value of the wrong type or an unknown document kind.
Result<PersonAbroadFields> PersonFieldsFromJson(const nlohmann::json& doc);

}  // namespace lifeline::app
