#include "server/response_padding.hpp"

#include <gtest/gtest.h>

namespace lifeline::server {
namespace {

TEST(ResponsePadding, TheBodyMakesUpWhatTheVaryingPartLacks) {
  // Sizes of body and varying part around each boundary: the total is always a padded size
  // less the allowance, the smallest that holds both, and the body keeps its text in front.
  const std::size_t first = kSmallestPaddedSize - kHeaderAllowance;  // 31,744
  const struct {
    std::size_t body, varying, total;
  } cases[] = {
      {0, 0, first},
      {1, 40, first},
      {first - 40, 40, first},                                       // exactly full
      {first - 39, 40, 2 * kSmallestPaddedSize - kHeaderAllowance},  // one byte over
      {first, 0, first},
      {first + 1, 0, 2 * kSmallestPaddedSize - kHeaderAllowance},
      {100'000, 77, 4 * kSmallestPaddedSize - kHeaderAllowance},  // 130,048 holds 100,077
      {4 * kSmallestPaddedSize, 0, 8 * kSmallestPaddedSize - kHeaderAllowance},
  };
  for (const auto& c : cases) {
    const std::string body(c.body, 'b');
    const std::string padded = PadBody(body, c.varying);
    EXPECT_EQ(padded.size() + c.varying, c.total) << c.body << " + " << c.varying;
    EXPECT_EQ(padded.substr(0, body.size()), body);
    EXPECT_EQ(padded.find_first_not_of(' ', body.size()), std::string::npos);
  }
}

TEST(ResponsePadding, TwoAnswersThatDifferOnlyInWhatVariesComeOutTheSameSize) {
  Response ok{200, "text/html; charset=utf-8", std::string(5'000, 'x'), {}};
  Response busy{503, "text/html; charset=utf-8", std::string(3'000, 'y'), {{"Retry-After", "1"}}};
  ok.headers.emplace_back("Clear-Site-Data", "\"cache\", \"storage\"");
  const std::size_t ok_varying = VaryingBytes(ok, "OK");
  const std::size_t busy_varying = VaryingBytes(busy, "Service Unavailable");
  EXPECT_EQ(ok_varying, 2 + 24 + (15 + 2 + 18 + 2));    // "OK", the type, the header line
  EXPECT_EQ(busy_varying, 19 + 24 + (11 + 2 + 1 + 2));  // "Service Unavailable", …
  EXPECT_EQ(PadBody(ok.body, ok_varying).size() + ok_varying,
            PadBody(busy.body, busy_varying).size() + busy_varying);
}

}  // namespace
}  // namespace lifeline::server
