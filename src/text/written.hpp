#pragma once
// How close two words are *as written*, for telling apart the words one skeleton joins
// (skeleton.hpp). The skeleton makes Щукин, Шукин, Shchukin and Schukin one word, as it must
// for finding them all; but an operator who typed "Shchukin" means Щукин first, which is
// that word letter for letter in ICAO 9303, and Шукин only after two edits. Likewise
// "Sodoliych" is Зодолиых letter for letter in the German convention, though their skeletons
// are two symbols apart (German ch is х where other schemes' is ч), and "Poonaenko" is one
// letter from Pokonaenko but two symbols (a doubled letter is one symbol). Search ranks by
// this distance among matches of one kind, and counts a word no more edits away than it is
// here (docs/search.md). Pure and thread-safe.
//
// A word's *written form*: lower case; Latin letters without their marks (č is c, ŭ is u,
// ł is l, ß is ss); each Cyrillic letter one byte from 0x80 (ё is е, as it is often written);
// digits kept; apostrophes and accents dropped; other scripts as ICU writes them in Latin.
// skeleton.hpp's SkeletonWordsCounted gives it for each word.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "text/edit_distance.hpp"

namespace lifeline::text {

/// The written form's byte for a lower-case Cyrillic letter of Russian, Ukrainian or
/// Belarusian (U+0430..U+044F, ё, є, і, ї, ў, ґ); 0 for any other code point.
char WrittenCyrillic(char32_t c);

/// A lower-case Latin letter with a mark, as written without it ("c" for č, "ss" for ß);
/// "" for a code point that is not one.
std::string_view UnmarkedLatin(char32_t c);

/// The fewest letter edits (a letter changed, missing or extra, or two neighbours swapped)
/// between two written forms, stopping at `limit` + 1. A Cyrillic word and a Latin one are
/// compared with the Cyrillic word written in each scheme people and passports use (ICAO
/// 9303, BGN/PCGN, GOST 7.79 B, German, French, the official Ukrainian and Belarusian
/// romanisations and Łacinka), the closest counting.
std::size_t WrittenDistance(std::string_view a, std::string_view b, std::size_t limit);

/// A written form prepared for WrittenDistance against many others (a search query's word):
/// Distance(b, limit) == WrittenDistance(written, b, limit). A Cyrillic word's romanisations
/// are made once, each distinct one kept; a Latin word compares with each distinct
/// romanisation of a Cyrillic one.
class WrittenPattern {
 public:
  explicit WrittenPattern(std::string_view written);
  std::size_t Distance(std::string_view other, std::size_t limit) const;

 private:
  bool cyrillic_;
  EditPattern as_written_;
  std::vector<EditPattern> romanised_;  // if Cyrillic: its distinct romanisations
};

/// A Cyrillic written form in Latin letters by one of the schemes WrittenDistance reads
/// (0 ICAO 9303, 1 BGN/PCGN, 2 GOST 7.79 B, 3 German, 4 French, 5 Ukrainian national,
/// 6 Belarusian national and Łacinka without marks); Latin letters and digits unchanged.
std::string Romanise(std::string_view written, int scheme);
inline constexpr int kSchemes = 7;

}  // namespace lifeline::text
