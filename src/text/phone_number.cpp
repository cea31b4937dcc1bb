#include "text/phone_number.hpp"

#include <phonenumbers/phonenumberutil.h>

#include <algorithm>

namespace lifeline::text {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

std::string Digits(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c >= '0' && c <= '9') out += c;
  return out;
}

}  // namespace

std::vector<std::string> PhoneNumberForms(std::string_view text) {
  if (text.size() > 40) return {};
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  const std::string input(text);
  for (const char* region : {"RU", "UA", "BY"}) {
    PhoneNumber number;
    if (util.Parse(input, region, &number) != PhoneNumberUtil::NO_PARSING_ERROR) continue;
    if (!util.IsValidNumber(number)) continue;
    std::string international, national, significant;
    util.Format(number, PhoneNumberUtil::E164, &international);
    util.Format(number, PhoneNumberUtil::NATIONAL, &national);
    util.GetNationalSignificantNumber(number, &significant);
    std::vector<std::string> forms;
    for (const std::string& form : {Digits(international), Digits(national), significant}) {
      if (!form.empty() && std::find(forms.begin(), forms.end(), form) == forms.end())
        forms.push_back(form);
    }
    return forms;
  }
  return {};
}

}  // namespace lifeline::text
