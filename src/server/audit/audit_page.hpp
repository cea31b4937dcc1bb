#pragma once
// The auditors' page (Russian, as the rest of the console): the filter form, the entries in
// words, paging and the CSV download of what the filter shows. Pure rendering. Internal to
// server/.

#include <string>

#include "app/accounts/sessions.hpp"
#include "app/audit/audit_log.hpp"

namespace lifeline::server {

/// The filter as the auditor typed it (shown again in the form and carried by the links),
/// with the error of a part that could not be read.
struct AuditQueryView {
  std::string user;
  std::string action;
  std::string from;  // YYYY-MM-DD, UTC
  std::string to;    // YYYY-MM-DD, UTC, inclusive
  std::string error;
};

std::string ConsoleAuditPage(const app::SessionInfo& session, const app::AuditPage& page,
                             const AuditQueryView& query, int page_number, int per_page);

}  // namespace lifeline::server
