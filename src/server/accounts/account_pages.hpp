#pragma once
// The administrators' accounts page (Russian, as the rest of the console). Pure rendering.
// Internal to server/.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/accounts/account_admin.hpp"
#include "app/accounts/sessions.hpp"

namespace lifeline::server {

/// What the page says after one of its forms: what was done to which account, the one-time
/// password of a reset (shown this once), or why it was refused.
struct AccountsNotice {
  std::int64_t account_id = 0;
  std::string done;  // "disable", "enable", "unlock" or "reset"
  std::optional<app::PasswordReset> reset;
  std::optional<Error> error;
};

std::string ConsoleAccountsPage(const app::SessionInfo& session,
                                const std::vector<app::AccountView>& accounts,
                                const AccountsNotice& notice);

}  // namespace lifeline::server
