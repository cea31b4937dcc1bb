#pragma once
// Matching people's names written in different scripts, schemes, orders and forms: "Щукин
// Юрий Петрович", "Iurii Shchukin" and "Yury Schukin" are one person's name. Built on word
// skeletons (skeleton.hpp) and given-name forms (given_names.hpp); used by search and by
// duplicate detection alike. Pure and thread-safe.

#include <string>
#include <string_view>
#include <vector>

#include "text/edit_distance.hpp"  // BoundedDistance, used with these

namespace lifeline::text {

/// The name's words as compared: skeletons, given names in their canonical form, and, of
/// three words or more, a patronymic dropped (the word after a given name that ends like
/// one; failing that, the last word that does).
std::vector<std::string> NameWords(std::string_view utf8);

/// NameWords sorted and joined: the key two spellings of one name share (the blind index
/// of names for duplicates hashes it).
std::string NameKey(std::string_view utf8);

/// How many edits a word of this many symbols may be from another and still be it: none
/// under four symbols, one from four, two from eight.
std::size_t TyposAllowed(std::size_t symbols);

enum class NameAgreement {
  kNone,     // not the same name
  kSame,     // the same words, in any order, script or scheme
  kSpelled,  // the same, with a typo or two in some word
  kPartial,  // one name's words are all in the other, which has one more (a second surname)
};

/// Whether two names are one person's. Each needs at least two words (a surname alone
/// matches too many people); a patronymic is ignored.
NameAgreement CompareNames(std::string_view a, std::string_view b);

}  // namespace lifeline::text
