// Duress receipts (docs/security.md, "Duress receipts"): the second receipt opens a
// harmless status (received, no conversation) and the office alone learns it was used; the
// intake treats both receipts alike. Also, on demand, the measurement of the two status
// checks' latencies (below).

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <mutex>
#include <random>
#include <thread>

#include "app/cases/office_fixture.hpp"
#include "app/intake/status_check_notes.hpp"

namespace lifeline::app::testing {
namespace {

class DuressTest : public IntakeOfficeTest {
 protected:
  void SetUp() override {
    IntakeOfficeTest::SetUp();
    auto keys = LoadInstallationKeys(*store_);
    ASSERT_TRUE(keys.ok());
    intake_->Stop();
    // As serve wires it: the office notes the checks in batches, once a second.
    notes_ = std::make_unique<StatusCheckNotes>([this](std::span<const store::Blob32> lookups) {
      return office_->NoteStatusChecks(lookups);
    });
    intake_ = std::make_unique<IntakeService>(
        *store_, clock_, keys->office_public, keys->receipt_salt,
        IntakeOptions{.on_status_check = [this](const store::Blob32& lookup) {
          std::lock_guard lock(mutex_);
          ASSERT_TRUE(notes_->Add(lookup));
          checked_.push_back(lookup);
        }});
  }
  void TearDown() override {
    intake_->Stop();
    notes_.reset();
  }
  // Waits until the intake has told of `checks` checks, then has the office note them now.
  void Settle(std::size_t checks) {
    for (;;) {
      {
        std::lock_guard lock(mutex_);
        if (checked_.size() >= checks) break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    EXPECT_EQ(notes_->Flush(), 0u);
  }

  Receipt SubmitWithDuress() {
    ApplicationDraft d = Draft();
    d.duress_receipt = true;
    auto receipt = SubmitAndWait(d);
    EXPECT_TRUE(receipt.ok());
    EXPECT_EQ(receipt->duress_digits.size(), kReceiptDigits);
    EXPECT_NE(receipt->duress_digits, receipt->digits);
    return *receipt;
  }

  std::vector<std::string> DuressSignals() {
    auto entries = store_->FindAuditRecords({.action = "duress_signalled"}, 0, 5000);
    std::vector<std::string> targets;
    for (const auto& e : entries->entries) targets.push_back(e.target);
    return targets;
  }

  std::mutex mutex_;
  std::vector<store::Blob32> checked_;
  std::unique_ptr<StatusCheckNotes> notes_;
};

TEST_F(DuressTest, TheSecondReceiptShowsAHarmlessStatusAndOnlyTheOfficeLearnsIt) {
  const Receipt receipt = SubmitWithDuress();
  ASSERT_TRUE(office_->Reply(operator_, 1, "Синтетический ответ оператора").ok());

  auto real = CheckAndWait(receipt.digits);
  ASSERT_TRUE(real.ok());
  ASSERT_EQ(real->messages.size(), 1u);
  Settle(1);
  EXPECT_TRUE(DuressSignals().empty());

  auto harmless = CheckAndWait(receipt.duress_digits);
  ASSERT_TRUE(harmless.ok());
  Settle(2);
  EXPECT_EQ(harmless->stage, ApplicantStage::kReceived);
  EXPECT_TRUE(harmless->messages.empty());
  EXPECT_EQ(harmless->received_on, real->received_on);
  EXPECT_EQ(DuressSignals(), std::vector<std::string>{"case:1"});
  EXPECT_EQ(checked_.size(), 2u);  // the intake told of both checks alike

  // An application without one has no second receipt; asking where none is issued is refused.
  auto plain = SubmitAndWait(Draft());
  ASSERT_TRUE(plain.ok());
  EXPECT_TRUE(plain->duress_digits.empty());
  auto keys = LoadInstallationKeys(*store_);
  IntakeService deaf(*store_, clock_, keys->office_public, keys->receipt_salt);
  EXPECT_FALSE(deaf.IssuesDuressReceipts());
  ApplicationDraft asked = Draft();
  asked.duress_receipt = true;
  std::promise<Result<Receipt>> refused;
  deaf.Submit(asked, [&](Result<Receipt> r) { refused.set_value(std::move(r)); });
  EXPECT_EQ(refused.get_future().get().error().field, "duress_receipt");
  deaf.Stop();
}

// The Kolmogorov–Smirnov statistic of two samples: the largest gap between their empirical
// distribution functions.
double KolmogorovSmirnov(std::vector<double> a, std::vector<double> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  std::size_t i = 0, j = 0;
  double gap = 0;
  while (i < a.size() && j < b.size()) {
    const double x = std::min(a[i], b[j]);
    while (i < a.size() && a[i] <= x) ++i;
    while (j < b.size() && b[j] <= x) ++j;
    gap = std::max(gap, std::abs(static_cast<double>(i) / static_cast<double>(a.size()) -
                                 static_cast<double>(j) / static_cast<double>(b.size())));
  }
  return gap;
}

TEST_F(DuressTest, KolmogorovSmirnovMatchesAHandComputedCase) {
  // {1,2,3,4} against {3,4,5,6}: after 2 the first has 2/4, the second 0/4: D = 0.5.
  EXPECT_DOUBLE_EQ(KolmogorovSmirnov({1, 2, 3, 4}, {3, 4, 5, 6}), 0.5);
  EXPECT_DOUBLE_EQ(KolmogorovSmirnov({1, 2}, {1, 2}), 0.0);
  EXPECT_DOUBLE_EQ(KolmogorovSmirnov({1, 2}, {3, 4}), 1.0);
}

// A measurement, run on demand (LIFELINE_MEASURE_DURESS_TIMING=1; docs/PERFORMANCE.md,
// "Duress receipts"): 2,000 applications with a reply each; each one's real receipt and its
// duress receipt checked once, all 4,000 checks in a shuffled order, compared by a two-sample
// Kolmogorov–Smirnov test at the 0.1 % level (critical D = 1.949 * sqrt(2/2000) = 0.0616).
// Each receipt once, because a receipt's Argon2id takes its own time (its second half reads
// memory where the data says): a few receipts checked many times would compare those
// receipts, not the two paths. Each answer is timed as the person waiting for it sees it.
// It takes a minute, and timing on a shared machine is not a unit test's to hold: on demand
// only. It failed while the office noted each check at once after its answer (a duress
// note's audit write delayed the caller's wake-up: status_check_notes.hpp); it passes since
// the notes are batched.
TEST_F(DuressTest, BothReceiptsTakeTheSameTimeToCheck) {
  if (!std::getenv("LIFELINE_MEASURE_DURESS_TIMING"))
    GTEST_SKIP() << "a measurement: set LIFELINE_MEASURE_DURESS_TIMING=1 to run it";
  constexpr int kTries = 2000;
  std::vector<Receipt> receipts;
  for (int i = 0; i < kTries; ++i) {
    receipts.push_back(SubmitWithDuress());
    ASSERT_TRUE(office_->Reply(operator_, i + 1, "Синтетический ответ").ok());
  }
  // In a shuffled order, so that what follows a check of one kind (the office's note of a
  // duress check) comes before either kind alike.
  std::vector<bool> order(2 * kTries, false);
  std::fill(order.begin() + kTries, order.end(), true);
  std::mt19937_64 random(22);
  std::shuffle(order.begin(), order.end(), random);
  std::vector<double> real, duress, real_even, real_odd;
  std::size_t next_real = 0, next_duress = 0;
  for (int i = 0; i < 2 * kTries; ++i) {
    const bool use_duress = order[static_cast<std::size_t>(i)];
    const Receipt& receipt = receipts[use_duress ? next_duress++ : next_real++];
    const auto start = std::chrono::steady_clock::now();
    auto status = CheckAndWait(use_duress ? receipt.duress_digits : receipt.digits);
    const double micros =
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
    ASSERT_TRUE(status.ok());
    EXPECT_EQ(status->messages.size(), use_duress ? 0u : 1u);
    (use_duress ? duress : real).push_back(micros);
    if (!use_duress) ((next_real - 1) % 2 ? real_odd : real_even).push_back(micros);
    // The office notes the checks in its batches meanwhile, as in serve.
  }
  Settle(2 * kTries);
  EXPECT_EQ(DuressSignals().size(), static_cast<std::size_t>(kTries));  // every one was heard
  const double d = KolmogorovSmirnov(real, duress);
  // The control: two halves of the real receipts, which must not differ (else the harness,
  // not the duress path, makes the difference).
  const double control = KolmogorovSmirnov(real_even, real_odd);
  std::printf("control: real against real, KS D = %.4f (critical %.4f)\n", control,
              1.949 * std::sqrt(2.0 / (kTries / 2)));
  EXPECT_LT(control, 1.949 * std::sqrt(2.0 / (kTries / 2)));
  const double critical = 1.949 * std::sqrt(2.0 / kTries);
  std::sort(real.begin(), real.end());
  std::sort(duress.begin(), duress.end());
  RecordProperty("ks_d", std::to_string(d));
  std::printf("duress timing: KS D = %.4f (critical %.4f), median real %.0f us, duress %.0f us\n",
              d, critical, real[kTries / 2], duress[kTries / 2]);
#if defined(__SANITIZE_ADDRESS__)
  // The sanitizers' allocator and checks are not the product's timing: the figure is printed,
  // and the optimised build (scripts/test.sh runs both) holds it to the test.
  GTEST_SKIP() << "timing is asserted in the optimised build";
#endif
  EXPECT_LT(d, critical) << "median real " << real[kTries / 2] << " us, duress "
                         << duress[kTries / 2] << " us";
}

}  // namespace
}  // namespace lifeline::app::testing
