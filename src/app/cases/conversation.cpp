#include "app/cases/conversation.hpp"

#include "domain/utf8.hpp"

namespace lifeline::app {

Status CheckMessageText(std::string_view text, const char* field) {
  if (text.empty() || !IsValidUtf8(text) || HasControlCharacters(text) ||
      CountCodePoints(text) > kMaxMessageCharacters) {
    return InvalidInput("a message must be between 1 and 2000 characters of text", field);
  }
  return OkStatus();
}

std::string ApplicantMessageAssociated(std::int64_t case_id) {
  return "lifeline/applicant-message/v1|case:" + std::to_string(case_id);
}

}  // namespace lifeline::app
