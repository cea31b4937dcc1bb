#pragma once
// The forms a contact is known by in the keyed blind index of contacts: a telephone number's
// international form first, then the other forms older rows were stored in; a handle's
// normal form otherwise. Stored under the first; looked up under every one. The one rule
// for the office (find by contact, screening) and `lifeline import` (a record already stored).

#include <string>
#include <string_view>
#include <vector>

#include "domain/screening.hpp"
#include "text/phone_number.hpp"

namespace lifeline::app {

inline std::vector<std::string> ContactForms(std::string_view handle) {
  auto forms = text::PhoneNumberForms(handle);
  if (forms.empty()) forms.push_back(NormaliseHandle(handle));
  return forms;
}

}  // namespace lifeline::app
