#include "channels/intake_link/link_wire.hpp"

#include <gtest/gtest.h>

#include "crypto/crypto.hpp"

namespace lifeline::channels::intake_link {
namespace {

using std::chrono::seconds;
using std::chrono::sys_seconds;

const sys_seconds kNow{seconds{1'796'000'000}};

crypto::SigningKey Key(std::uint8_t seed) {
  crypto::Key32 s{};
  s.fill(seed);
  return crypto::SigningKeyFromSeed(s);
}

store::OutboxBatch Batch() {
  store::OutboxBatch b;
  store::OutboxApplication a;
  a.id = 7;
  a.row.clear.situation = Situation::kAtFront;
  a.row.clear.group_kind = GroupKind::kUnit;
  a.row.clear.group_size = 12;
  a.row.clear.contact_channel = ContactChannel::kTelegram;
  a.row.clear.language = Language::kBe;
  a.row.received_on = std::chrono::year{2026} / 12 / 6;
  a.row.receipt_lookup.fill(1);
  a.row.reply_public.fill(2);
  a.row.ephemeral_public.fill(3);
  a.row.key_generation = 4;
  a.row.wrapped_key = {5, 6};
  a.row.sealed_fields = {7, 8, 9};
  b.applications.push_back(a);
  store::OutboxMessage m;
  m.id = 3;
  m.receipt_lookup.fill(6);
  m.message.case_id = 41;
  m.message.created_on = std::chrono::year{2026} / 12 / 5;
  m.message.sealed_for_applicant = {1};
  m.message.sealed_for_office = {2};
  m.message.wrapping = store::OfficeWrapping{4, {}, {3}};
  b.messages.push_back(m);
  return b;
}

class LinkWireTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { crypto::Initialise(); }
  crypto::SigningKey office_ = Key(1);
  RequestVerifier verifier_{office_.public_key};
};

TEST_F(LinkWireTest, TheOfficesRequestsAreReadAsSent) {
  store::Blob32 after{};
  after.fill(9);
  const auto collect = Collect(50, after, office_, kNow);
  auto read = verifier_.Verify(collect.body, collect.signature, kNow + seconds{30});
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ(read->op, LinkRequest::Op::kCollect);
  EXPECT_EQ(read->limit, 50);
  EXPECT_EQ(read->views_after, after);

  const std::int64_t apps[] = {1, 2}, messages[] = {3};
  const std::vector<std::int64_t> checks{9};
  const std::vector<std::int64_t> proof_requests{12};
  const auto erase = Erase(apps, messages, checks, proof_requests, office_, kNow);
  read = verifier_.Verify(erase.body, erase.signature, kNow);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->applications, (std::vector<std::int64_t>{1, 2}));
  EXPECT_EQ(read->messages, (std::vector<std::int64_t>{3}));
  EXPECT_EQ(read->checks, checks);
  EXPECT_EQ(read->proof_requests, proof_requests);

  store::ApplicantViewUpdate view;
  view.receipt_lookup.fill(4);
  view.view.case_id = 41;
  view.view.status = CaseStatus::kSuspectedProvocation;  // never travels
  view.view.sealed_stage = {7, 7, 7};
  view.view.received_on = std::chrono::year{2026} / 12 / 1;
  store::StoredMessage reply;
  reply.author_user_id = 5;
  reply.created_on = view.view.received_on;
  reply.sealed_for_applicant = {1, 2};
  view.view.messages = {reply};
  store::ApplicantViewUpdate gone;
  gone.receipt_lookup.fill(5);
  gone.gone = true;
  const store::ApplicantViewUpdate views[] = {view, gone};
  const auto sent = Views(views, office_, kNow);
  EXPECT_EQ(sent.body.find("suspected"), std::string::npos);
  read = verifier_.Verify(sent.body, sent.signature, kNow);
  ASSERT_TRUE(read.ok()) << read.error().message;
  ASSERT_EQ(read->views.size(), 2u);
  EXPECT_EQ(read->views[0].view.case_id, 41);
  EXPECT_EQ(read->views[0].view.sealed_stage, (Blob{7, 7, 7}));
  ASSERT_EQ(read->views[0].view.messages.size(), 1u);
  EXPECT_TRUE(read->views[0].view.messages[0].author_user_id.has_value());
  EXPECT_EQ(read->views[0].view.messages[0].sealed_for_applicant, (Blob{1, 2}));
  EXPECT_TRUE(read->views[1].gone);
}

TEST_F(LinkWireTest, OnlyTheOfficeFreshAndOnceIsHeard) {
  const auto request = Collect(10, std::nullopt, office_, kNow);
  const auto refused = [&](std::string_view body, std::string_view signature, sys_seconds at) {
    auto read = verifier_.Verify(body, signature, at);
    return !read.ok() && read.error().code == ErrorCode::kUnauthenticated;
  };
  const auto other = Collect(10, std::nullopt, Key(2), kNow);  // another key
  EXPECT_TRUE(refused(other.body, other.signature, kNow));
  std::string altered = request.body;
  altered[altered.find("10")] = '9';  // one changed byte
  EXPECT_TRUE(refused(altered, request.signature, kNow));
  EXPECT_TRUE(refused(request.body, "", kNow));
  EXPECT_TRUE(refused(request.body, "not base64!", kNow));
  EXPECT_TRUE(refused(request.body, request.signature, kNow + seconds{61}));  // stale
  EXPECT_TRUE(refused(request.body, request.signature, kNow - seconds{61}));  // from the future
  ASSERT_TRUE(verifier_.Verify(request.body, request.signature, kNow).ok());
  EXPECT_TRUE(refused(request.body, request.signature, kNow + seconds{1}));  // replayed
}

TEST_F(LinkWireTest, ACollectAnswerRoundTripsAndAMalformedOneIsRefused) {
  CollectReply sent{Batch(), {store::Blob32{}}};
  sent.batch.applications.push_back(sent.batch.applications[0]);
  sent.batch.applications[1].id = 8;
  sent.batch.applications[1].row.duress = store::DuressReceipt{store::Blob32{5}, store::Blob32{6}};
  sent.batch.checks = {{11, store::Blob32{9}}};
  sent.batch.proof_requests = {{13, store::Blob32{7}, store::Blob32{8}, Blob(16, 3)}};
  auto read = DecodeCollectReply(EncodeCollectReply(sent));
  ASSERT_TRUE(read.ok()) << read.error().message;
  ASSERT_EQ(read->batch.applications.size(), 2u);
  EXPECT_FALSE(read->batch.applications[0].row.duress.has_value());
  ASSERT_TRUE(read->batch.applications[1].row.duress.has_value());
  EXPECT_EQ(read->batch.applications[1].row.duress->lookup, store::Blob32{5});
  EXPECT_EQ(read->batch.applications[1].row.duress->reply_public, store::Blob32{6});
  ASSERT_EQ(read->batch.checks.size(), 1u);
  EXPECT_EQ(read->batch.checks[0].id, 11);
  EXPECT_EQ(read->batch.checks[0].receipt_lookup, store::Blob32{9});
  ASSERT_EQ(read->batch.proof_requests.size(), 1u);
  EXPECT_EQ(read->batch.proof_requests[0].id, 13);
  EXPECT_EQ(read->batch.proof_requests[0].commitment, store::Blob32{8});
  EXPECT_EQ(read->batch.proof_requests[0].salt, Blob(16, 3));
  sent.batch.applications.pop_back();
  sent.batch.checks.clear();
  sent.batch.proof_requests.clear();
  read = DecodeCollectReply(EncodeCollectReply(sent));
  ASSERT_TRUE(read.ok()) << read.error().message;
  ASSERT_EQ(read->batch.applications.size(), 1u);
  const auto& a = read->batch.applications[0];
  const auto& b = sent.batch.applications[0];
  EXPECT_EQ(a.id, 7);
  EXPECT_EQ(a.row.clear.situation, b.row.clear.situation);
  EXPECT_EQ(a.row.clear.group_kind, b.row.clear.group_kind);
  EXPECT_EQ(a.row.clear.group_size, 12);
  EXPECT_EQ(a.row.clear.contact_channel, b.row.clear.contact_channel);
  EXPECT_EQ(a.row.clear.language, b.row.clear.language);
  EXPECT_FALSE(a.row.clear.deploy_by.has_value());
  EXPECT_EQ(a.row.received_on, b.row.received_on);
  EXPECT_EQ(a.row.receipt_lookup, b.row.receipt_lookup);
  EXPECT_EQ(a.row.reply_public, b.row.reply_public);
  EXPECT_EQ(a.row.ephemeral_public, b.row.ephemeral_public);
  EXPECT_EQ(a.row.key_generation, 4);
  EXPECT_EQ(a.row.wrapped_key, b.row.wrapped_key);
  EXPECT_EQ(a.row.sealed_fields, b.row.sealed_fields);
  ASSERT_EQ(read->batch.messages.size(), 1u);
  EXPECT_EQ(read->batch.messages[0].message.case_id, 41);
  EXPECT_EQ(read->batch.messages[0].receipt_lookup, sent.batch.messages[0].receipt_lookup);
  EXPECT_EQ(read->batch.messages[0].message.wrapping->wrapped_key, (Blob{3}));
  EXPECT_EQ(read->view_lookups.size(), 1u);

  std::string text = EncodeCollectReply(sent);
  const auto bad = [](std::string body) {
    auto r = DecodeCollectReply(body);
    return !r.ok() && r.error().code == ErrorCode::kInvalidInput;
  };
  std::string wrong_enum = text;
  wrong_enum.replace(wrong_enum.find("at_front"), 8, "on_leave");
  EXPECT_TRUE(bad(wrong_enum));
  EXPECT_TRUE(bad(text.substr(0, text.size() / 2)));
  // Numbers that do not fit (found by the fuzzer: converting them was undefined).
  std::string huge = text;
  huge.replace(huge.find("\"id\":7"), 6, "\"id\":8.8e48");
  EXPECT_TRUE(bad(huge));
  std::string far_day = text;
  far_day.replace(far_day.find("\"received_on\":"), 14, "\"received_on\":99999999999,\"x\":");
  EXPECT_TRUE(bad(far_day));
  EXPECT_TRUE(bad("[]"));
  EXPECT_TRUE(bad(R"({"applications":[],"messages":[],"view_lookups":["AAAA"]})"));  // 3 bytes
}

}  // namespace
}  // namespace lifeline::channels::intake_link
