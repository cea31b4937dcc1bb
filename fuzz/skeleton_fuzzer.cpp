// Words' skeletons (text/skeleton.cpp) and name comparison (text/name_match.cpp) on any
// text: skeletons are non-empty ASCII letters and digits, a text's skeleton words are the
// skeletons of its words, and a name always agrees with itself when it has two words; the
// bit-parallel edit distances agree with the row-by-row ones on any two halves of the input;
// the memo of the index's skeletons gives the words of the whole text.

#include "fuzz_check.hpp"
#include "text/name_match.hpp"
#include "text/skeleton.hpp"
#include "text/written.hpp"

using namespace lifeline;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), std::min<std::size_t>(size, 400));
  const auto words = text::SkeletonWords(text);
  for (const auto& w : words) {
    FUZZ_CHECK(!w.empty());
    for (unsigned char c : w)
      FUZZ_CHECK((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
  }
  const auto counted = text::SkeletonWordsCounted(text);
  FUZZ_CHECK(counted.size() == words.size());
  static text::SkeletonMemo memo(64);  // the index's memo gives the same words
  std::vector<text::SkeletonWord> remembered;
  memo.Append(text, remembered);
  FUZZ_CHECK(remembered.size() == counted.size());
  for (std::size_t i = 0; i < counted.size(); ++i) {
    FUZZ_CHECK(remembered[i].skeleton == counted[i].skeleton);
    FUZZ_CHECK(remembered[i].written == counted[i].written);
    FUZZ_CHECK(remembered[i].letters == counted[i].letters);
  }
  if (text::NameWords(text).size() >= 2)
    FUZZ_CHECK(text::CompareNames(text, text) == text::NameAgreement::kSame);
  FUZZ_CHECK(text::BoundedDistance(text::Skeleton(text), text::Skeleton(text), 2) == 0);
  const std::string_view a = std::string_view(text).substr(0, text.size() / 2),
                         b = std::string_view(text).substr(text.size() / 2);
  for (std::size_t limit : {std::size_t{2}, std::size_t{400}})
    FUZZ_CHECK(text::EditPattern(a).Distance(b, limit) == text::BoundedDistance(a, b, limit));
  for (std::size_t i = 1; i < counted.size(); ++i) {
    const auto& x = counted[i - 1].written;
    const auto& y = counted[i].written;
    FUZZ_CHECK(text::WrittenPattern(x).Distance(y, 3) == text::WrittenDistance(x, y, 3));
    FUZZ_CHECK(text::WrittenPattern(y).Distance(x, 3) == text::WrittenDistance(x, y, 3));
  }
  return 0;
}
