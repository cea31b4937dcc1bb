#include "server/intake/application_json.hpp"

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
  EXPECT_EQ(
      ParseApplicationJson(R"({"contact":{"channel":"sms"},"group":{"size":"ten"}})").error().field,
      "group.size");
  EXPECT_EQ(
      ParseApplicationJson(R"({"contact":{"channel":"sms","safe_windows":[1]}})").error().field,
      "contact.safe_windows");
}

// The name of an unknown member is the sender's own text (someone may type a surname as a
// key): it is refused, and the error names only the object that holds it.
TEST(ApplicationJson, RefusesUnknownFieldsWithoutRepeatingTheirNames) {
  const auto top = ParseApplicationJson(R"({"contact":{"channel":"sms"},"Petrenko Ivan":"x"})");
  ASSERT_FALSE(top.ok());
  EXPECT_EQ(top.error().field, "");
  EXPECT_EQ(top.error().message.find("Petrenko"), std::string::npos) << top.error().message;
  const auto nested = ParseApplicationJson(R"({"contact":{"channel":"sms","Petrenko":"x"}})");
  ASSERT_FALSE(nested.ok());
  EXPECT_EQ(nested.error().field, "contact");
  EXPECT_EQ(nested.error().message.find("Petrenko"), std::string::npos) << nested.error().message;
  const auto group =
      ParseApplicationJson(R"({"contact":{"channel":"sms"},"group":{"Petrenko":1}})");
  ASSERT_FALSE(group.ok());
  EXPECT_EQ(group.error().field, "group");
}

TEST(ApplicationJson, RefusesInvalidUtf8) {
  const std::string body = "{\"name\":\"\xC3\x28\",\"contact\":{\"channel\":\"none\"}}";
  EXPECT_FALSE(ParseApplicationJson(body).ok());
}

}  // namespace
}  // namespace lifeline::server
