// The HTML form decoder (application/x-www-form-urlencoded: POST /apply, /status,
// /status/message, the console's forms, and every query string): a decoded form encoded
// again decodes to the same pairs; the application form's draft validates without a crash.

#include <map>
#include <string>

#include "application_checks.hpp"
#include "server/http.hpp"
#include "server/intake/application_form.hpp"

namespace {

std::string Encode(std::string_view text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += c;
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto form = lifeline::server::ParseForm(lifeline::fuzz::AsText(data, size));
  if (!form) return 0;
  std::string encoded;
  for (const auto& [key, value] : *form) {
    if (!encoded.empty()) encoded += '&';
    encoded += Encode(key) + "=" + Encode(value);
  }
  auto again = lifeline::server::ParseForm(encoded);
  FUZZ_CHECK(again && *again == *form);
  if (auto draft = lifeline::server::DraftFromForm(*form)) {
    lifeline::fuzz::CheckValidation(*draft);
  } else {
    FUZZ_CHECK(draft.error().field == "group.size");
  }
  return 0;
}
