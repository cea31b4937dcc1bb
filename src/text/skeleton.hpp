#pragma once
// The one representation search and duplicate detection compare names and words on: a
// word's *skeleton*, one ASCII symbol per Cyrillic letter, reached the same way from
// Russian, Ukrainian and Belarusian Cyrillic and from the Latin schemes people and passports
// use (ICAO 9303, BGN/PCGN, GOST 7.79, the German, French and Polish conventions, Belarusian
// Łacinka and the official Belarusian and Ukrainian romanisations). Because one Cyrillic
// letter is one symbol, one wrong letter is one edit in either script ("Щукин" and
// "Shchukin" are both "Sukin"; a typo in either is one symbol away).
//
// The symbols (docs/search.md has the table and the reasons):
//   a б=b в,ў=v г,ґ,х=h д=d е,ё,э,є=e ж=Z з=z и,і,ы,й,ї=i к=k л=l м=m н=n о=o п=p р=r
//   с=s т=t у=u ф=f ц=c ч=C ш,щ=S ю=Y я=A; ь, ъ and apostrophes are dropped; digits stay.
// Then, on both scripts alike: "ts" is "c" (тс/ц), "SC" is "S" (ш+ч is how щ is spelt in
// Latin), a letter doubled is one, and "i" before a vowel is the vowel's iotated form
// ("ia"=я, "iu"=ю, "ie" and "io"=е), which makes Yolkin, Jolkin, Elkin and Ёлкин alike.
// In Latin only: a vowel's following "u" or "w" is ў (Piatrou, Ivanow = Пятроў, Іваноў).
// Other scripts are transliterated by ICU first. Pure and thread-safe.

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace lifeline::text {

/// The skeletons of the words of `utf8`, in order: words are runs of letters and digits
/// (apostrophes inside a word do not split it), each at least one symbol. Invalid UTF-8 is
/// skipped, never an error.
std::vector<std::string> SkeletonWords(std::string_view utf8);

/// A word's skeleton, how many letters and digits it was written with ("x" is one letter,
/// "ks"), and the word as written (written.hpp's form: lower case, Latin marks dropped, one
/// byte per Cyrillic letter), which tells apart the words one skeleton joins.
struct SkeletonWord {
  std::string skeleton;
  std::size_t letters = 0;
  std::string written;
};
std::vector<SkeletonWord> SkeletonWordsCounted(std::string_view utf8);

/// SkeletonWordsCounted for many texts in a row (a search index being built): each
/// whitespace-separated token's words are remembered, so that a token seen before (as most
/// words of a text are) costs a lookup. ASCII whitespace always ends a word, so the words are
/// those of SkeletonWordsCounted(utf8). Holds at most `capacity` tokens and forgets them all
/// when full. Not thread-safe: one per thread.
class SkeletonMemo {
 public:
  explicit SkeletonMemo(std::size_t capacity) : capacity_(capacity) {}
  /// Appends the words of `utf8` to `out`.
  void Append(std::string_view utf8, std::vector<SkeletonWord>& out);

 private:
  std::size_t capacity_;
  std::unordered_map<std::string, std::vector<SkeletonWord>> tokens_;
};

/// The skeleton of one word (the words of `utf8` run together).
std::string Skeleton(std::string_view utf8);

/// Whether a skeleton is all digits (a unit number, a phone number's piece).
bool IsNumber(std::string_view skeleton);

}  // namespace lifeline::text
