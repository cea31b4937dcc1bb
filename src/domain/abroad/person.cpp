#include "domain/abroad/person.hpp"

#include "domain/name_table.hpp"

namespace lifeline::abroad {
namespace {

constexpr NameTable<WantedStatus, 4> kWanted = {{
    {WantedStatus::kNoneKnown, "none_known"},
    {WantedStatus::kNationalList, "national_list"},
    {WantedStatus::kInterstateList, "interstate_list"},
    {WantedStatus::kInternationalNoticeRequested, "international_notice_requested"},
}};

constexpr NameTable<Need, 4> kNeeds = {{
    {Need::kHousing, "housing"},
    {Need::kMoney, "money"},
    {Need::kMedical, "medical"},
    {Need::kLegal, "legal"},
}};

constexpr NameTable<DocumentKind, 5> kDocuments = {{
    {DocumentKind::kInternalPassport, "internal_passport"},
    {DocumentKind::kInternationalPassport, "international_passport"},
    {DocumentKind::kTemporaryTravelDocument, "temporary_travel_document"},
    {DocumentKind::kResidencePermit, "residence_permit"},
    {DocumentKind::kVisa, "visa"},
}};

}  // namespace

std::string_view ToString(WantedStatus status) { return NameOf(kWanted, status); }
std::optional<WantedStatus> ParseWantedStatus(std::string_view text) {
  return ValueOf(kWanted, text);
}
std::string_view ToString(Need need) { return NameOf(kNeeds, need); }
std::optional<Need> ParseNeed(std::string_view text) { return ValueOf(kNeeds, text); }
std::string_view ToString(DocumentKind kind) { return NameOf(kDocuments, kind); }
std::optional<DocumentKind> ParseDocumentKind(std::string_view text) {
  return ValueOf(kDocuments, text);
}

}  // namespace lifeline::abroad
