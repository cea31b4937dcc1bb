#pragma once
// The public legal-information page (/legal): the penalties at home and what asylum law says
// about deserters, with sources. Russian first; English with ?lang=en. Facts only, from
// domain/abroad/penalty.hpp and domain/abroad/legal_info.hpp.

#include <string>

#include "domain/application.hpp"

namespace lifeline::server {

std::string LegalInformationPage(Language language);

}  // namespace lifeline::server
