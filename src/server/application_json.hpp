#pragma once
// Mapping between the JSON API and ApplicationDraft. Strict: wrong types and unknown fields
// are refused with a message that names the field.

#include <string_view>

#include "domain/application.hpp"
#include "domain/result.hpp"

namespace lifeline::server {

/// Parses the body of POST /api/v1/applications (docs/api.md).
Result<ApplicationDraft> ParseApplicationJson(std::string_view body);

}  // namespace lifeline::server
