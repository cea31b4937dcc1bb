#include "domain/utf8.hpp"

#include <gtest/gtest.h>

namespace lifeline {
namespace {

TEST(Utf8, AcceptsCyrillicAndEmoji) {
  EXPECT_TRUE(IsValidUtf8("Привіт, свет! \xF0\x9F\x98\x80"));
  EXPECT_EQ(CountCodePoints("жжж"), 3u);
}

TEST(Utf8, RejectsMalformedSequences) {
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xE2\x82"));          // truncated
  EXPECT_FALSE(IsValidUtf8("\x80"));
}

TEST(Utf8, FindsControlCharacters) {
  EXPECT_TRUE(HasControlCharacters(std::string("a\x01", 2)));
  EXPECT_FALSE(HasControlCharacters("tab\tand\nnewline"));
}

}  // namespace
}  // namespace lifeline
