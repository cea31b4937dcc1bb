// Search in the office: the in-memory index of decrypted fields (search_index.hpp), built
// from the sealed cases on a schedule from start; the contacts' blind index for a telephone
// number or handle; and searches within the searcher's permissions. Nothing of the index or
// of a query is written anywhere.

#include <malloc.h>

#include <algorithm>
#include <map>
#include <optional>
#include <span>

#include "app/cases/office.hpp"
#include "text/phone_number.hpp"

namespace lifeline::app {
namespace {

// Operators see only unassigned and their own cases: their matches are filtered among the
// best this many.
constexpr std::size_t kOperatorScan = 2000;
constexpr int kMaxOffset = 10000;

// A query that is a contact: a telephone number in any common format, or "@handle".
bool LooksLikeContact(std::string_view query) {
  if (!query.empty() && query.front() == '@' && query.size() > 2 &&
      query.find(' ') == std::string_view::npos) {
    return true;
  }
  return !text::PhoneNumberForms(query).empty();
}

}  // namespace

Result<int> OfficeService::IndexPending(int limit) {
  auto ids = store_.ListCaseIdsAfter(indexed_up_to_.load(), limit);
  if (!ids) return ids.error();
  if (ids->empty()) {
    // Every stored case indexed: the lists grown one case at a time give back their spare
    // room, and the allocator what it holds free (once, when the start-up backlog is done).
    if (!index_complete_.exchange(true)) {
      search_.Compact();
      ::malloc_trim(0);
    }
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

Result<SearchPage> OfficeService::Search(const Actor& actor, const SearchQuery& query) {
  auto page = FindCases(actor, query);
  if (!page) return page;
  // A search that shows a canary case is an alert: nobody's legitimate work leads there.
  std::vector<std::int64_t> shown;
  for (const auto& item : page->items) shown.push_back(item.summary.id);
  if (auto watched = canaries_.Touched(actor, shown); !watched) return watched.error();
  return page;
}

Result<SearchPage> OfficeService::FindCases(const Actor& actor, const SearchQuery& query) {
  if (auto allowed = Require(actor, Permission::kListCases); !allowed) return allowed.error();
  if (query.text.size() > SearchIndex::kMaxQueryBytes)
    return InvalidInput("a search is at most 200 characters", "q");
  if (query.limit < 1 || query.limit > kMaxPageSize)
    return InvalidInput("per_page: must be between 1 and 200", "per_page");
  if (query.offset < 0 || query.offset > kMaxOffset)
    return InvalidInput("offset: must be between 0 and 10000", "offset");
  // A telephone number or handle is looked up in the contacts' blind index (newest first);
  // anything else in the words' index. A unit's number is too short to be a telephone's.
  const bool sees_all = Require(actor, Permission::kWorkAnyCase).ok();
  std::vector<std::int64_t> by_contact;
  std::optional<SearchResult> found;
  if (LooksLikeContact(query.text)) {
    auto with_contact = CasesWithContact(query.text, 0);
    if (!with_contact) return with_contact.error();
    by_contact.assign(with_contact->rbegin(), with_contact->rend());
  } else {
    auto hits =
        search_.Find(query.text, sees_all ? static_cast<std::size_t>(query.offset + query.limit)
                                          : kOperatorScan);
    if (!hits) return hits.error();
    found = std::move(*hits);
  }
  if (auto audited = audit_.Record({actor.user_id, actor.name, AuditAction::kCaseSearch, ""});
      !audited) {
    return audited.error();
  }

  std::vector<SearchItem> ranked;
  for (std::int64_t id : by_contact) ranked.push_back({{.id = id}, true, {}});
  const std::size_t index_total = found ? found->total : 0;
  const std::size_t index_complete = found ? found->complete : 0;
  if (found) {
    for (auto& hit : found->hits)
      ranked.push_back({{.id = hit.case_id}, false, std::move(hit.matches)});
  }

  SearchPage page;
  page.index_complete = index_complete_;
  page.indexed_cases = static_cast<std::int64_t>(search_.cases());
  auto fill = [&](std::span<SearchItem> items) -> Status {
    std::vector<std::int64_t> ids;
    for (const auto& item : items) ids.push_back(item.summary.id);
    auto summaries = store_.GetSummaries(ids);
    if (!summaries) return summaries.error();
    // GetSummaries leaves out cases deleted meanwhile; keep the ranking's order.
    std::map<std::int64_t, store::CaseSummary> by_id;
    for (auto& s : *summaries) by_id.emplace(s.id, std::move(s));
    for (auto& item : items) {
      auto it = by_id.find(item.summary.id);
      item.summary = it == by_id.end() ? store::CaseSummary{} : std::move(it->second);
    }
    return OkStatus();
  };
  if (sees_all) {
    page.total = static_cast<std::int64_t>(by_contact.size() + index_total);
    page.complete = static_cast<std::int64_t>(by_contact.size() + index_complete);
    const auto from = std::min(ranked.size(), static_cast<std::size_t>(query.offset));
    const auto to = std::min(ranked.size(), from + static_cast<std::size_t>(query.limit));
    std::span<SearchItem> items(ranked.data() + from, to - from);
    if (auto filled = fill(items); !filled) return filled.error();
    for (auto& item : items)
      if (item.summary.id != 0) page.items.push_back(std::move(item));
    return page;
  }
  if (ranked.size() > kOperatorScan) ranked.resize(kOperatorScan);
  if (auto filled = fill(ranked); !filled) return filled.error();
  for (auto& item : ranked) {
    const auto& s = item.summary;
    if (s.id == 0 || (s.assigned_user_id && *s.assigned_user_id != actor.user_id)) continue;
    ++page.total;
    if (item.by_contact || std::count_if(item.words.begin(), item.words.end(), [](const auto& m) {
                             return m.has_value();
                           }) == static_cast<long>(item.words.size())) {
      ++page.complete;
    }
    if (page.total > query.offset && page.items.size() < static_cast<std::size_t>(query.limit))
      page.items.push_back(std::move(item));
  }
  return page;
}

}  // namespace lifeline::app
