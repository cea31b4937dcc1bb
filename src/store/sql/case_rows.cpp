#include "store/sql/case_rows.hpp"

#include <fmt/format.h>

#include "store/sql/row_macs.hpp"

namespace lifeline::store::sql {

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
  ResealRow(s, "applications", id);
  return id;
}

}  // namespace lifeline::store::sql
