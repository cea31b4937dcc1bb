#include "store/sqlite/statistics_rows.hpp"

#include <fmt/format.h>

#include "store/sqlite/rows.hpp"

namespace lifeline::store::sqlite {
namespace {

using rows::ParseDate;

// Inquiries only: members added to a group (unit) case did not write in. `column` is one of
// two fixed names, never input.
std::vector<StatisticsCounts::DayCount> CountPerDay(Connection& c, const char* column, Date from,
                                                    Date to) {
  auto s = c.Prepare(
      fmt::format("SELECT received_on, {0}, count(*) FROM applications WHERE received_on >= ? AND "
                  "received_on < ? "
                  "AND origin = 'applicant' GROUP BY received_on, {0} ORDER BY received_on, {0}",
                  column));
  s.Bind(1, FormatIsoDate(from)).Bind(2, FormatIsoDate(to));
  std::vector<StatisticsCounts::DayCount> out;
  while (s.Step()) out.push_back({ParseDate(s.Text(0)), s.Text(1), s.Int(2)});
  return out;
}

std::int64_t Count(Connection& c, const std::string& sql) {
  auto s = c.Prepare(sql);
  s.Step();
  return s.Int(0);
}

}  // namespace

StatisticsCounts SelectStatistics(Connection& reader, Date from, Date to, Date today) {
  reader.Execute("BEGIN");  // one snapshot for every count
  struct End {
    Connection& c;
    ~End() {
      try {
        c.Execute("COMMIT");
      } catch (const SqliteError&) {
      }
    }
  } end{reader};
  StatisticsCounts out;
  out.by_channel = CountPerDay(reader, "contact_channel", from, to);
  out.by_situation = CountPerDay(reader, "situation", from, to);
  out.applications = Count(reader, "SELECT count(*) FROM applications");
  out.verified =
      Count(reader, "SELECT count(DISTINCT case_id) FROM case_events WHERE to_status = 'verified'");
  out.crossed =
      Count(reader, "SELECT count(DISTINCT case_id) FROM case_events WHERE to_status = 'crossed'");
  const std::chrono::sys_days t{today};
  const int edges[] = {0, 7, 30, 90, 180};
  for (std::size_t i = 0; i < std::size(edges); ++i) {
    const std::string newest =
        FormatIsoDate(std::chrono::year_month_day{t - std::chrono::days{edges[i]}});
    std::string sql = fmt::format(
        "SELECT count(*) FROM applications WHERE status NOT IN ('closed', 'withdrawn', 'rejected', "
        "'duplicate') AND received_on <= '{}'",
        newest);
    if (i + 1 < std::size(edges)) {
      const std::string oldest =
          FormatIsoDate(std::chrono::year_month_day{t - std::chrono::days{edges[i + 1]}});
      sql += fmt::format(" AND received_on > '{}'", oldest);
    }
    out.open_by_age.push_back(Count(reader, sql));
  }
  return out;
}

}  // namespace lifeline::store::sqlite
