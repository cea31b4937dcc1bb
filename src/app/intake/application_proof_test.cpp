// The proof of application (app/intake/application_proof.hpp): what the applicant holds
// verifies with their receipt only, any change to it shows, and the office's log is one
// chain that a database writer cannot bend without the issuer noticing.

#include "app/intake/application_proof.hpp"

#include <gtest/gtest.h>

#include "app/cases/office_fixture.hpp"
#include "app/intake/proof_issuer.hpp"
#include "crypto/receipt_keys.hpp"

namespace lifeline::app::testing {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

class ProofTest : public IntakeOfficeTest {
 protected:
  void SetUp() override {
    IntakeOfficeTest::SetUp();
    auto opener = UnlockOffice(*store_, kPassphrase);
    ASSERT_TRUE(opener.ok());
    issuer_ = std::make_unique<ProofIssuer>(*store_, *audit_, clock_, ProofSigningKey(*opener));
    auto keys = LoadInstallationKeys(*store_);
    ASSERT_TRUE(keys.ok());
    salt_ = keys->receipt_salt;
    intake_->Stop();
    intake_ = std::make_unique<IntakeService>(
        *store_, clock_, keys->office_public, keys->receipt_salt,
        IntakeOptions{.on_status_check =
                          [this](const store::Blob32& l) { (void)office_->NoteStatusCheck(l); },
                      .issue_proof = [this](const store::Blob32& lookup,
                                            std::string_view digits) -> Result<std::string> {
                        auto proof = issuer_->ProofFor(lookup, digits);
                        if (!proof) return proof.error();
                        return ProofText(*proof);
                      }});
  }
  void TearDown() override { intake_->Stop(); }

  Result<std::string> RequestAndWait(std::string_view receipt) {
    std::promise<Result<std::string>> promise;
    intake_->RequestProof(receipt, [&](Result<std::string> r) { promise.set_value(std::move(r)); });
    return promise.get_future().get();
  }

  Receipt Submit(bool proof, bool duress = false) {
    ApplicationDraft d = Draft();
    d.proof = proof;
    d.duress_receipt = duress;
    auto receipt = SubmitAndWait(d);
    EXPECT_TRUE(receipt.ok()) << receipt.error().message;
    return *receipt;
  }

  ApplicationProof Parsed(const std::string& text) {
    auto proof = ParseProofText(text);
    EXPECT_TRUE(proof.ok()) << proof.error().message;
    return *proof;
  }

  std::int64_t AuditedProofs() {
    return store_->FindAuditRecords({.action = "proof_issued"}, 0, 100)->total;
  }

