// Search in the office: the in-memory index of decrypted fields (search_index.hpp), built
// from the sealed cases on a schedule from start, and searches within the searcher's
// permissions. Nothing of the index or of a query is written anywhere.

#include <algorithm>

#include "app/cases/office.hpp"

namespace lifeline::app {
namespace {

// Operators see only unassigned and their own cases: their matches are filtered among the
// newest this many.
constexpr std::size_t kOperatorScan = 2000;

}  // namespace

Result<int> OfficeService::IndexPending(int limit) {
  auto ids = store_.ListCaseIdsAfter(indexed_up_to_.load(), limit);
  if (!ids) return ids.error();
  if (ids->empty()) {
    index_complete_ = true;
    return 0;
  }
  for (std::int64_t id : *ids) {
    auto stored = store_.GetApplication(id);
    if (stored) {
      auto opened = OpenFields(*stored);
      if (!opened) return opened.error();
      search_.Add(id, opened->fields);
    }
    indexed_up_to_ = id;
  }
  return static_cast<int>(ids->size());
}

Result<SearchPage> OfficeService::Search(const Actor& actor, std::string_view query, int limit) {
  if (auto allowed = Require(actor, Permission::kListCases); !allowed) return allowed.error();
  if (limit < 1 || limit > kMaxPageSize) return InvalidInput("page size must be between 1 and 200");
  auto ids = search_.Find(query);
  if (!ids) return ids.error();
  if (auto audited = audit_.Record({actor.user_id, actor.name, AuditAction::kCaseSearch, ""});
      !audited) {
    return audited.error();
  }
  SearchPage page;
  page.index_complete = index_complete_;
  if (Require(actor, Permission::kWorkAnyCase)) {
    page.total = static_cast<std::int64_t>(ids->size());
    const std::size_t n = std::min<std::size_t>(ids->size(), static_cast<std::size_t>(limit));
    auto summaries = store_.GetSummaries(std::span(ids->data(), n));
    if (!summaries) return summaries.error();
    page.items = std::move(*summaries);
    return page;
  }
  const std::size_t n = std::min(ids->size(), kOperatorScan);
  auto summaries = store_.GetSummaries(std::span(ids->data(), n));
  if (!summaries) return summaries.error();
  for (auto& s : *summaries) {
    if (s.assigned_user_id && *s.assigned_user_id != actor.user_id) continue;
    ++page.total;
    if (page.items.size() < static_cast<std::size_t>(limit)) page.items.push_back(std::move(s));
  }
  return page;
}

}  // namespace lifeline::app
