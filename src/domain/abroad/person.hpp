#pragma once
// What a caseworker records of a person abroad besides the sealed fields (app/abroad/abroad.hpp):
// the words for wanted status, needs and documents, as the forms and the API spell them.

#include <optional>
#include <string_view>

namespace lifeline::abroad {

/// At home: whether he is sought, and how widely (an interstate list reaches the CIS
/// countries most go to first).
enum class WantedStatus {
  kNoneKnown,
  kNationalList,
  kInterstateList,
  kInternationalNoticeRequested
};
std::string_view ToString(WantedStatus status);  // "none_known", "national_list", …
std::optional<WantedStatus> ParseWantedStatus(std::string_view text);

enum class Need { kHousing, kMoney, kMedical, kLegal };
std::string_view ToString(Need need);  // "housing", "money", "medical", "legal"
std::optional<Need> ParseNeed(std::string_view text);

enum class DocumentKind {
  kInternalPassport,  // enough for the CIS countries most go to first
  kInternationalPassport,
  kTemporaryTravelDocument,
  kResidencePermit,
  kVisa,
};
std::string_view ToString(DocumentKind kind);  // "internal_passport", …
std::optional<DocumentKind> ParseDocumentKind(std::string_view text);

}  // namespace lifeline::abroad
