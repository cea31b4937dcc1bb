// What Kamailio passes on from a caller's INVITE (domain/contact_centre/sip_hints.hpp): the
// Priority and Accept-Language headers, and the Call-ID the contact centre keys calls by.

#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cctype>

#include "domain/contact_centre/sip_hints.hpp"
#include "fuzz_check.hpp"

using namespace lifeline;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  const std::string priority = in.ConsumeRandomLengthString(32);
  const std::string call = in.ConsumeRandomLengthString(256);
  const std::string accept_language = in.ConsumeRemainingBytesAsString();

  const int p = contact_centre::PriorityFromSipPriority(priority);
  FUZZ_CHECK(p == 0 || p == contact_centre::kUrgentPriority ||
             p == contact_centre::kEmergencyPriority);

  if (auto language = contact_centre::LanguageFromAcceptLanguage(accept_language)) {
    std::string lower = accept_language;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    FUZZ_CHECK(lower.find(ToString(*language)) != std::string::npos);
  }

  if (contact_centre::IsValidCallId(call)) {
    FUZZ_CHECK(!call.empty() && call.size() <= 200);
    FUZZ_CHECK(
        std::all_of(call.begin(), call.end(), [](unsigned char c) { return std::isgraph(c); }));
  }
  return 0;
}
