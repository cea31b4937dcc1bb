#include "domain/contact_centre/sip_hints.hpp"

#include <gtest/gtest.h>

namespace lifeline::contact_centre {
namespace {

TEST(SipHints, PriorityHeaderMapsToQueuePriority) {
  EXPECT_EQ(PriorityFromSipPriority("emergency"), kEmergencyPriority);
  EXPECT_EQ(PriorityFromSipPriority(" Urgent "), kUrgentPriority);
  EXPECT_EQ(PriorityFromSipPriority("normal"), 0);
  EXPECT_EQ(PriorityFromSipPriority("non-urgent"), 0);
  EXPECT_EQ(PriorityFromSipPriority(""), 0);
  EXPECT_EQ(PriorityFromSipPriority("x-very-important"), 0);  // unknown tokens are normal
  EXPECT_GT(kEmergencyPriority, kUrgentPriority);
}

TEST(SipHints, AcceptLanguagePicksTheMostPreferredSpokenLanguage) {
  EXPECT_EQ(LanguageFromAcceptLanguage("uk"), Language::kUk);
  EXPECT_EQ(LanguageFromAcceptLanguage("uk-UA, ru;q=0.8"), Language::kUk);
  EXPECT_EQ(LanguageFromAcceptLanguage("ru;q=0.5, BE;q=0.9"), Language::kBe);
  EXPECT_EQ(LanguageFromAcceptLanguage("de, fr;q=0.9, en;q=0.3"),
            Language::kEn);                                        // the first the hotline speaks
  EXPECT_EQ(LanguageFromAcceptLanguage("en, uk"), Language::kEn);  // equal q: order decides
  EXPECT_EQ(LanguageFromAcceptLanguage("de"), std::nullopt);
  EXPECT_EQ(LanguageFromAcceptLanguage("uk;q=0"), std::nullopt);  // q=0: not acceptable
  EXPECT_EQ(LanguageFromAcceptLanguage("uk;q=abc, ru;q=0.2"),
            Language::kRu);  // a malformed range is skipped
  EXPECT_EQ(LanguageFromAcceptLanguage(""), std::nullopt);
  EXPECT_EQ(LanguageFromAcceptLanguage(",,;;"), std::nullopt);
}

}  // namespace
}  // namespace lifeline::contact_centre
