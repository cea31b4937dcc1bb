#include "channels/sms/kannel_sendsms.hpp"

#include <gtest/gtest.h>

namespace lifeline::channels::sms {
namespace {

Result<HttpReply> Answer(long status, std::string body) {
  return HttpReply{status, std::move(body)};
}

TEST(KannelSendsms, AcceptedAndQueuedAnswersAreAccepted) {
  EXPECT_EQ(InterpretSendsmsAnswer(Answer(202, "0: Accepted for delivery")).outcome,
            SendOutcome::kAccepted);
  EXPECT_EQ(InterpretSendsmsAnswer(Answer(202, "3: Queued for later delivery")).outcome,
            SendOutcome::kAccepted);
}

TEST(KannelSendsms, RefusalsOfTheReplyRejectItButRefusedCredentialsWait) {
  EXPECT_EQ(InterpretSendsmsAnswer(Answer(400, "Missing receiver number, rejected")).outcome,
            SendOutcome::kRejected);
  EXPECT_EQ(InterpretSendsmsAnswer(Answer(403, "Authorization failed for sendsms")).outcome,
            SendOutcome::kRetryLater);
}

TEST(KannelSendsms, AnUnreachableOrFailingSmsboxMeansTryAgainLater) {
  EXPECT_EQ(InterpretSendsmsAnswer(Error{ErrorCode::kUnavailable, "refused"}).outcome,
            SendOutcome::kRetryLater);
  EXPECT_EQ(InterpretSendsmsAnswer(Answer(503, "Temporal failure, try again later.")).outcome,
            SendOutcome::kRetryLater);
  EXPECT_EQ(InterpretSendsmsAnswer(Answer(500, "")).outcome, SendOutcome::kRetryLater);
}

TEST(KannelSendsms, TheCallCarriesUcs2AndADeliveryUrlWithTheRepliesToken) {
  const DeliveryTokens tokens("synthetic shared secret");
  const SendsmsOptions options{.url = "http://127.0.0.1:13013/cgi-bin/sendsms",
                               .username = "life line",
                               .password = "p&w",
                               .dlr_base_url = "http://127.0.0.1:8080/"};
  app::OutgoingReply reply{.id = 42,
                           .sender_id = 1,
                           .channel = ContactChannel::kSms,
                           .address = "+79001234567",
                           .text = "Да"};
  const HttpCall call = BuildSendsmsCall(options, &tokens, reply);
  EXPECT_EQ(call.method, "GET");
  EXPECT_EQ(call.url.rfind("http://127.0.0.1:13013/cgi-bin/"
                           "sendsms?username=life%20line&password=p%26w&to=%2B79001234567"
                           "&text=%D0%94%D0%B0&coding=2&charset=UTF-8&dlr-mask=19&dlr-url=",
                           0),
            0u)
      << call.url;
  const std::string dlr = UrlEncode("http://127.0.0.1:8080/channels/sms/delivery?reply=42&token=" +
                                    tokens.TokenFor(42) + "&status=%d");
  EXPECT_NE(call.url.find(dlr), std::string::npos) << call.url;
  // Without a base URL, no delivery reports are asked for.
  SendsmsOptions without = options;
  without.dlr_base_url.clear();
  EXPECT_EQ(BuildSendsmsCall(without, &tokens, reply).url.find("dlr-"), std::string::npos);
}

TEST(DeliveryTokens, AReplysTokenFitsItAloneAndDependsOnTheSecret) {
  const DeliveryTokens tokens("synthetic shared secret");
  const std::string token = tokens.TokenFor(7);
  EXPECT_EQ(token.size(), 32u);
  EXPECT_TRUE(tokens.Verify(7, token));
  EXPECT_FALSE(tokens.Verify(8, token));
  EXPECT_FALSE(tokens.Verify(7, token.substr(0, 31)));
  EXPECT_FALSE(tokens.Verify(7, ""));
  EXPECT_NE(DeliveryTokens("another secret").TokenFor(7), token);
}

TEST(SecretEquals, ComparesWholeSecrets) {
  EXPECT_TRUE(SecretEquals("s3cret", "s3cret"));
  EXPECT_FALSE(SecretEquals("s3cre", "s3cret"));
  EXPECT_FALSE(SecretEquals("s3cret ", "s3cret"));
  EXPECT_FALSE(SecretEquals("", "s3cret"));
}

}  // namespace
}  // namespace lifeline::channels::sms
