#pragma once
// Mapping between the JSON API and ApplicationDraft. Strict: wrong types and unknown fields
// are refused with a message that names the field.

#include <string>
#include <string_view>

#include "domain/application.hpp"
#include "domain/result.hpp"

namespace lifeline::server {

/// Parses the body of POST /api/v1/applications (docs/api.md).
Result<ApplicationDraft> ParseApplicationJson(std::string_view body);

/// The receipt in the body of POST /api/v1/applicant/status, {"receipt": "..."}: the text as
/// sent (the receipt check reads it). kInvalidInput ("receipt") otherwise.
Result<std::string> ParseApplicantStatusJson(std::string_view body);

/// The body of POST /api/v1/applicant/messages, {"receipt": "...", "text": "..."}.
struct ApplicantMessageRequest {
  std::string receipt;
  std::string text;
};
/// kInvalidInput naming "receipt" or "text" when either is missing or not a string.
Result<ApplicantMessageRequest> ParseApplicantMessageJson(std::string_view body);

}  // namespace lifeline::server
