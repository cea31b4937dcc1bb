#pragma once
// Matching names written in different scripts and spellings: "Пётр Иванов", "Petr Ivanov"
// and "ivanov petr" are one name. Thread-safe.

#include <string>
#include <string_view>

namespace lifeline::text {

/// Latin, ASCII, lower-case, letters and digits only, words separated by one space:
/// "Пётр  Иванов-Младший" -> "petr ivanov mladshij". Invalid UTF-8 folds to what it can.
std::string Fold(std::string_view utf8);

/// The folded words sorted, so that word order does not matter: the key two spellings
/// of one name share.
std::string NameKey(std::string_view utf8);

/// 1.0 for the same name key, falling towards 0 with the edit distance between the keys
/// (so that a typo still scores high).
double NameSimilarity(std::string_view a, std::string_view b);

}  // namespace lifeline::text
