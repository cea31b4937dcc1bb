#include "cli/partner_commands.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/secrets.hpp"
#include "crypto/crypto.hpp"
#include "crypto/referral_package.hpp"

namespace lifeline::cli {
namespace {

// Writes `text` to a new file only its owner can read; refuses to replace one.
bool WriteNewPrivateFile(const std::string& path, const std::string& text) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) return false;
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
                       ::fsync(fd) == 0;
  return ::close(fd) == 0 && written;
}

// The partner's list of whom it accepts packages from: one sender a line, "<64 hex digits of
// the sender's signing key> <the sender's name>"; blank lines and lines from "#" are skipped.
// nullopt (with a message naming the line) if the file cannot be read or a line is malformed.
std::optional<std::map<crypto::Key32, std::string>> ReadTrustedSenders(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << "lifeline: cannot read the trusted senders file\n";
    return std::nullopt;
  }
  std::map<crypto::Key32, std::string> senders;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    std::istringstream words(line);
    std::string hex, name;
    if (!(words >> hex) || hex.front() == '#') continue;
    std::getline(words >> std::ws, name);
    const crypto::Bytes key = hex.size() == 64 ? crypto::FromHex(hex) : crypto::Bytes{};
    if (key.size() != 32 || name.empty()) {
      std::cerr << "lifeline: trusted senders, line " << number
                << ": expected the sender's signing key (64 hex digits), a space and its name\n";
      return std::nullopt;
    }
    crypto::Key32 k;
    std::copy(key.begin(), key.end(), k.begin());
    senders[k] = name;
  }
  if (senders.empty()) {
    std::cerr << "lifeline: the trusted senders file lists nobody: add the organisation's signing "
                 "key and its name\n";
    return std::nullopt;
  }
  return senders;
}

class Commands final : public PartnerCommands {
 public:
  explicit Commands(CLI::App& cli) {
    auto* key =
        cli.add_subcommand("partner-key", "A partner organisation's key for receiving referrals");
    key->require_subcommand(1);
    new_key_ = key->add_subcommand(
        "new",
        "Make a key pair: the secret goes to --secret-out (never share it), the "
        "public key is printed for lifeline's administrator to register");
    new_key_->add_option("--secret-out", secret_path_, "New file for the secret key")->required();
    auto* referral = cli.add_subcommand("referral", "Referral packages");
    referral->require_subcommand(1);
    open_ = referral->add_subcommand(
        "open",
        "Open a referral package sealed to this partner, check who signed it, and "
        "print it (JSON, with \"signed_by\")");
    open_->add_option("--secret", secret_path_, "The partner's secret key file")->required();
    open_->add_option("--package", package_path_, "The package, as downloaded")->required();
    open_
        ->add_option("--trusted-senders", trusted_path_,
                     "File of senders whose packages you accept: a line each, \"<signing key, 64 "
                     "hex digits> <name>\" "
                     "(the organisation shows its key on its partners page)")
        ->required();
  }

  std::optional<int> RunIfChosen() const override {
    if (!*new_key_ && !*open_) return std::nullopt;
    try {
      crypto::Initialise();
      return *new_key_ ? NewKey() : Open();
    } catch (const std::exception& e) {
      std::cerr << "lifeline: " << e.what() << "\n";
      return 1;
    }
  }

 private:
  int NewKey() const {
    const crypto::BoxKeyPair pair = crypto::NewBoxKeyPair();
    if (!WriteNewPrivateFile(
            secret_path_, crypto::ToHex(pair.secret_key.data(), pair.secret_key.size()) + "\n")) {
      std::cerr << "lifeline: cannot create the secret key file (does it exist already?)\n";
      return 2;
    }
    std::cout << crypto::ToHex(pair.public_key.data(), pair.public_key.size()) << "\n";
    return 0;
  }

  int Open() const {
    const crypto::Bytes raw = crypto::FromHex(ReadSecret(secret_path_, "secret key"));
    const crypto::SecretBytes secret(raw.data(), raw.size());
    const auto public_key = crypto::BoxPublicKeyOf(secret);
    if (!public_key) {
      std::cerr << "lifeline: the secret key file does not hold a key made by `lifeline "
                   "partner-key new`\n";
      return 2;
    }
    std::ifstream in(package_path_, std::ios::binary);
    if (!in) {
      std::cerr << "lifeline: cannot read the package\n";
      return 2;
    }
    const crypto::Bytes package{std::istreambuf_iterator<char>(in),
                                std::istreambuf_iterator<char>()};
    const auto trusted = ReadTrustedSenders(trusted_path_);
    if (!trusted) return 2;
    auto opened = crypto::OpenReferral(*public_key, secret, package, *trusted);
    if (const auto* refusal = std::get_if<crypto::ReferralRefusal>(&opened)) {
      std::cerr << "lifeline: " << crypto::Explain(*refusal) << "\n";
      return *refusal == crypto::ReferralRefusal::kNotForThisKey ? 3 : 4;
    }
    const auto& referral = std::get<crypto::OpenedReferral>(opened);
    auto doc = nlohmann::json::parse(referral.json.view(), nullptr, false);
    if (!doc.is_object()) {
      std::cerr << "lifeline: the package is signed but does not hold a referral\n";
      return 4;
    }
    doc["signed_by"] = {
        {"name", referral.sender},
        {"key", crypto::ToHex(referral.sender_key.data(), referral.sender_key.size())}};
    std::cout << doc.dump() << "\n";
    std::cerr << "lifeline: signed by " << referral.sender << "\n";
    return 0;
  }

  CLI::App* new_key_ = nullptr;
  CLI::App* open_ = nullptr;
  std::string secret_path_;
  std::string package_path_;
  std::string trusted_path_;
};

}  // namespace

std::unique_ptr<PartnerCommands> AddPartnerCommands(CLI::App& cli) {
  return std::make_unique<Commands>(cli);
}

}  // namespace lifeline::cli
