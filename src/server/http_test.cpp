#include "server/http.hpp"

#include <gtest/gtest.h>

namespace lifeline::server {
namespace {

TEST(Router, MatchesPatternsAndReportsMissingRoutes) {
  Router router;
  std::string seen;
  router.Add("GET", "/api/v1/cases/{id}", [&](Request& r, Respond respond) {
    seen = r.params["id"];
    respond({200, "text/plain", "ok", {}});
  });
  Request r;
  r.method = "GET";
  r.path = "/api/v1/cases/42";
  int status = 0;
  router.Dispatch(r, [&](Response resp) { status = resp.status; });
  EXPECT_EQ(status, 200);
  EXPECT_EQ(seen, "42");
  r.method = "POST";
  router.Dispatch(r, [&](Response resp) { status = resp.status; });
  EXPECT_EQ(status, 405);
  r.path = "/nothing";
  router.Dispatch(r, [&](Response resp) { status = resp.status; });
  EXPECT_EQ(status, 404);
}

TEST(ParseForm, DecodesPlusAndPercent) {
  auto form = ParseForm("name=%D0%98%D0%B2%D0%B0%D0%BD+X&empty=&flag");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->find("name")->second, "Иван X");
  EXPECT_EQ(form->find("empty")->second, "");
  EXPECT_EQ(form->find("flag")->second, "");
  EXPECT_FALSE(ParseForm("a=%ZZ"));
  EXPECT_FALSE(ParseForm("a=%4"));
}

TEST(ParseForm, ReadsBackWhatUrlEncodeWrote) {
  const std::string value = "op.one & Иван=1+2 %~_-";
  EXPECT_EQ(UrlEncode("a b&c"), "a%20b%26c");
  auto form = ParseForm("v=" + UrlEncode(value));
  ASSERT_TRUE(form);
  EXPECT_EQ(form->find("v")->second, value);
}

TEST(Http, EscapesHtmlAndReadsCookies) {
  EXPECT_EQ(HtmlEscape("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
  Request r;
  r.headers["cookie"] = "a=1; lifeline_session=abc; b=2";
  EXPECT_EQ(r.Cookie("lifeline_session"), "abc");
  EXPECT_EQ(r.Cookie("missing"), "");
}

TEST(Http, MapsErrorsToStatuses) {
  EXPECT_EQ(JsonError(InvalidInput("x")).status, 400);
  Response busy = JsonError(Error{ErrorCode::kUnavailable, "busy"});
  EXPECT_EQ(busy.status, 503);
  ASSERT_EQ(busy.headers.size(), 1u);
  EXPECT_EQ(busy.headers[0].first, "Retry-After");
}

}  // namespace
}  // namespace lifeline::server
