// Words' skeletons (text/skeleton.cpp) and name comparison (text/name_match.cpp) on any
// text: skeletons are non-empty ASCII letters and digits, a text's skeleton words are the
// skeletons of its words, and a name always agrees with itself when it has two words.

#include "fuzz_check.hpp"
#include "text/name_match.hpp"
#include "text/skeleton.hpp"

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
  if (text::NameWords(text).size() >= 2)
    FUZZ_CHECK(text::CompareNames(text, text) == text::NameAgreement::kSame);
  FUZZ_CHECK(text::BoundedDistance(text::Skeleton(text), text::Skeleton(text), 2) == 0);
  return 0;
}
