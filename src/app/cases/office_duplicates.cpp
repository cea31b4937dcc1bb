// Duplicates in the office: proposals from the blind indexes of contact handles and of names,
// and from the search index's best matches for the name, each compared name to name
// (text/name_match.hpp); and merging, which keeps both cases' histories.

#include <fmt/format.h>

#include <set>

#include "app/cases/office.hpp"
#include "crypto/crypto.hpp"
#include "text/name_match.hpp"
#include "text/skeleton.hpp"

namespace lifeline::app {
namespace {

constexpr std::size_t kMaxProposals = 20;
// How many of the search index's best matches for a name are compared with it.
constexpr std::size_t kNameCandidates = 30;

}  // namespace

std::optional<store::Blob32> OfficeService::NameIndex(const IdentifyingFields& fields) const {
  const std::string key = text::NameKey(fields.name);
  if (key.empty()) return std::nullopt;
  return crypto::KeyedHash(name_index_key_, key);
}

Result<std::vector<DuplicateProposal>> OfficeService::ProposeDuplicates(
    const store::StoredApplication& stored, const IdentifyingFields& fields) {
  return FindDuplicates(fields, stored.clear.contact_channel, stored.id, stored.merged_into);
}

Result<std::vector<DuplicateProposal>> OfficeService::LikelyDuplicates(
    const IdentifyingFields& fields, ContactChannel channel) {
  return FindDuplicates(fields, channel, 0, std::nullopt);
}

Result<std::vector<DuplicateProposal>> OfficeService::FindDuplicates(
    const IdentifyingFields& fields, ContactChannel channel, std::int64_t self,
    std::optional<std::int64_t> merged_into) {
  std::set<std::int64_t> same_handle, same_name_key;
  if (channel != ContactChannel::kNone && !fields.contact_handle.empty()) {
    auto ids = CasesWithContact(fields.contact_handle, self);
    if (!ids) return ids.error();
    same_handle.insert(ids->begin(), ids->end());
  }
  if (auto index = NameIndex(fields)) {
    auto ids = store_.CasesWithName(*index, self);
    if (!ids) return ids.error();
    same_name_key.insert(ids->begin(), ids->end());
  }
  // Names alike but not equal (a typo, a second surname), and names of cases screened before
  // the name key learnt a rule: the best of the search index's matches for the name.
  std::set<std::int64_t> candidates = same_handle;
  candidates.insert(same_name_key.begin(), same_name_key.end());
  if (auto by_name = search_.Find(fields.name, kNameCandidates); by_name) {
    for (const auto& hit : by_name->hits)
      if (hit.case_id != self && hit.words_matched >= 2) candidates.insert(hit.case_id);
  }
  std::vector<DuplicateProposal> proposals;
  for (std::int64_t id : candidates) {
    if (proposals.size() == kMaxProposals) break;
    auto other = CheckedApplication(id);
    if (!other || other->merged_into || id == merged_into) continue;  // already merged
    // The other case's fields are compared in the clear only here, in memory.
    auto opened = OpenFields(*other);
    if (!opened) continue;
    DuplicateProposal proposal{id, {}};
    if (same_handle.count(id)) proposal.reasons.emplace_back("the same contact handle");
    switch (text::CompareNames(fields.name, opened->fields.name)) {
      case text::NameAgreement::kSame:
        proposal.reasons.emplace_back("the same name, possibly in another script or order");
        break;
      case text::NameAgreement::kSpelled:
        proposal.reasons.emplace_back("the same name with a letter or two different");
        break;
      case text::NameAgreement::kPartial:
        proposal.reasons.emplace_back("the same name, one of them with a word more");
        break;
      case text::NameAgreement::kNone:
        if (same_name_key.count(id))
          proposal.reasons.emplace_back("the same name, possibly in another script or order");
        break;
    }
    if (proposal.reasons.empty()) continue;  // only the search index thought them alike
    if (!fields.unit.empty() &&
        text::SkeletonWords(opened->fields.unit) == text::SkeletonWords(fields.unit)) {
      proposal.reasons.emplace_back("the same unit");
    }
    proposals.push_back(std::move(proposal));
  }
  return proposals;
}

Result<std::int64_t> OfficeService::MergeCase(const Actor& actor, std::int64_t source,
                                              std::int64_t target, std::int64_t expected_version) {
  if (auto allowed = Require(actor, Permission::kMergeCases); !allowed) return allowed.error();
  if (source == target) return InvalidInput("a case cannot be merged into itself", "into");
  auto into = CheckedApplication(target);
  if (!into && into.error().code == ErrorCode::kNotFound)
    return InvalidInput("no such case to merge into", "into");
  if (!into) return into.error();
  if (into->merged_into) {
    return Error{ErrorCode::kConflict,
                 fmt::format("case {} is itself merged into case {}; merge into that one", target,
                             *into->merged_into)};
  }
  auto version = ChangeStatus(actor, source,
                              {.to = CaseStatus::kDuplicate,
                               .reason = fmt::format("merged into case {}", target),
                               .expected_version = expected_version});
  if (!version) return version.error();
  if (auto linked = store_.SetMergedInto(source, target); !linked) return linked.error();
  return version;
}

}  // namespace lifeline::app
