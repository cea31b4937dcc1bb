#include "channels/sms/kannel_inbound.hpp"

#include <gtest/gtest.h>

namespace lifeline::channels::sms {
namespace {

using Query = std::multimap<std::string, std::string>;

Query Call(std::string text, std::string coding = "0", std::string charset = "UTF-8") {
  return {{"from", "+79001234567"},
          {"id", "f94cf393-4b65"},
          {"text", std::move(text)},
          {"coding", coding},
          {"charset", charset}};
}

std::string FieldOf(const Query& query) {
  auto parsed = ParseKannelInbound(query);
  return parsed ? "ok" : parsed.error().field;
}

TEST(KannelInbound, ReadsASevenBitMessageAsUtf8) {
  auto in = ParseKannelInbound(Call("STATUS 1234"));
  ASSERT_TRUE(in.ok());
  EXPECT_EQ(in->sender, "+79001234567");
  EXPECT_EQ(in->message_id, "f94cf393-4b65");
  EXPECT_EQ(in->text, "STATUS 1234");
}

TEST(KannelInbound, DecodesUcs2AsKannelSendsIt) {
  // "При" as smsbox's %a gives it: UTF-16BE bytes, charset UTF-16BE, coding 2.
  auto in = ParseKannelInbound(Call(std::string("\x04\x1F\x04\x40\x04\x38", 6), "2", "UTF-16BE"));
  ASSERT_TRUE(in.ok());
  EXPECT_EQ(in->text, "При");
}

TEST(KannelInbound, DecodesSurrogatePairs) {
  EXPECT_EQ(Utf16BeToUtf8(std::string("\xD8\x3D\xDE\x00", 4)), "\xF0\x9F\x98\x80");
  EXPECT_EQ(Utf16BeToUtf8(std::string("\xD8\x3D\x00\x41", 4)),
            std::nullopt);                                                 // a lone high surrogate
  EXPECT_EQ(Utf16BeToUtf8(std::string("\xDE\x00", 2)), std::nullopt);      // a lone low one
  EXPECT_EQ(Utf16BeToUtf8(std::string("\x04\x1F\x04", 3)), std::nullopt);  // an odd length
}

TEST(KannelInbound, NamesTheFieldAtFault) {
  Query no_sender = Call("hi");
  no_sender.erase("from");
  EXPECT_EQ(FieldOf(no_sender), "from");
  Query no_id = Call("hi");
  no_id.erase("id");
  EXPECT_EQ(FieldOf(no_id), "id");
  EXPECT_EQ(FieldOf(Call("")), "text");
  EXPECT_EQ(FieldOf(Call("\xC3\x28")), "text");                               // invalid UTF-8
  EXPECT_EQ(FieldOf(Call(std::string("\x04", 1), "2", "UTF-16BE")), "text");  // invalid UTF-16
  EXPECT_EQ(FieldOf(Call("data", "1")), "coding");                            // binary
  EXPECT_EQ(FieldOf(Call("hi", "7")), "coding");
  EXPECT_EQ(FieldOf(Call("hi", "0", "KOI8-R")), "charset");
  EXPECT_EQ(FieldOf(Call("hi", "2", "")), "charset");  // UCS-2 without its charset
}

TEST(KannelInbound, RefusesAnOversizedTextWithoutQuotingIt) {
  auto parsed = ParseKannelInbound(Call(std::string(kMaxInboundTextBytes + 1, 'a')));
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, ErrorCode::kTooLarge);
  EXPECT_EQ(parsed.error().field, "text");
  EXPECT_EQ(parsed.error().message.find("aaaa"), std::string::npos);
  EXPECT_TRUE(ParseKannelInbound(Call(std::string(kMaxInboundTextBytes, 'a'))).ok());
}

}  // namespace
}  // namespace lifeline::channels::sms
