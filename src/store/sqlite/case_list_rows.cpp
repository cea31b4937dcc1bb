#include "store/sqlite/case_list_rows.hpp"

#include <fmt/format.h>

#include "store/sqlite/rows.hpp"
#include "store/sqlite/screening_rows.hpp"

namespace lifeline::store::sqlite {

using namespace rows;

CasePage SelectCasePage(Connection& reader, const CaseFilter& filter) {
  std::string where = " WHERE 1=1";
  if (filter.needs_review) where += std::string(" AND ") + kNeedsReviewCondition;
  if (filter.status) where += " AND status = ?";
  if (filter.situation) where += " AND situation = ?";
  if (filter.unassigned_or_assigned_to)
    where += " AND (assigned_user_id IS NULL OR assigned_user_id = ?)";
  auto bind_filter = [&](Statement& s) {
    int i = 1;
    if (filter.status) s.Bind(i++, ToString(*filter.status));
    if (filter.situation) s.Bind(i++, ToString(*filter.situation));
    if (filter.unassigned_or_assigned_to) s.Bind(i++, *filter.unassigned_or_assigned_to);
    return i;
  };
  CasePage page;
  auto count = reader.Prepare("SELECT count(*) FROM applications" + where);
  bind_filter(count);
  count.Step();
  page.total = count.Int(0);
  auto s = reader.Prepare(fmt::format(
      "SELECT {} FROM applications{} ORDER BY received_on DESC, id DESC LIMIT ? OFFSET ?",
      kSummaryColumns, where));
  const int next = bind_filter(s);
  s.Bind(next, std::int64_t{filter.limit}).Bind(next + 1, std::int64_t{filter.offset});
  while (s.Step()) page.items.push_back(ReadSummary(s));
  return page;
}

std::vector<std::int64_t> SelectCaseIdsAfter(Connection& reader, std::int64_t after_id, int limit) {
  auto s = reader.Prepare("SELECT id FROM applications WHERE id > ? ORDER BY id LIMIT ?");
  s.Bind(1, after_id).Bind(2, std::int64_t{limit});
  std::vector<std::int64_t> ids;
  while (s.Step()) ids.push_back(s.Int(0));
  return ids;
}

std::vector<CaseSummary> SelectSummaries(Connection& reader, std::span<const std::int64_t> ids) {
  auto s = reader.Prepare(fmt::format("SELECT {} FROM applications WHERE id = ?", kSummaryColumns));
  std::vector<CaseSummary> out;
  for (std::int64_t id : ids) {
    s.Reset();
    s.Bind(1, id);
    if (s.Step()) out.push_back(ReadSummary(s));
  }
  return out;
}

std::vector<CaseSummary> SelectUncontactedBefore(Connection& reader, Date cutoff) {
  auto s = reader.Prepare(fmt::format(
      "SELECT {} FROM applications a WHERE status = 'new' "
      "AND received_on < ? AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.case_id = a.id) "
      "ORDER BY received_on, id",
      kSummaryColumns));
  s.Bind(1, FormatIsoDate(cutoff));
  std::vector<CaseSummary> out;
  while (s.Step()) out.push_back(ReadSummary(s));
  return out;
}

}  // namespace lifeline::store::sqlite
