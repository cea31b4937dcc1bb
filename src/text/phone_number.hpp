#pragma once
// Telephone numbers as people write them: "+7 912 345-67-89", "8 (912) 345 67 89" and
// "9123456789" are one number; so are "+380 67 123 4567" and "067 123 45 67". Parsing is
// libphonenumber's (the only target that includes its headers). Thread-safe.

#include <string>
#include <string_view>
#include <vector>

namespace lifeline::text {

/// The digit strings one telephone number is commonly written as: its international form
/// without "+" first (the canonical one, "79123456789"), then the national form with the
/// trunk prefix ("89123456789") and the national number alone ("9123456789"). Numbers
/// without a country code are read as Russian, Ukrainian or Belarusian, the first that is
/// valid. Empty when `text` is not a valid telephone number.
std::vector<std::string> PhoneNumberForms(std::string_view text);

}  // namespace lifeline::text
