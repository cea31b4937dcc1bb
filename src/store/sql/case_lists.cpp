// Cases read in lists and counts, and screening's rows, written once for both engines
// (SqlStore in sql_store.hpp).
#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "store/sql/case_rows.hpp"
#include "store/sql/row_macs.hpp"
#include "store/sql/sql_store.hpp"

namespace lifeline::store::sql {
namespace {

// Screened at or above the threshold, or sharing a contact handle with another case; and
// still open to judgement.
constexpr const char* kNeedsReviewCondition =
    "(screening_score >= 40 OR (handle_index IS NOT NULL AND EXISTS (SELECT 1 FROM applications b "
    "WHERE b.handle_index = applications.handle_index AND b.id != applications.id))) "
    "AND status NOT IN ('rejected', 'duplicate', 'closed', 'withdrawn')";

// Inquiries only: members added to a group (unit) case did not write in. `column` is one of
// two fixed names, never input.
std::vector<StatisticsCounts::DayCount> CountPerDay(Session& s, const char* column, Date from,
                                                    Date to) {
  std::vector<StatisticsCounts::DayCount> out;
  for (const Row& row :
       s.Run(fmt::format("SELECT received_on, {0}, count(*) FROM applications WHERE received_on >= "
                         "$1 AND received_on < $2 AND origin = 'applicant' GROUP BY received_on, "
                         "{0} ORDER BY received_on, {0}",
                         column),
             Params().Add(FormatIsoDate(from)).Add(FormatIsoDate(to)))) {
    out.push_back({row.DateAt(0), row.Text(1), row.Int(2)});
  }
  return out;
}

// At most this many ids in one IN list (both engines allow far more parameters).
constexpr std::size_t kIdsPerStatement = 500;

}  // namespace

Result<CasePage> SqlStore::ListCases(const CaseFilter& filter) {
  return Read(*sessions_, [&](Session& s) -> Result<CasePage> {
    std::string where = " WHERE 1 = 1";
    Params params;
    int next = 1;
    if (filter.needs_review) where += std::string(" AND ") + kNeedsReviewCondition;
    if (filter.status) {
      params.Add(ToString(*filter.status));
      where += fmt::format(" AND status = ${}", next++);
    }
    if (filter.situation) {
      params.Add(ToString(*filter.situation));
      where += fmt::format(" AND situation = ${}", next++);
    }
    if (filter.unassigned_or_assigned_to) {
      params.Add(*filter.unassigned_or_assigned_to);
      where += fmt::format(" AND (assigned_user_id IS NULL OR assigned_user_id = ${})", next++);
    }
    Transaction tx(s, Access::kConsistentRead);  // the count and the page agree
    CasePage page;
    page.total = s.Run("SELECT count(*) FROM applications" + where, params)[0].Int(0);
    params.Add(std::int64_t{filter.limit}).Add(std::int64_t{filter.offset});
    page.items = ReadSummaries(
        s.Run(fmt::format("SELECT {} FROM applications{} ORDER BY received_on DESC, id DESC "
                          "LIMIT ${} OFFSET ${}",
                          SummaryColumns(), where, next, next + 1),
              params));
    tx.Commit();
    return page;
  });
}

Result<std::vector<CaseSummary>> SqlStore::ListUncontactedBefore(Date cutoff) {
  return Read(*sessions_, [&](Session& s) -> Result<std::vector<CaseSummary>> {
    return ReadSummaries(
        s.Run(fmt::format("SELECT {} FROM applications a WHERE status = 'new' AND received_on < "
                          "$1 AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.case_id = a.id) "
                          "ORDER BY received_on, id",
                          SummaryColumns()),
              Params().Add(FormatIsoDate(cutoff))));
  });
}

Result<StatisticsCounts> SqlStore::CountStatistics(Date from, Date to, Date today) {
  return Read(*sessions_, [&](Session& s) -> Result<StatisticsCounts> {
    Transaction tx(s, Access::kConsistentRead);  // one snapshot for every count
    StatisticsCounts out;
    out.by_channel = CountPerDay(s, "contact_channel", from, to);
    out.by_situation = CountPerDay(s, "situation", from, to);
    out.applications = s.Run("SELECT count(*) FROM applications")[0].Int(0);
    out.verified =
        s.Run("SELECT count(DISTINCT case_id) FROM case_events WHERE to_status = 'verified'")[0]
            .Int(0);
    out.crossed =
        s.Run("SELECT count(DISTINCT case_id) FROM case_events WHERE to_status = 'crossed'")[0].Int(
            0);
    const std::chrono::sys_days t{today};
    const int edges[] = {0, 7, 30, 90, 180};
    for (std::size_t i = 0; i < std::size(edges); ++i) {
      Params p;
      p.Add(FormatIsoDate(std::chrono::year_month_day{t - std::chrono::days{edges[i]}}));
      std::string sql =
          "SELECT count(*) FROM applications WHERE status NOT IN ('closed', 'withdrawn', "
          "'rejected', 'duplicate') AND received_on <= $1";
      if (i + 1 < std::size(edges)) {
        p.Add(FormatIsoDate(std::chrono::year_month_day{t - std::chrono::days{edges[i + 1]}}));
        sql += " AND received_on > $2";
      }
      out.open_by_age.push_back(s.Run(sql, p)[0].Int(0));
    }
    tx.Commit();
    return out;
  });
}

// A write transaction, so that WaitOutNewCases holds new inserts off until the ids are read.
Result<std::vector<std::int64_t>> SqlStore::ListCaseIdsAfter(std::int64_t after_id, int limit) {
  return Write(*sessions_, [&](Session& s) -> Result<std::vector<std::int64_t>> {
    Transaction tx(s);
    s.WaitOutNewCases();
    auto ids = ReadIds(s.Run("SELECT id FROM applications WHERE id > $1 ORDER BY id LIMIT $2",
                             Params().Add(after_id).Add(std::int64_t{limit})));
    tx.Commit();
    return ids;
  });
}

// In the order given; ids without a case are left out.
Result<std::vector<CaseSummary>> SqlStore::GetSummaries(std::span<const std::int64_t> ids) {
  return Read(*sessions_, [&](Session& s) -> Result<std::vector<CaseSummary>> {
    std::unordered_map<std::int64_t, CaseSummary> found;
    for (std::size_t start = 0; start < ids.size(); start += kIdsPerStatement) {
      const auto chunk = ids.subspan(start, std::min(kIdsPerStatement, ids.size() - start));
      std::string list;
      Params p;
      for (std::size_t i = 0; i < chunk.size(); ++i) {
        list += fmt::format("{}${}", i ? ", " : "", i + 1);
        p.Add(chunk[i]);
      }
      for (const Row& row : s.Run(
               fmt::format("SELECT {} FROM applications WHERE id IN ({})", SummaryColumns(), list),
               p)) {
        CaseSummary summary = ReadSummary(row);
        found.emplace(summary.id, std::move(summary));
      }
    }
    std::vector<CaseSummary> out;
    out.reserve(found.size());
    for (std::int64_t id : ids) {
      if (auto it = found.find(id); it != found.end()) out.push_back(it->second);
    }
    return out;
  });
}

Result<std::vector<std::int64_t>> SqlStore::ListUnscreened(int limit) {
  return Read(*sessions_, [&](Session& s) -> Result<std::vector<std::int64_t>> {
    return ReadIds(
        s.Run("SELECT id FROM applications WHERE screening_score IS NULL ORDER BY id LIMIT $1",
              Params().Add(std::int64_t{limit})));
  });
}

Status SqlStore::SaveScreening(std::span<const ScreeningResult> results) {
  return Write(*sessions_, [&](Session& s) -> Status {
    Transaction tx(s);
    for (const auto& r : results) {
      Params p;
      p.AddBytesOrNull(r.handle_index)
          .Add(std::int64_t{r.score})
          .AddBytesOrNull(r.name_index)
          .Add(r.id);
      s.Run(
          "UPDATE applications SET handle_index = $1, screening_score = $2, name_index = $3 "
          "WHERE id = $4",
          p);
    }
    tx.Commit();
    return OkStatus();
  });
}

Result<std::vector<std::int64_t>> SqlStore::CasesWithHandle(const Blob32& handle_index,
                                                            std::int64_t except_id) {
  return Read(*sessions_, [&](Session& s) -> Result<std::vector<std::int64_t>> {
    return ReadIds(
        s.Run("SELECT id FROM applications WHERE handle_index = $1 AND id != $2 ORDER BY id",
              Params().AddBytes(handle_index).Add(except_id)));
  });
}

Result<std::vector<std::int64_t>> SqlStore::CasesWithName(const Blob32& name_index,
                                                          std::int64_t except_id) {
  return Read(*sessions_, [&](Session& s) -> Result<std::vector<std::int64_t>> {
    return ReadIds(
        s.Run("SELECT id FROM applications WHERE name_index = $1 AND id != $2 ORDER BY id",
              Params().AddBytes(name_index).Add(except_id)));
  });
}

Status SqlStore::SetMergedInto(std::int64_t source, std::int64_t target) {
  return Write(*sessions_, [&](Session& s) -> Status {
    Transaction tx(s);
    if (s.Run("UPDATE applications SET merged_into = $1 WHERE id = $2",
              Params().Add(target).Add(source))
            .affected() == 0) {
      return NotFound("no such case");
    }
    ResealRow(s, "applications", source);
    tx.Commit();
    return OkStatus();
  });
}

Result<std::vector<std::int64_t>> SqlStore::ListMergedInto(std::int64_t target) {
  return Read(*sessions_, [&](Session& s) -> Result<std::vector<std::int64_t>> {
    return ReadIds(s.Run("SELECT id FROM applications WHERE merged_into = $1 ORDER BY id",
                         Params().Add(target)));
  });
}

Result<std::int64_t> SqlStore::CountAlike(const ClearFields& like, Date from, Date to) {
  return Read(*sessions_, [&](Session& s) -> Result<std::int64_t> {
    return s
        .Run(
            "SELECT count(*) FROM applications WHERE situation = $1 AND group_kind = $2 AND "
            "contact_channel = $3 AND received_on >= $4 AND received_on < $5 AND origin = "
            "'applicant'",
            Params()
                .Add(ToString(like.situation))
                .Add(ToString(like.group_kind))
                .Add(ToString(like.contact_channel))
                .Add(FormatIsoDate(from))
                .Add(FormatIsoDate(to)))[0]
        .Int(0);
  });
}

Result<std::int64_t> SqlStore::AddMarker(const NewMarker& m) {
  return Write(*sessions_, [&](Session& s) -> Result<std::int64_t> {
    Transaction tx(s);
    Params p;
    p.AddBytesOrNull(m.handle_index)
        .AddBytesOrNull(m.phrase_sealed)
        .AddBytes(m.note_sealed)
        .Add(m.created_by)
        .Add(m.created_at);
    const std::int64_t id =
        s.Run(
             "INSERT INTO screening_markers (handle_index, phrase_sealed, note_sealed, "
             "created_by, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
             p)[0]
            .Int(0);
    s.Run("UPDATE applications SET screening_score = NULL");  // a new marker: screen all again
    tx.Commit();
    return id;
  });
}

Result<std::vector<StoredMarker>> SqlStore::ListMarkers() {
  return Read(*sessions_, [&](Session& s) -> Result<std::vector<StoredMarker>> {
    std::vector<StoredMarker> out;
    for (const Row& row : s.Run("SELECT id, handle_index, phrase_sealed, note_sealed, "
                                "created_by, created_at FROM screening_markers ORDER BY id")) {
      StoredMarker m;
      m.id = row.Int(0);
      if (!row.IsNull(1)) m.handle_index = row.Blob32At(1);
      m.phrase_sealed = row.Bytes(2);
      m.note_sealed = row.Bytes(3);
      m.created_by = row.Int(4);
      m.created_at = row.Int(5);
      out.push_back(std::move(m));
    }
    return out;
  });
}

}  // namespace lifeline::store::sql
