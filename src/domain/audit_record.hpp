#pragma once
// One entry of the hash-chained audit log, as kept and as shown to auditors.

#include <cstdint>
#include <string>

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

}  // namespace lifeline
