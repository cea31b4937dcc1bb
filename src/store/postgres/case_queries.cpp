// Cases read in lists and counts, and screening's rows (store/postgres/application_store.hpp).
#include <fmt/format.h>

#include "store/postgres/application_store.hpp"
#include "store/postgres/case_rows.hpp"
#include "store/postgres/row_mac_rows.hpp"

namespace lifeline::store::postgres {

using namespace rows;

namespace {

// Screened at or above the threshold, or sharing a contact handle with another case; and
// still open to judgement (as SQLite's screening_rows.cpp).
constexpr const char* kNeedsReviewCondition =
    "(screening_score >= 40 OR (handle_index IS NOT NULL AND EXISTS (SELECT 1 FROM applications b "
    "WHERE b.handle_index = applications.handle_index AND b.id != applications.id))) "
    "AND status NOT IN ('rejected', 'duplicate', 'closed', 'withdrawn')";

// Inquiries only: members added to a group (unit) case did not write in. `column` is one of
// two fixed names, never input.
std::vector<StatisticsCounts::DayCount> CountPerDay(PgConnection& c, const char* column, Date from,
                                                    Date to) {
  auto r = c.Exec(
      fmt::format("SELECT received_on, {0}, count(*) FROM applications WHERE received_on >= $1 AND "
                  "received_on < $2 AND origin = 'applicant' GROUP BY received_on, {0} "
                  "ORDER BY received_on, {0}",
                  column),
      Params().Add(FormatIsoDate(from)).Add(FormatIsoDate(to)));
  std::vector<StatisticsCounts::DayCount> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back({ReadDate(r, i, 0), r.Text(i, 1), r.Int(i, 2)});
  return out;
}

}  // namespace

Result<CasePage> PgApplicationStore::ListCases(const CaseFilter& filter) {
  return pool_.With([&](PgConnection& c) -> Result<CasePage> {
    std::string where = " WHERE true";
    Params params;
    if (filter.needs_review) where += std::string(" AND ") + kNeedsReviewCondition;
    if (filter.status) {
      params.Add(ToString(*filter.status));
      where += fmt::format(" AND status = ${}", params.size());
    }
    if (filter.situation) {
      params.Add(ToString(*filter.situation));
      where += fmt::format(" AND situation = ${}", params.size());
    }
    if (filter.unassigned_or_assigned_to) {
      params.Add(*filter.unassigned_or_assigned_to);
      where +=
          fmt::format(" AND (assigned_user_id IS NULL OR assigned_user_id = ${})", params.size());
    }
    PgTransaction tx(c, PgTransaction::Isolation::kRepeatableRead);  // the count and the page agree
    CasePage page;
    page.total = c.Exec("SELECT count(*) FROM applications" + where, params).Int(0, 0);
    const int next = params.size() + 1;
    params.Add(std::int64_t{filter.limit}).Add(std::int64_t{filter.offset});
    page.items = ReadSummaries(
        c.Exec(fmt::format("SELECT {} FROM applications{} ORDER BY received_on DESC, id DESC "
                           "LIMIT ${} OFFSET ${}",
                           SummaryColumns(), where, next, next + 1),
               params));
    tx.Commit();
    return page;
  });
}

Result<std::vector<CaseSummary>> PgApplicationStore::ListUncontactedBefore(Date cutoff) {
  return pool_.With([&](PgConnection& c) -> Result<std::vector<CaseSummary>> {
    return ReadSummaries(c.Exec(
        fmt::format("SELECT {} FROM applications a WHERE status = 'new' AND received_on < $1 "
                    "AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.case_id = a.id) "
                    "ORDER BY received_on, id",
                    SummaryColumns()),
        Params().Add(FormatIsoDate(cutoff))));
  });
}

Result<StatisticsCounts> PgApplicationStore::CountStatistics(Date from, Date to, Date today) {
  return pool_.With([&](PgConnection& c) -> Result<StatisticsCounts> {
    PgTransaction tx(c, PgTransaction::Isolation::kRepeatableRead);  // one snapshot for every count
    StatisticsCounts out;
    out.by_channel = CountPerDay(c, "contact_channel", from, to);
    out.by_situation = CountPerDay(c, "situation", from, to);
    out.applications = c.Exec("SELECT count(*) FROM applications").Int(0, 0);
    out.verified =
        c.Exec("SELECT count(DISTINCT case_id) FROM case_events WHERE to_status = 'verified'")
            .Int(0, 0);
    out.crossed =
        c.Exec("SELECT count(DISTINCT case_id) FROM case_events WHERE to_status = 'crossed'")
            .Int(0, 0);
    const std::chrono::sys_days t{today};
    const int edges[] = {0, 7, 30, 90, 180};
    for (std::size_t i = 0; i < std::size(edges); ++i) {
      Params p;
      p.Add(FormatIsoDate(std::chrono::year_month_day{t - std::chrono::days{edges[i]}}));
      std::string sql =
          "SELECT count(*) FROM applications WHERE status NOT IN ('closed', 'withdrawn', "
          "'rejected', 'duplicate') "
          "AND received_on <= $1";
      if (i + 1 < std::size(edges)) {
        p.Add(FormatIsoDate(std::chrono::year_month_day{t - std::chrono::days{edges[i + 1]}}));
        sql += " AND received_on > $2";
      }
      out.open_by_age.push_back(c.Exec(sql, p).Int(0, 0));
    }
    tx.Commit();
    return out;
  });
}

Result<std::vector<std::int64_t>> PgApplicationStore::ListCaseIdsAfter(std::int64_t after_id,
                                                                       int limit) {
  return pool_.With([&](PgConnection& c) -> Result<std::vector<std::int64_t>> {
    PgTransaction tx(c);
    // Waits out the inserts in flight (case_rows.hpp); later ones draw higher ids.
    c.Exec("SELECT pg_advisory_xact_lock($1)", Params().Add(kNewCasesLock));
    auto ids = ReadIds(c.Exec("SELECT id FROM applications WHERE id > $1 ORDER BY id LIMIT $2",
                              Params().Add(after_id).Add(std::int64_t{limit})));
    tx.Commit();
    return ids;
  });
}

Result<std::vector<CaseSummary>> PgApplicationStore::GetSummaries(
    std::span<const std::int64_t> ids) {
  return pool_.With([&](PgConnection& c) -> Result<std::vector<CaseSummary>> {
    // One round trip: the ids go as an array, and come back in the order given.
    std::string array = "{";
    for (std::size_t i = 0; i < ids.size(); ++i) array += (i ? "," : "") + std::to_string(ids[i]);
    array += "}";
    return ReadSummaries(
        c.Exec(fmt::format("SELECT {} FROM unnest($1::bigint[]) WITH ORDINALITY AS wanted (id, n) "
                           "JOIN applications a ON a.id = wanted.id ORDER BY wanted.n",
                           SummaryColumns("a.")),
               Params().Add(array)));
  });
}

Result<std::vector<std::int64_t>> PgApplicationStore::ListUnscreened(int limit) {
  return pool_.With([&](PgConnection& c) -> Result<std::vector<std::int64_t>> {
    return ReadIds(
        c.Exec("SELECT id FROM applications WHERE screening_score IS NULL ORDER BY id LIMIT $1",
               Params().Add(std::int64_t{limit})));
  });
}

Status PgApplicationStore::SaveScreening(std::span<const ScreeningResult> results) {
  return pool_.With([&](PgConnection& c) -> Status {
    PgTransaction tx(c);
    for (const auto& r : results) {
      Params p;
      if (r.handle_index)
        p.AddBytes(*r.handle_index);
      else
        p.AddNull();
      p.Add(std::int64_t{r.score});
      if (r.name_index)
        p.AddBytes(*r.name_index);
      else
        p.AddNull();
      p.Add(r.id);
      c.Exec(
          "UPDATE applications SET handle_index = $1, screening_score = $2, name_index = $3 WHERE "
          "id = $4",
          p);
    }
    tx.Commit();
    return OkStatus();
  });
}

Result<std::vector<std::int64_t>> PgApplicationStore::CasesWithHandle(const Blob32& handle_index,
                                                                      std::int64_t except_id) {
  return pool_.With([&](PgConnection& c) -> Result<std::vector<std::int64_t>> {
    return ReadIds(
        c.Exec("SELECT id FROM applications WHERE handle_index = $1 AND id != $2 ORDER BY id",
               Params().AddBytes(handle_index).Add(except_id)));
  });
}

Result<std::vector<std::int64_t>> PgApplicationStore::CasesWithName(const Blob32& name_index,
                                                                    std::int64_t except_id) {
  return pool_.With([&](PgConnection& c) -> Result<std::vector<std::int64_t>> {
    return ReadIds(
        c.Exec("SELECT id FROM applications WHERE name_index = $1 AND id != $2 ORDER BY id",
               Params().AddBytes(name_index).Add(except_id)));
  });
}

Status PgApplicationStore::SetMergedInto(std::int64_t source, std::int64_t target) {
  return pool_.With([&](PgConnection& c) -> Status {
    PgTransaction tx(c);
    if (c.Exec("UPDATE applications SET merged_into = $1 WHERE id = $2",
               Params().Add(target).Add(source))
            .affected() == 0) {
      return NotFound("no such case");
    }
    ResealRow(c, "applications", source);
    tx.Commit();
    return OkStatus();
  });
}

Result<std::vector<std::int64_t>> PgApplicationStore::ListMergedInto(std::int64_t target) {
  return pool_.With([&](PgConnection& c) -> Result<std::vector<std::int64_t>> {
    return ReadIds(c.Exec("SELECT id FROM applications WHERE merged_into = $1 ORDER BY id",
                          Params().Add(target)));
  });
}

Result<std::int64_t> PgApplicationStore::CountAlike(const ClearFields& like, Date from, Date to) {
  return pool_.With([&](PgConnection& c) -> Result<std::int64_t> {
    return c
        .Exec(
            "SELECT count(*) FROM applications WHERE situation = $1 AND group_kind = $2 AND "
            "contact_channel = $3 "
            "AND received_on >= $4 AND received_on < $5 AND origin = 'applicant'",
            Params()
                .Add(ToString(like.situation))
                .Add(ToString(like.group_kind))
                .Add(ToString(like.contact_channel))
                .Add(FormatIsoDate(from))
                .Add(FormatIsoDate(to)))
        .Int(0, 0);
  });
}

Result<std::int64_t> PgApplicationStore::AddMarker(const NewMarker& m) {
  return pool_.With([&](PgConnection& c) -> Result<std::int64_t> {
    PgTransaction tx(c);
    Params p;
    if (m.handle_index)
      p.AddBytes(*m.handle_index);
    else
      p.AddNull();
    if (m.phrase_sealed.empty())
      p.AddNull();
    else
      p.AddBytes(m.phrase_sealed);
    p.AddBytes(m.note_sealed).Add(m.created_by).Add(m.created_at);
    const std::int64_t id = c.Exec(
                                 "INSERT INTO screening_markers (handle_index, phrase_sealed, "
                                 "note_sealed, created_by, created_at) "
                                 "VALUES ($1, $2, $3, $4, $5) RETURNING id",
                                 p)
                                .Int(0, 0);
    c.Execute("UPDATE applications SET screening_score = NULL");  // a new marker: screen all again
    tx.Commit();
    return id;
  });
}

Result<std::vector<StoredMarker>> PgApplicationStore::ListMarkers() {
  return pool_.With([&](PgConnection& c) -> Result<std::vector<StoredMarker>> {
    auto r = c.Exec(
        "SELECT id, handle_index, phrase_sealed, note_sealed, created_by, created_at FROM "
        "screening_markers "
        "ORDER BY id");
    std::vector<StoredMarker> out;
    for (int i = 0; i < r.rows(); ++i) {
      StoredMarker m;
      m.id = r.Int(i, 0);
      if (!r.IsNull(i, 1)) m.handle_index = ReadBlob32(r, i, 1);
      m.phrase_sealed = r.Bytes(i, 2);
      m.note_sealed = r.Bytes(i, 3);
      m.created_by = r.Int(i, 4);
      m.created_at = r.Int(i, 5);
      out.push_back(std::move(m));
    }
    return out;
  });
}

}  // namespace lifeline::store::postgres
