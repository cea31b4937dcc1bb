#pragma once
// Mapping between the no-JavaScript application form (POST /apply, decoded by ParseForm) and
// ApplicationDraft. Every field arrives as text; validation is ValidateApplication's.

#include <map>
#include <string>

#include "domain/application.hpp"
#include "domain/result.hpp"

namespace lifeline::server {

/// The first value of `key` in a decoded form, or empty.
std::string FormValue(const std::multimap<std::string, std::string>& form, const std::string& key);

/// The draft the form describes. Safe windows come as one line separated by semicolons.
/// kInvalidInput ("group.size") when group_size is not a whole number of up to 9 digits.
Result<ApplicationDraft> DraftFromForm(const std::multimap<std::string, std::string>& form);

}  // namespace lifeline::server
