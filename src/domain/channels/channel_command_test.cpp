#include "domain/channels/channel_command.hpp"

#include <gtest/gtest.h>

namespace lifeline::channels {
namespace {

TEST(ChannelCommand, CommandWordsInEachLanguage) {
  struct Row {
    const char* text;
    CommandKind kind;
    const char* language;
  };
  const Row table[] = {
      {"STATUS", CommandKind::kStatus, "en"},
      {"статус", CommandKind::kStatus, ""},
      {"Статус", CommandKind::kStatus, ""},
      {"HELP", CommandKind::kHelp, "en"},
      {"помощь", CommandKind::kHelp, "ru"},
      {"ПОМОЩЬ", CommandKind::kHelp, "ru"},
      {"Допомога", CommandKind::kHelp, "uk"},
      {"дапамога", CommandKind::kHelp, "be"},
      {"STOP", CommandKind::kStop, "en"},
      {"стоп", CommandKind::kStop, ""},
      {"Відписатися", CommandKind::kStop, "uk"},
      {"/start", CommandKind::kHelp, "en"},
      {"/stop@synthetic_bot", CommandKind::kStop, "en"},
      {"  Stop!  ", CommandKind::kStop, "en"},
      {"СТОП.", CommandKind::kStop, ""},
      // Latin look-alikes typed on a phone: a Latin O in СТОП, all-Latin CTATYC.
      {"СТOП", CommandKind::kStop, ""},
      {"CTATYC", CommandKind::kStatus, ""},
  };
  for (const Row& r : table) {
    const ChannelCommand c = ParseChannelCommand(r.text);
    EXPECT_EQ(c.kind, r.kind) << r.text;
    EXPECT_EQ(c.language, r.language) << r.text;
  }
}

TEST(ChannelCommand, StopAndHelpCountOnlyAsTheWholeMessage) {
  for (const char* text :
       {"stop the shelling near us", "Стоп, я передумал писать", "help me please",
        "помощь нужна срочно", "stopping", "стопка", "статусы", "", "   ", "12345"}) {
    EXPECT_EQ(ParseChannelCommand(text).kind, CommandKind::kMessage) << text;
  }
}

TEST(ChannelCommand, StatusCarriesTheReceiptTypedAfterIt) {
  const ChannelCommand c = ParseChannelCommand("СТАТУС 912 345-67-89, 012345");
  ASSERT_EQ(c.kind, CommandKind::kStatus);
  ASSERT_TRUE(c.receipt);
  EXPECT_EQ(c.receipt->digits, "9123456789012345");
  EXPECT_FALSE(c.receipt_malformed);
  EXPECT_EQ(ParseChannelCommand("status +9123456789012345").receipt->digits, "9123456789012345");
  EXPECT_EQ(ParseChannelCommand("status:9123456789012345").receipt->digits, "9123456789012345");
  const ChannelCommand bare = ParseChannelCommand("статус");
  EXPECT_FALSE(bare.receipt);
  EXPECT_FALSE(bare.receipt_malformed);
  const ChannelCommand short_one = ParseChannelCommand("статус 912 345");
  EXPECT_EQ(short_one.kind, CommandKind::kStatus);
  EXPECT_TRUE(short_one.receipt_malformed);
}

}  // namespace
}  // namespace lifeline::channels
