#include "store/sqlite/audit_rows.hpp"

#include <algorithm>
#include <string>
#include <string_view>

namespace lifeline::store::sqlite {
namespace {

constexpr std::string_view kAuditSelect =
    "SELECT seq, at, actor_user_id, actor_name, action, target, mac FROM audit_log";

AuditRecord ReadAudit(const Statement& s) {
  AuditRecord r;
  r.seq = s.Int(0);
  r.at = s.Int(1);
  r.actor_user_id = s.Int(2);
  r.actor_name = s.Text(3);
  r.action = s.Text(4);
  r.target = s.Text(5);
  const Blob mac = s.Blob(6);
  // A mac of the wrong size is kept as zeros so that verification reports the entry.
  if (mac.size() == r.mac.size()) std::copy(mac.begin(), mac.end(), r.mac.begin());
  return r;
}

}  // namespace

std::optional<AuditRecord> SelectLastAudit(Connection& reader) {
  auto s = reader.Prepare(std::string(kAuditSelect) + " ORDER BY seq DESC LIMIT 1");
  if (!s.Step()) return std::nullopt;
  return ReadAudit(s);
}

std::vector<AuditRecord> SelectAuditAfter(Connection& reader, std::int64_t after_seq, int limit) {
  auto s = reader.Prepare(std::string(kAuditSelect) + " WHERE seq > ? ORDER BY seq LIMIT ?");
  s.Bind(1, after_seq).Bind(2, std::int64_t{limit});
  std::vector<AuditRecord> out;
  while (s.Step()) out.push_back(ReadAudit(s));
  return out;
}

void InsertAudit(Connection& writer, const AuditRecord& r) {
  auto s = writer.Prepare(
      "INSERT INTO audit_log (seq, at, actor_user_id, actor_name, action, target, mac) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  s.Bind(1, r.seq).Bind(2, r.at).Bind(3, r.actor_user_id).Bind(4, r.actor_name)
      .Bind(5, r.action).Bind(6, r.target).Bind(7, r.mac);
  s.Step();
}

}  // namespace lifeline::store::sqlite
