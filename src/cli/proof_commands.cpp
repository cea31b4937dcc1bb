#include "cli/proof_commands.hpp"

#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "app/accounts/setup.hpp"
#include "app/audit/audit_log.hpp"
#include "app/intake/application_proof.hpp"
#include "app/intake/proof_issuer.hpp"
#include "cli/office_key_commands.hpp"
#include "cli/secrets.hpp"
#include "cli/store_options.hpp"
#include "crypto/crypto.hpp"
#include "domain/receipt.hpp"

namespace lifeline::cli {
namespace {

constexpr int kFails = 3;  // as `audit verify`: the thing checked does not hold

std::optional<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string Hex(const crypto::Key32& key) { return crypto::ToHex(key.data(), key.size()); }

class Commands final : public ProofCommands {
 public:
  explicit Commands(CLI::App& cli) {
    proof_ = cli.add_subcommand("proof", "Proofs of application the applicants hold");
    proof_->require_subcommand(1);
    verify_ = proof_->add_subcommand(
        "verify",
        "Check a proof of application offline; exit 0 when it holds, 3 naming what fails");
    verify_->add_option("--proof", proof_file_, "The proof, as the applicant holds it")
        ->required()
        ->check(CLI::ExistingFile);
    verify_
        ->add_option("--receipt-file", receipt_file_,
                     "File holding the applicant's receipt ('-' for stdin)")
        ->required();
    verify_
        ->add_option("--log", log_file_,
                     "The office's exported log (`lifeline proof log`): also check the proof "
                     "is its entry and the log one unbroken chain")
        ->check(CLI::ExistingFile);
    verify_->add_option("--office-key", office_key_,
                        "The office's proof key as it publishes it (64 hex digits)");
    log_ = proof_->add_subcommand(
        "log", "Write the office's proof log (each entry's signature checked) to standard output");
    AddStoreOptions(*log_, where_);
    log_->add_option("--passphrase-file", unlock_.passphrase_file, "Office passphrase file");
    AddCustodianOption(*log_, unlock_);
  }

  std::optional<int> RunIfChosen() const override {
    try {
      if (*verify_) return Verify();
      if (*log_) return Log();
    } catch (const std::exception& e) {
      return Fail(e.what());
    }
    return std::nullopt;
  }

 private:
  int Verify() const {
    const auto text = ReadFile(proof_file_);
    if (!text) return Fail("cannot read the proof file");
    auto proof = app::ParseProofText(*text);
    if (!proof) return Failed(proof.error().message);
    const auto receipt = ParseReceipt(ReadSecret(receipt_file_, "the receipt"));
    if (!receipt) return Failed("the receipt file does not hold a receipt (16 digits)");
    crypto::Key32 expected{};
    if (!office_key_.empty()) {
      const crypto::Bytes key = crypto::FromHex(office_key_);
      if (key.size() != expected.size()) return Fail("--office-key: must be 64 hex digits");
      std::copy(key.begin(), key.end(), expected.begin());
    }
    if (auto ok =
            app::VerifyProof(*proof, receipt->digits, office_key_.empty() ? nullptr : &expected);
        !ok)
      return Failed(ok.error().message);
    const app::ProofStatement& s = proof->entry.statement;
    fmt::print("the proof holds: signed by office key {}, and the receipt opens it\n",
               Hex(proof->office_key));
    fmt::print(
        "entry {} of the office's proof log, written on {}: the application was made no "
        "later than that day\n",
        s.entry, FormatIsoDate(s.logged_on));
    fmt::print("received on {}, as the office states it\n", FormatIsoDate(s.received_on));
    if (office_key_.empty())
      fmt::print("the office key was not compared: give --office-key as the office publishes it\n");
    if (log_file_.empty()) {
      fmt::print("no --log given: that the office kept this entry in its log is not checked\n");
      return 0;
    }
    const auto log_text = ReadFile(log_file_);
    if (!log_text) return Fail("cannot read the log file");
    auto log = app::ParseProofLogText(*log_text);
    if (!log) return Failed(log.error().message);
    if (auto ok = app::VerifyProofLog(*log); !ok) return Failed(ok.error().message);
    if (auto ok = app::ProofIsInLog(*proof, *log); !ok) return Failed(ok.error().message);
    fmt::print(
        "the log is one unbroken chain of {} entries and holds this entry; its head is {}: "
        "compare it with the head the office publishes\n",
        log->entries.size(), Hex(app::ProofLogHead(*log)));
    return 0;
  }

  static int Failed(const std::string& why) {
    fmt::print("the proof does not hold: {}\n", why);
    return kFails;
  }

  int Log() const {
    auto store = OpenStore(where_, false);
    auto office = app::UnlockOffice(*store, ReadOfficeCredentials(unlock_));
    if (!office) return Fail(office.error().message);
    app::SystemClock clock;
    app::AuditLog audit(*store, clock, app::AuditKey(*office));  // the issuer writes nothing here
    app::ProofIssuer issuer(*store, audit, clock, app::ProofSigningKey(*office));
    auto log = issuer.Log();
    if (!log) return Fail(log.error().message);
    std::cout << app::ProofLogText(*log) << std::flush;
    return 0;
  }

  CLI::App* proof_ = nullptr;
  CLI::App* verify_ = nullptr;
  CLI::App* log_ = nullptr;
  std::string proof_file_, receipt_file_, log_file_, office_key_;
  StoreOptions where_;
  OfficeUnlock unlock_;
};

}  // namespace

std::unique_ptr<ProofCommands> AddProofCommands(CLI::App& cli) {
  return std::make_unique<Commands>(cli);
}

}  // namespace lifeline::cli
