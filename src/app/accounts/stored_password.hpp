#pragma once
// What an account's password column holds: the Argon2id hash, prefixed while a reset by an
// administrator is under way. The column is covered by the account's row MAC
// (store/row_mac.hpp), so whoever can write to the database cannot move an account in or out
// of a reset without the row failing its check.
//
//   "$argon2id$…"        kInUse: the password the person chose
//   "reset:<T>:$argon2id$…"  kMustChoose: a one-time password an administrator handed over,
//                        good until T (Unix seconds); it signs in only to choose a new password
//   "enrol:$argon2id$…"  kMustEnrol: chosen, but the second factor, cleared by the reset, is
//                        not enrolled again yet

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>

namespace lifeline::app {

enum class PasswordStage { kInUse, kMustChoose, kMustEnrol };

struct StoredPassword {
  PasswordStage stage = PasswordStage::kInUse;
  std::string_view hash;         // without the prefix; empty (matching nothing) if malformed
  std::int64_t valid_until = 0;  // kMustChoose: the one-time password's last second
};

inline constexpr std::string_view kResetPrefix = "reset:";
inline constexpr std::string_view kEnrolPrefix = "enrol:";

inline StoredPassword ReadStoredPassword(std::string_view column) {
  if (column.starts_with(kResetPrefix)) {
    column.remove_prefix(kResetPrefix.size());
    StoredPassword stored{PasswordStage::kMustChoose, {}, 0};
    const auto colon = column.find(':');
    if (colon == std::string_view::npos) return stored;
    const auto [end, error] =
        std::from_chars(column.data(), column.data() + colon, stored.valid_until);
    if (error == std::errc() && end == column.data() + colon)
      stored.hash = column.substr(colon + 1);
    return stored;
  }
  if (column.starts_with(kEnrolPrefix))
    return {PasswordStage::kMustEnrol, column.substr(kEnrolPrefix.size())};
  return {PasswordStage::kInUse, column};
}

/// The column for `hash` at `stage`; `valid_until` is used only for kMustChoose.
inline std::string StoredPasswordColumn(PasswordStage stage, std::string_view hash,
                                        std::int64_t valid_until = 0) {
  switch (stage) {
    case PasswordStage::kMustChoose:
      return std::string(kResetPrefix) + std::to_string(valid_until) + ":" + std::string(hash);
    case PasswordStage::kMustEnrol:
      return std::string(kEnrolPrefix) + std::string(hash);
    case PasswordStage::kInUse:
      break;
  }
  return std::string(hash);
}

}  // namespace lifeline::app
