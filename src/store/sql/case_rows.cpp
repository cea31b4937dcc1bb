#include "store/sql/case_rows.hpp"

#include <fmt/format.h>

#include "store/sql/row_macs.hpp"

namespace lifeline::store::sql {

ClearFields ReadClear(const Row& row, int first) {
  ClearFields c;
  c.situation = row.Valid(ParseSituation(row.Text(first)));
  c.group_kind = row.Valid(ParseGroupKind(row.Text(first + 1)));
  c.group_size = static_cast<int>(row.Int(first + 2));
  c.contact_channel = row.Valid(ParseContactChannel(row.Text(first + 3)));
  c.language = row.Valid(ParseLanguage(row.Text(first + 4)));
  c.deploy_by = row.OptionalDate(first + 5);
  return c;
}

std::string SummaryColumns(std::string_view prefix) {
  return fmt::format(
      "{0}id, {0}received_on, {0}status, {0}situation, {0}group_kind, {0}group_size, "
      "{0}contact_channel, {0}language, {0}deploy_by, {0}assigned_user_id, "
      "CASE WHEN {0}custody_sealed IS NULL THEN 0 ELSE 1 END, {0}group_case_id",
      prefix);
}

CaseSummary ReadSummary(const Row& row, int first) {
  CaseSummary s;
  s.id = row.Int(first);
  s.received_on = row.DateAt(first + 1);
  s.status = row.Valid(ParseCaseStatus(row.Text(first + 2)));
  s.clear = ReadClear(row, first + 3);
  s.assigned_user_id = row.OptionalInt(first + 9);
  s.in_custody = row.Int(first + 10) != 0;
  s.group_case_id = row.OptionalInt(first + 11);
  return s;
}

std::vector<CaseSummary> ReadSummaries(const Rows& rows) {
  std::vector<CaseSummary> out;
  out.reserve(rows.size());
  for (const Row& row : rows) out.push_back(ReadSummary(row));
  return out;
}

std::vector<std::int64_t> ReadIds(const Rows& rows) {
  std::vector<std::int64_t> out;
  out.reserve(rows.size());
  for (const Row& row : rows) out.push_back(row.Int(0));
  return out;
}

bool RowExists(Session& s, std::string_view table, std::int64_t id) {
  return !s.Run(fmt::format("SELECT 1 FROM {} WHERE id = $1", table), Params().Add(id)).empty();
}

std::int64_t InsertApplication(Session& s, const NewApplication& a, Origin origin,
                               std::optional<std::int64_t> group_case_id,
                               std::optional<std::int64_t> assigned_user_id) {
  std::optional<std::string> deploy_by;
  if (a.clear.deploy_by) deploy_by = FormatIsoDate(*a.clear.deploy_by);
  const std::int64_t id =
      s.Run(fmt::format(
                "INSERT INTO applications (received_on, status, {}, receipt_lookup, reply_public, "
                "ephemeral_public, wrapped_key, sealed_fields, key_generation, origin, "
                "group_case_id, "
                "assigned_user_id) VALUES ($1, 'new', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
                "$12, "
                "$13, $14, $15, $16) RETURNING id",
                kClearColumns),
            Params()
                .Add(FormatIsoDate(a.received_on))
                .Add(ToString(a.clear.situation))
                .Add(ToString(a.clear.group_kind))
                .Add(std::int64_t{a.clear.group_size})
                .Add(ToString(a.clear.contact_channel))
                .Add(ToString(a.clear.language))
                .Add(deploy_by)
                .AddBytes(a.receipt_lookup)
                .AddBytes(a.reply_public)
                .AddBytes(a.ephemeral_public)
                .AddBytes(a.wrapped_key)
                .AddBytes(a.sealed_fields)
                .Add(a.key_generation)
                .Add(origin == Origin::kMember ? "member" : "applicant")
                .Add(group_case_id)
                .Add(assigned_user_id))[0]
          .Int(0);
  if (a.duress) {
    s.Run("INSERT INTO duress_receipts (lookup, case_id, reply_public) VALUES ($1, $2, $3)",
          Params().AddBytes(a.duress->lookup).Add(id).AddBytes(a.duress->reply_public));
  }
  ResealRow(s, "applications", id);
  return id;
}

}  // namespace lifeline::store::sql
