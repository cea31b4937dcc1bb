#include "cli/partner_commands.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <iterator>

#include "cli/secrets.hpp"
#include "crypto/crypto.hpp"

namespace lifeline::cli {
namespace {

// Writes `text` to a new file only its owner can read; refuses to replace one.
bool WriteNewPrivateFile(const std::string& path, const std::string& text) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) return false;
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  return ::close(fd) == 0 && written;
}

class Commands final : public PartnerCommands {
 public:
  explicit Commands(CLI::App& cli) {
    auto* key = cli.add_subcommand("partner-key", "A partner organisation's key for receiving referrals");
    key->require_subcommand(1);
    new_key_ = key->add_subcommand("new", "Make a key pair: the secret goes to --secret-out (never share it), the "
                                          "public key is printed for lifeline's administrator to register");
    new_key_->add_option("--secret-out", secret_path_, "New file for the secret key")->required();
    auto* referral = cli.add_subcommand("referral", "Referral packages");
    referral->require_subcommand(1);
    open_ = referral->add_subcommand("open", "Open a referral package sealed to this partner and print it (JSON)");
    open_->add_option("--secret", secret_path_, "The partner's secret key file")->required();
    open_->add_option("--package", package_path_, "The package, as downloaded")->required();
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
    if (!WriteNewPrivateFile(secret_path_, crypto::ToHex(pair.secret_key.data(), pair.secret_key.size()) + "\n")) {
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
      std::cerr << "lifeline: the secret key file does not hold a key made by `lifeline partner-key new`\n";
      return 2;
    }
    std::ifstream in(package_path_, std::ios::binary);
    if (!in) {
      std::cerr << "lifeline: cannot read the package\n";
      return 2;
    }
    const crypto::Bytes package{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    crypto::SecretBytes plain;
    if (!crypto::OpenSealedBox(*public_key, secret, package, plain)) {
      std::cerr << "lifeline: this package is not for this key, or it was altered\n";
      return 3;
    }
    std::cout << plain.view() << "\n";
    return 0;
  }

  CLI::App* new_key_ = nullptr;
  CLI::App* open_ = nullptr;
  std::string secret_path_;
  std::string package_path_;
};

}  // namespace

std::unique_ptr<PartnerCommands> AddPartnerCommands(CLI::App& cli) { return std::make_unique<Commands>(cli); }

}  // namespace lifeline::cli
