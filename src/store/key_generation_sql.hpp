#pragma once
// How many record keys are still wrapped under an office key generation older than $1, in
// SQL both engines understand (SQLite reads "$1" as one parameter wherever it appears), so
// that the count which lets a key be retired cannot drift between them.

#include <string_view>

namespace lifeline::store {

inline constexpr std::string_view kCountKeysOlderThanSql =
    "SELECT (SELECT count(*) FROM applications WHERE key_generation < $1) + "
    "(SELECT count(*) FROM messages WHERE key_generation < $1) + "
    "(SELECT count(*) FROM prisoners WHERE key_generation < $1) + "
    "(SELECT count(*) FROM people_abroad WHERE key_generation < $1)";

}  // namespace lifeline::store
