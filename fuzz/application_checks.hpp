#pragma once
// Properties of a draft that any body or form gave: validation never crashes, and what it
// accepts keeps the documented limits (domain/application.hpp).

#include <chrono>

#include "domain/application.hpp"
#include "domain/contact_window.hpp"
#include "domain/safe_window.hpp"
#include "domain/utf8.hpp"
#include "fuzz_check.hpp"

namespace lifeline::fuzz {

inline void CheckValidation(const ApplicationDraft& draft) {
  using namespace std::chrono;
  using L = ApplicationLimits;
  const year_month_day today{year{2026}, month{3}, day{15}};
  auto valid = ValidateApplication(draft, today);
  if (!valid) {
    FUZZ_CHECK(valid.error().code == ErrorCode::kInvalidInput && !valid.error().message.empty());
    return;
  }
  const IdentifyingFields& id = valid->identifying;
  for (const std::string* text : {&id.name, &id.unit, &id.location}) {
    FUZZ_CHECK(IsValidUtf8(*text) && CountCodePoints(*text) <= L::kShortText);
  }
  FUZZ_CHECK(IsValidUtf8(id.rank) && CountCodePoints(id.rank) <= L::kRank);
  FUZZ_CHECK(IsValidUtf8(id.contact_handle) && CountCodePoints(id.contact_handle) <= L::kHandle);
  FUZZ_CHECK(IsValidUtf8(id.message) && CountCodePoints(id.message) <= L::kMessage);
  FUZZ_CHECK(id.safe_windows.size() <= L::kSafeWindows);
  for (const SafeWindow& w : id.safe_windows) {
    auto again = ParseSafeWindow(FormatSafeWindow(w));
    FUZZ_CHECK(again && *again == w);
  }
  FUZZ_CHECK(id.utc_offset_minutes >= -12 * 60 && id.utc_offset_minutes <= 14 * 60);
  FUZZ_CHECK(valid->clear.group_size >= 1);
  if (valid->clear.deploy_by) FUZZ_CHECK(valid->clear.deploy_by->ok());
}

inline bool SameDraft(const ApplicationDraft& a, const ApplicationDraft& b) {
  return a.situation == b.situation && a.group_kind == b.group_kind &&
         a.group_size == b.group_size && a.deploy_by == b.deploy_by &&
         a.contact_channel == b.contact_channel && a.contact_handle == b.contact_handle &&
         a.safe_windows == b.safe_windows && a.utc_offset == b.utc_offset && a.name == b.name &&
         a.unit == b.unit && a.rank == b.rank && a.location == b.location &&
         a.message == b.message && a.language == b.language;
}

}  // namespace lifeline::fuzz
