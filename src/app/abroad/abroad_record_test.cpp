// The stored form of a person abroad's fields (app/abroad/abroad_record.hpp): what it writes, byte
// for byte, so that a change to the API's JSON cannot change it unnoticed; records sealed
// before it had a version (the API's JSON then) still open; anything else is refused.
#include "app/abroad/abroad_record.hpp"

#include <gtest/gtest.h>

namespace lifeline::app {
namespace {

PersonAbroadFields Synthetic() {
  PersonAbroadFields f;
  f.name = "Test Person";
  f.contact = "+000 0000";
  f.country = "KZ";
  f.city = "Testgrad";
  f.arrived_on = "2026-10-01";
  f.earlier_stays = {{"AM", "2026-03-01", "2026-05-30"}};
  f.documents = {{abroad::DocumentKind::kInternationalPassport, "2027-01-15"},
                 {abroad::DocumentKind::kVisa, ""}};
  f.cases = {{"338.3", "opened in absentia"}};
  f.family = {{"wife", "Test Spouse", "at home"}};
  f.notes = "synthetic";
  return f;
}

void ExpectSame(const PersonAbroadFields& a, const PersonAbroadFields& b) {
  EXPECT_EQ(EncodeStoredPerson(a), EncodeStoredPerson(b));
}

// Written out by hand: version 1 as it is sealed. Changing this string is changing what is
// stored, which needs a new version and a reader for the old one.
constexpr std::string_view kVersion1 =
    R"({"arrived_on":"2026-10-01","cases":[{"article":"338.3","status":"opened in absentia"}],)"
    R"("city":"Testgrad","contact":"+000 0000","country":"KZ","documents":[{"expires":)"
    R"("2027-01-15","kind":"international_passport"},{"expires":"","kind":"visa"}],)"
    R"("earlier_stays":[{"country":"AM","entered":"2026-03-01","left":"2026-05-30"}],)"
    R"("family":[{"name":"Test Spouse","relation":"wife","where":"at home"}],"name":)"
    R"("Test Person","notes":"synthetic","v":1})";

TEST(StoredPerson, VersionOneIsWrittenAsDocumented) {
  EXPECT_EQ(EncodeStoredPerson(Synthetic()), kVersion1);
}

TEST(StoredPerson, OpensWhatItWrites) {
  auto opened = DecodeStoredPerson(EncodeStoredPerson(Synthetic()));
  ASSERT_TRUE(opened) << opened.error().message;
  ExpectSame(*opened, Synthetic());
}

// A record sealed before the stored form had a version: the API's JSON of that time,
// without "v".
TEST(StoredPerson, OpensARecordSealedBeforeItHadAVersion) {
  std::string version0(kVersion1);
  version0.replace(version0.find(R"(,"v":1)"), 6, "");
  ASSERT_EQ(version0.find("\"v\""), std::string::npos);
  auto opened = DecodeStoredPerson(version0);
  ASSERT_TRUE(opened) << opened.error().message;
  ExpectSame(*opened, Synthetic());
  auto empty = DecodeStoredPerson("{}");
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->name, "");
  EXPECT_TRUE(empty->documents.empty());
}

TEST(StoredPerson, RefusesWhatItCannotRead) {
  for (std::string_view text :
       {R"({"v":2,"name":"Test Person"})",           // newer than this lifeline
        R"({"v":"1"})",                              // a version that is not a number
        R"({"name":7})",                             // a value of the wrong type
        R"({"documents":{"kind":"visa"}})",          // not a list
        R"({"documents":[{"kind":"bus_ticket"}]})",  // a kind this lifeline does not know
        R"({"family":[{"name":null}]})",             // null where text belongs
        R"([1,2])", "not json", ""}) {
    auto opened = DecodeStoredPerson(text);
    ASSERT_FALSE(opened) << text;
    EXPECT_EQ(opened.error().code, ErrorCode::kInternal) << text;
    EXPECT_EQ(opened.error().message, "this person's record is not understood");
  }
}

}  // namespace
}  // namespace lifeline::app
