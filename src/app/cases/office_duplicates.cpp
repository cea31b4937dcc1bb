// Duplicates in the office: proposals from the blind indexes of contact handles and of names
// across scripts (text/name_match.hpp), and merging, which keeps both cases' histories.

#include <fmt/format.h>

#include <set>

#include "app/cases/office.hpp"
#include "crypto/crypto.hpp"
#include "text/name_match.hpp"

namespace lifeline::app {
namespace {

constexpr std::size_t kMaxProposals = 20;

}  // namespace

std::optional<store::Blob32> OfficeService::NameIndex(const IdentifyingFields& fields) const {
  const std::string key = text::NameKey(fields.name);
  if (key.empty()) return std::nullopt;
  return crypto::KeyedHash(name_index_key_, key);
}

Result<std::vector<DuplicateProposal>> OfficeService::ProposeDuplicates(
    const store::StoredApplication& stored, const IdentifyingFields& fields) {
  std::set<std::int64_t> same_handle, same_name;
  if (auto index = HandleIndex(fields, stored.clear.contact_channel)) {
    auto ids = store_.CasesWithHandle(*index, stored.id);
    if (!ids) return ids.error();
    same_handle.insert(ids->begin(), ids->end());
  }
  if (auto index = NameIndex(fields)) {
    auto ids = store_.CasesWithName(*index, stored.id);
    if (!ids) return ids.error();
    same_name.insert(ids->begin(), ids->end());
  }
  std::set<std::int64_t> candidates = same_handle;
  candidates.insert(same_name.begin(), same_name.end());
  std::vector<DuplicateProposal> proposals;
  for (std::int64_t id : candidates) {
    if (proposals.size() == kMaxProposals) break;
    auto other = CheckedApplication(id);
    if (!other || other->merged_into || id == stored.merged_into) continue;  // already merged
    DuplicateProposal proposal{id, {}};
    if (same_handle.count(id)) proposal.reasons.emplace_back("the same contact handle");
    if (same_name.count(id))
      proposal.reasons.emplace_back("the same name, possibly in another script or order");
    // The unit is compared in the clear only here, in memory, after opening the other case.
    auto opened = OpenFields(*other);
    if (opened && !fields.unit.empty() &&
        text::Fold(opened->fields.unit) == text::Fold(fields.unit)) {
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
