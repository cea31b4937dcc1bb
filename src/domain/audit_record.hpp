#pragma once
// One entry of the hash-chained audit log, as kept and as shown to auditors.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/record_values.hpp"

namespace lifeline {

/// One entry of the hash-chained audit log (app/audit/audit_log.hpp). No personal data.
struct AuditRecord {
  std::int64_t seq = 0;            // 1, 2, 3, … without gaps
  std::int64_t at = 0;             // seconds since the epoch
  std::int64_t actor_user_id = 0;  // 0: nobody signed in (e.g. a failed sign-in)
  std::string actor_name;          // the operator's account name, or empty
  std::string action;              // AuditAction wire name
  std::string target;              // "case:42", "user:3", or empty
  Blob32 mac{};                    // keyed hash over the previous mac and this entry
};

/// Which entries an auditor asks for; an empty part matches every entry.
struct AuditFilter {
  std::string actor_name;                // the account that acted
  std::string action;                    // an AuditAction wire name
  std::optional<std::int64_t> from_at;   // from this second on (Unix seconds)
  std::optional<std::int64_t> until_at;  // before this second
  bool empty() const { return actor_name.empty() && action.empty() && !from_at && !until_at; }
};

/// A page of the entries a filter matches, newest first, and how many match in all.
struct AuditMatches {
  std::vector<AuditRecord> entries;
  std::int64_t total = 0;
};

}  // namespace lifeline
