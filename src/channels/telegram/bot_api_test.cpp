#include "channels/telegram/bot_api.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace lifeline::channels::telegram {
namespace {

using nlohmann::json;

// Shaped as the Bot API documents Update, Message, Chat and User; synthetic ids and text.
std::string PrivateText(std::int64_t update_id, std::int64_t chat_id, std::int64_t message_id,
                        const std::string& text) {
  return json{{"update_id", update_id},
              {"message",
               {{"message_id", message_id},
                {"from", {{"id", chat_id}, {"is_bot", false}, {"first_name", "Synthetic"}}},
                {"chat", {{"id", chat_id}, {"first_name", "Synthetic"}, {"type", "private"}}},
                {"date", 1700000000},
                {"text", text}}}}
      .dump();
}

TEST(TelegramUpdate, TakesAPrivateChatsTextWithTheChatIdAsAddress) {
  auto update = ParseUpdate(PrivateText(900001, 5550001, 17, "Нужна помощь"));
  ASSERT_TRUE(update.ok());
  EXPECT_EQ(update->update_id, 900001);
  ASSERT_TRUE(update->text);
  EXPECT_EQ(update->text->address, "5550001");
  EXPECT_EQ(update->text->message_id, "5550001:17");
  EXPECT_EQ(update->text->text, "Нужна помощь");
}

TEST(TelegramUpdate, ARedeliveryHasTheSameMessageIdEvenUnderAnotherUpdateId) {
  auto first = ParseUpdate(PrivateText(1, 42, 7, "hello"));
  auto again = ParseUpdate(PrivateText(2, 42, 7, "hello"));
  ASSERT_TRUE(first.ok() && again.ok());
  EXPECT_EQ(first->text->message_id, again->text->message_id);
}

TEST(TelegramUpdate, IgnoresEditsPhotosStickersGroupsAndOtherUpdates) {
  json edited = json::parse(PrivateText(3, 42, 7, "changed"));
  edited["edited_message"] = edited["message"];
  edited.erase("message");
  json photo = json::parse(PrivateText(4, 42, 8, "x"));
  photo["message"].erase("text");
  photo["message"]["photo"] =
      json::array({{{"file_id", "f"}, {"file_unique_id", "u"}, {"width", 1}, {"height", 1}}});
  json sticker = json::parse(PrivateText(5, 42, 9, "x"));
  sticker["message"].erase("text");
  sticker["message"]["sticker"] = {{"file_id", "s"}};
  json group = json::parse(PrivateText(6, -1001234, 10, "hello all"));
  group["message"]["chat"]["type"] = "supergroup";
  const json callback = {{"update_id", 7}, {"callback_query", {{"id", "q"}}}};

  const std::pair<json, std::string> cases[] = {{edited, "edited_message"},
                                                {photo, "not_text"},
                                                {sticker, "not_text"},
                                                {group, "not_private"},
                                                {callback, "other"}};
  for (const auto& [body, why] : cases) {
    auto update = ParseUpdate(body.dump());
    ASSERT_TRUE(update.ok()) << why;
    EXPECT_FALSE(update->text) << why;
    EXPECT_EQ(update->ignored, why);
  }
}

TEST(TelegramUpdate, RefusesWhatIsNotAnUpdate) {
  for (const std::string& body :
       {std::string("not json"), std::string("[]"), std::string("{\"message\":{}}"),
        std::string("{\"update_id\":\"1\"}"), std::string("{\"update_id\":1,\"x\":\"\xff\"}"),
        std::string("\x00\x01\x02", 3)}) {
    auto update = ParseUpdate(body);
    ASSERT_FALSE(update.ok());
    EXPECT_EQ(update.error().code, ErrorCode::kInvalidInput);
  }
}

// Found by fuzz/telegram_update_fuzzer: a member of another type than documented threw
// nlohmann's type_error out of the parser, which ended the poller's thread and the process.
TEST(TelegramUpdate, AMemberOfAnotherTypeIsReadAsAbsentNotThrown) {
  auto update = ParseUpdate(
      R"({"update_id":1,"message":{"message_id":1,"chat":{"id":5,"type":7},"text":"x"}})");
  ASSERT_TRUE(update.ok());
  EXPECT_EQ(update->ignored, "not_private");
  auto updates = ParseUpdates({200, R"({"ok": 3, "parameters": {"retry_after": 0}})"});
  ASSERT_FALSE(updates.ok());
  EXPECT_EQ(updates.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(InterpretSendAnswer(Result<HttpReply>(HttpReply{200, R"({"ok":1})"})).outcome,
            SendOutcome::kRetryLater);
}

TEST(TelegramUpdates, ReadsGetUpdatesResultsAndTheApisRefusals) {
  const std::string ok = "{\"ok\":true,\"result\":[" + PrivateText(10, 42, 1, "a") + "," +
                         PrivateText(11, 43, 1, "b") + "]}";
  auto updates = ParseUpdates({200, ok});
  ASSERT_TRUE(updates.ok());
  ASSERT_EQ(updates->size(), 2u);
  EXPECT_EQ((*updates)[1].update_id, 11);
  EXPECT_EQ((*updates)[1].text->address, "43");

  auto unauthorized =
      ParseUpdates({401, R"({"ok":false,"error_code":401,"description":"Unauthorized"})"});
  ASSERT_FALSE(unauthorized.ok());
  EXPECT_EQ(unauthorized.error().code, ErrorCode::kUnauthenticated);
  auto webhook_set = ParseUpdates(
      {409,
       R"({"ok":false,"error_code":409,"description":"Conflict: can't use getUpdates method while webhook is active"})"});
  ASSERT_FALSE(webhook_set.ok());
  EXPECT_EQ(webhook_set.error().code, ErrorCode::kConflict);
  auto throttled = ParseUpdates(
      {429,
       R"({"ok":false,"error_code":429,"description":"Too Many Requests: retry after 7","parameters":{"retry_after":7}})"});
  ASSERT_FALSE(throttled.ok());
  EXPECT_EQ(throttled.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(throttled.error().retry_after_seconds, 7);
  EXPECT_FALSE(ParseUpdates({502, "<html>Bad Gateway</html>"}).ok());
}

TEST(TelegramSend, BuildsSendMessageAndTheWebhookAnswerWithANumericChatId) {
  const json body = json::parse(SendMessageBody("5550001", "Ответ"));
  EXPECT_EQ(body["chat_id"], 5550001);
  EXPECT_EQ(body["text"], "Ответ");
  EXPECT_FALSE(body.contains("method"));
  const json answer = json::parse(WebhookAnswer("-42", "hi"));
  EXPECT_EQ(answer["method"], "sendMessage");
  EXPECT_EQ(answer["chat_id"], -42);
  EXPECT_EQ(answer["text"], "hi");
}

TEST(TelegramSend, MapsTheBotApisAnswerToTheOutboxsOutcome) {
  auto outcome = [](long status, std::string body) {
    return InterpretSendAnswer(HttpReply{status, std::move(body)});
  };
  EXPECT_EQ(outcome(200, R"({"ok":true,"result":{"message_id":5}})").outcome,
            SendOutcome::kAccepted);
  const SendResult throttled = outcome(
      429,
      R"({"ok":false,"error_code":429,"description":"Too Many Requests: retry after 3","parameters":{"retry_after":3}})");
  EXPECT_EQ(throttled.outcome, SendOutcome::kRetryLater);
  EXPECT_EQ(throttled.retry_after_seconds, 3);
  EXPECT_EQ(outcome(502, "Bad Gateway").outcome, SendOutcome::kRetryLater);
  EXPECT_EQ(outcome(500, R"({"ok":false,"error_code":500,"description":"Internal Server Error"})")
                .outcome,
            SendOutcome::kRetryLater);
  EXPECT_EQ(outcome(200, "not json").outcome, SendOutcome::kRetryLater);
  EXPECT_EQ(
      outcome(400, R"({"ok":false,"error_code":400,"description":"Bad Request: chat not found"})")
          .outcome,
      SendOutcome::kRejected);
  EXPECT_EQ(
      outcome(
          403,
          R"({"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"})")
          .outcome,
      SendOutcome::kRejected);
  // Our token is wrong: the reply is not at fault, it waits.
  EXPECT_EQ(outcome(401, R"({"ok":false,"error_code":401,"description":"Unauthorized"})").outcome,
            SendOutcome::kRetryLater);
  EXPECT_EQ(InterpretSendAnswer(Error{ErrorCode::kUnavailable, "unreachable"}).outcome,
            SendOutcome::kRetryLater);
}

TEST(TelegramSecret, MatchesOnlyTheExactSecret) {
  EXPECT_TRUE(SecretMatches("s3cret_Token-1", "s3cret_Token-1"));
  EXPECT_FALSE(SecretMatches("s3cret_Token-1", "s3cret_Token-2"));
  EXPECT_FALSE(SecretMatches("s3cret_Token-1", "s3cret_Token-1x"));
  EXPECT_FALSE(SecretMatches("s3cret_Token-1", "s3cret_Token-"));
  EXPECT_FALSE(SecretMatches("s3cret_Token-1", ""));
  EXPECT_FALSE(SecretMatches("", ""));  // no secret configured: nobody gets in
}

TEST(TelegramSecret, AcceptsOnlyWhatSetWebhookAccepts) {
  EXPECT_TRUE(IsValidSecretToken("abc_DEF-123"));
  EXPECT_TRUE(IsValidSecretToken(std::string(256, 'a')));
  EXPECT_FALSE(IsValidSecretToken(std::string(257, 'a')));
  EXPECT_FALSE(IsValidSecretToken(""));
  EXPECT_FALSE(IsValidSecretToken("with space"));
  EXPECT_FALSE(IsValidSecretToken("slash/"));
}

}  // namespace
}  // namespace lifeline::channels::telegram
