#include "server/application_json.hpp"

#include <gtest/gtest.h>

namespace lifeline::server {
namespace {

TEST(ApplicationJson, ReadsEveryField) {
  auto d = ParseApplicationJson(R"({"situation":"at_front","group":{"kind":"unit","size":12},
    "deploy_by":"2026-12-01","contact":{"channel":"signal","handle":"@x","safe_windows":["10:00-11:00"]},
    "name":"N","unit":"U","rank":"R","location":"L","message":"M","language":"uk"})");
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_EQ(d->group_kind, "unit");
  EXPECT_EQ(d->group_size, 12);
  EXPECT_EQ(d->safe_windows.size(), 1u);
  EXPECT_EQ(d->language, "uk");
}

TEST(ApplicationJson, RefusesWrongShapes) {
  for (const char* body : {"", "[]", "{", R"({"contact":{}} trailing)", "\"text\""}) {
    EXPECT_FALSE(ParseApplicationJson(body).ok()) << body;
  }
  EXPECT_EQ(ParseApplicationJson(R"({"situation":"serving"})").error().field, "contact");
  EXPECT_EQ(ParseApplicationJson(R"({"situation":1,"contact":{}})").error().field, "situation");
  EXPECT_EQ(ParseApplicationJson(R"({"contact":{"channel":"sms"},"surname":"x"})").error().field, "surname");
  EXPECT_EQ(ParseApplicationJson(R"({"contact":{"channel":"sms"},"group":{"size":"ten"}})").error().field,
            "group.size");
  EXPECT_EQ(ParseApplicationJson(R"({"contact":{"channel":"sms","safe_windows":[1]}})").error().field,
            "contact.safe_windows");
}

TEST(ApplicationJson, RefusesInvalidUtf8) {
  const std::string body = "{\"name\":\"\xC3\x28\",\"contact\":{\"channel\":\"none\"}}";
  EXPECT_FALSE(ParseApplicationJson(body).ok());
}

}  // namespace
}  // namespace lifeline::server