  crypto::Bytes salt_;
  std::unique_ptr<ProofIssuer> issuer_;
};

TEST_F(ProofTest, AskedForAtSubmissionItVerifiesWithTheReceiptAndNoOther) {
  const Receipt receipt = Submit(true);
  ASSERT_FALSE(receipt.proof.empty());
  const ApplicationProof proof = Parsed(receipt.proof);
  EXPECT_EQ(proof.entry.statement.entry, 1);
  EXPECT_EQ(proof.entry.statement.logged_on, year{2026} / month{11} / day{22});
  EXPECT_EQ(proof.entry.statement.received_on, year{2026} / month{11} / day{22});
  EXPECT_EQ(proof.entry.statement.previous, store::Blob32{});
  EXPECT_EQ(proof.office_key, issuer_->public_key());
  EXPECT_TRUE(VerifyProof(proof, receipt.digits).ok());
  EXPECT_TRUE(VerifyProof(proof, receipt.digits, &issuer_->public_key()).ok());

  std::string other = receipt.digits;
  other[15] = other[15] == '0' ? '1' : '0';
  EXPECT_EQ(VerifyProof(proof, other).error().field, "receipt");
  const crypto::Key32 stranger = crypto::SigningKeyFromSeed(crypto::Key32{7}).public_key;
  EXPECT_EQ(VerifyProof(proof, receipt.digits, &stranger).error().field, "office_key");
  EXPECT_EQ(AuditedProofs(), 1);
}

TEST_F(ProofTest, AnyChangedFieldBreaksTheSignature) {
  const Receipt receipt = Submit(true);
  const ApplicationProof proof = Parsed(receipt.proof);
  auto changed = [&](auto edit) {
    ApplicationProof p = proof;
    edit(p.entry.statement);
    return VerifyProof(p, receipt.digits);
  };
  // Back-dated by a day, to a later entry number, another previous entry, another
  // received day: each is refused on its signature, before the receipt is tried.
  EXPECT_EQ(changed([](ProofStatement& s) { s.logged_on = year{2026} / month{11} / day{21}; })
                .error()
                .field,
            "signature");
  EXPECT_EQ(changed([](ProofStatement& s) { s.entry = 2; }).error().field, "signature");
  EXPECT_EQ(changed([](ProofStatement& s) { s.previous[0] ^= 1; }).error().field, "signature");
  EXPECT_EQ(changed([](ProofStatement& s) { s.received_on = year{2026} / month{1} / day{1}; })
                .error()
                .field,
            "signature");
  EXPECT_EQ(changed([](ProofStatement& s) { s.commitment[31] ^= 0x80; }).error().field,
            "signature");
  // The salt is not signed, but another salt does not open the commitment.
  ApplicationProof salted = proof;
  salted.salt[0] ^= 1;
  EXPECT_EQ(VerifyProof(salted, receipt.digits).error().field, "receipt");
}

TEST_F(ProofTest, TheTextReadsBackForgivinglyAndRefusesWhatIsNotAProof) {
  const Receipt receipt = Submit(true);
  const ApplicationProof proof = Parsed(receipt.proof);
  EXPECT_EQ(ProofText(proof), receipt.proof);
  // Copied from a page or a message: CRLF, indentation, blank lines.
  std::string copied = "\r\n";
  for (char c : receipt.proof) copied += c == '\n' ? std::string("\r\n\r\n  ") : std::string(1, c);
  EXPECT_EQ(ProofText(Parsed(copied)), receipt.proof);

  const auto field_error = [](const std::string& text) {
    auto parsed = ParseProofText(text);
    return parsed ? std::string("parsed") : parsed.error().message;
  };
  EXPECT_NE(field_error("").find("first line"), std::string::npos);
  std::string missing = receipt.proof;
  missing.erase(missing.find("salt:"), missing.find("previous:") - missing.find("salt:"));
  EXPECT_NE(field_error(missing).find("\"salt\" is missing"), std::string::npos);
  EXPECT_NE(field_error(receipt.proof + "entry: 3\n").find("given twice"), std::string::npos);
  EXPECT_NE(field_error(receipt.proof + "note: mine\n").find("not a field"), std::string::npos);
  std::string short_key = receipt.proof;
  short_key.erase(short_key.find("office key: ") + 12, 2);
  EXPECT_NE(field_error(short_key).find("\"office key\" cannot be read"), std::string::npos);
  std::string dated = receipt.proof;
  dated.replace(dated.find("logged on: ") + 11, 10, "2026-02-30");
  EXPECT_NE(field_error(dated).find("\"logged on\" cannot be read"), std::string::npos);
  std::string zero = receipt.proof;
  zero.replace(zero.find("entry: 1"), 8, "entry: 0");
  EXPECT_NE(field_error(zero).find("\"entry\" cannot be read"), std::string::npos);
}

TEST_F(ProofTest, AskedForLaterItIsLoggedThenAndTheSameProofIsShownAgain) {
  const Receipt first = Submit(true);
  const Receipt second = Submit(false);
  EXPECT_TRUE(second.proof.empty());
  clock_.now += std::chrono::days{40};  // the person asks from abroad, weeks later
  auto later = RequestAndWait(second.digits);
  ASSERT_TRUE(later.ok()) << later.error().message;
  const ApplicationProof proof = Parsed(*later);
  EXPECT_EQ(proof.entry.statement.entry, 2);
  EXPECT_EQ(proof.entry.statement.received_on, year{2026} / month{11} / day{22});
  EXPECT_EQ(proof.entry.statement.logged_on, year{2027} / month{1} / day{1});
  EXPECT_EQ(proof.entry.statement.previous, EntryHash(Parsed(first.proof).entry));
  EXPECT_TRUE(VerifyProof(proof, second.digits).ok());
  // Asking again, with the receipt typed with spaces, shows the same proof: no new entry.
  clock_.now += std::chrono::days{1};
  auto again = RequestAndWait(second.digits.substr(0, 8) + " " + second.digits.substr(8));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *later);
  EXPECT_EQ(*RequestAndWait(first.digits), first.proof);
  EXPECT_EQ(AuditedProofs(), 2);
  EXPECT_EQ(RequestAndWait("0000000000000000").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(RequestAndWait("12").error().code, ErrorCode::kNotFound);
}

TEST_F(ProofTest, ADuressReceiptNeverGetsOneAndLooksLikeABusyOffice) {
  const Receipt receipt = Submit(false, true);
  auto asked = RequestAndWait(receipt.duress_digits);
  ASSERT_FALSE(asked.ok());
  EXPECT_EQ(asked.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(store_->LastProof()->has_value(), false);
  EXPECT_EQ(AuditedProofs(), 0);
  // The real receipt still gets one, and the duress one still does not.
  ASSERT_TRUE(RequestAndWait(receipt.digits).ok());
  EXPECT_EQ(RequestAndWait(receipt.duress_digits).error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(AuditedProofs(), 1);
}

TEST_F(ProofTest, TheExportedLogIsOneChainAndShowsAnEntryCutOrRewritten) {
  std::vector<Receipt> receipts;
  for (int i = 0; i < 5; ++i) {
    receipts.push_back(Submit(true));
    clock_.now += std::chrono::days{1};
  }
  auto log = issuer_->Log();
  ASSERT_TRUE(log.ok()) << log.error().message;
  ASSERT_EQ(log->entries.size(), 5u);
  auto read = ParseProofLogText(ProofLogText(*log));
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_TRUE(VerifyProofLog(*read).ok());
  EXPECT_EQ(ProofLogHead(*read), EntryHash(log->entries.back()));
  for (const Receipt& r : receipts) EXPECT_TRUE(ProofIsInLog(Parsed(r.proof), *read).ok());

  // The office drops entry 3 from what it shows: the chain breaks at the entry after.
  ProofLog cut = *read;
  cut.entries.erase(cut.entries.begin() + 2);
  EXPECT_NE(VerifyProofLog(cut).error().message.find("entry 3"), std::string::npos);
  EXPECT_FALSE(ProofIsInLog(Parsed(receipts[4].proof), cut).ok());
  // It re-signs entry 2 back-dated: entry 3 no longer names it.
  auto opener = UnlockOffice(*store_, kPassphrase);
  const crypto::SigningKey key = ProofSigningKey(*opener);
  ProofLog rewritten = *read;
  rewritten.entries[1].statement.logged_on = year{2026} / month{11} / day{1};
  rewritten.entries[1].signature =
      crypto::Sign(key, SignedStatement(rewritten.entries[1].statement));
  const auto broken = VerifyProofLog(rewritten);
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.error().message.find("entry 2 is dated before"), std::string::npos);
  // ... and a person holding entry 2's proof sees it is not in that log.
  EXPECT_FALSE(ProofIsInLog(Parsed(receipts[1].proof), rewritten).ok());
  // Another key's log, an unsigned entry, a malformed line.
  ProofLog other = *read;
  other.office_key = crypto::SigningKeyFromSeed(crypto::Key32{9}).public_key;
  EXPECT_NE(VerifyProofLog(other).error().message.find("not signed"), std::string::npos);
  EXPECT_FALSE(ProofIsInLog(Parsed(receipts[0].proof), other).ok());
  EXPECT_FALSE(ParseProofLogText(ProofLogText(*read) + "6 2026-12-01\n").ok());
  EXPECT_FALSE(ParseProofLogText("lifeline proof log v1\n").ok());
}

TEST_F(ProofTest, AClockSetBackDoesNotDateAnEntryBeforeTheOneItFollows) {
  (void)Submit(true);
  clock_.now -= std::chrono::days{3};
  const Receipt later = Submit(true);
  EXPECT_EQ(Parsed(later.proof).entry.statement.logged_on, year{2026} / month{11} / day{22});
  EXPECT_EQ(Parsed(later.proof).entry.statement.received_on, year{2026} / month{11} / day{19});
  auto log = issuer_->Log();
  ASSERT_TRUE(log.ok()) << log.error().message;
}

TEST_F(ProofTest, ADatabaseWriterCannotForgeOrEditTheLog) {
  (void)Submit(true);
  // An entry edited in the database (back-dated) fails its signature: the issuer will not
  // chain to it nor show it, and says which.
  store_.Tamper("UPDATE application_proofs SET logged_on = '2026-11-01' WHERE seq = 1");
  auto refused = RequestAndWait(Submit(false).digits);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInternal);
  EXPECT_NE(refused.error().message.find("entry 1 is not the office's own"), std::string::npos);
  EXPECT_FALSE(issuer_->Log().ok());
  EXPECT_FALSE(issuer_->Newest().ok());
}

TEST_F(ProofTest, ADeletedCaseLeavesItsEntryWithoutCaseOrSalt) {
  const Receipt kept = Submit(true);
  const Receipt gone = Submit(true);
  (void)Submit(true);
  auto page = store_->ListCases({});
  ASSERT_TRUE(page.ok());
  std::int64_t gone_id = 0;
  for (const auto& c : page->items) {
    auto proof = store_->ProofOfCase(c.id);
    if (*proof && (*proof)->seq == 2) gone_id = c.id;
  }
  ASSERT_NE(gone_id, 0);
  ASSERT_TRUE(store_->DeleteApplication(gone_id).ok());
  auto entries = store_->ListProofs(0, 10);
  ASSERT_EQ(entries->size(), 3u);
  EXPECT_FALSE((*entries)[1].case_id.has_value());
  EXPECT_TRUE((*entries)[1].salt.empty());
  // The log is whole, the person's proof still verifies offline, the others still show.
  auto log = issuer_->Log();
  ASSERT_TRUE(log.ok()) << log.error().message;
  EXPECT_TRUE(ProofIsInLog(Parsed(gone.proof), *log).ok());
  EXPECT_TRUE(VerifyProof(Parsed(gone.proof), gone.digits).ok());
  EXPECT_EQ(*RequestAndWait(kept.digits), kept.proof);
}

TEST_F(ProofTest, AnIntakeWithoutAnOfficeRefusesToIssue) {
  auto keys = LoadInstallationKeys(*store_);
  IntakeService alone(*store_, clock_, keys->office_public, keys->receipt_salt);
  EXPECT_FALSE(alone.IssuesProofs());
  ApplicationDraft d = Draft();
  d.proof = true;
  std::promise<Result<Receipt>> promise;
  alone.Submit(d, [&](Result<Receipt> r) { promise.set_value(std::move(r)); });
  auto refused = promise.get_future().get();
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "proof");
  alone.Stop();
}

}  // namespace
}  // namespace lifeline::app::testing
