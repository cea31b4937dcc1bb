// Backup files (`lifeline restore`, crypto/backup_cipher.hpp): the header is read before any
// key exists, so whoever can put a file in the restore path controls it. A header the restore
// accepts may never ask the key derivation for more than BackupEncryptor spends (libsodium's
// "moderate" Argon2id cost); a refused header is refused before any key derivation.

#include <sodium.h>

#include "crypto/backup_cipher.hpp"
#include "crypto/crypto.hpp"
#include "fuzz_check.hpp"

using namespace lifeline;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  crypto::Initialise();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> header(data, size);
  auto cost = crypto::ReadBackupHeader(header);
  if (!cost) {
    FUZZ_CHECK(cost.error().code == ErrorCode::kInvalidInput);
    auto opened = crypto::BackupDecryptor::Open("synthetic passphrase", header);
    FUZZ_CHECK(!opened && opened.error().code == ErrorCode::kInvalidInput);
    return 0;
  }
  FUZZ_CHECK(size == crypto::kBackupHeaderBytes);
  FUZZ_CHECK(cost->ops >= crypto_pwhash_OPSLIMIT_MIN &&
             cost->ops <= crypto_pwhash_OPSLIMIT_MODERATE);
  FUZZ_CHECK(cost->mem >= crypto_pwhash_MEMLIMIT_MIN &&
             cost->mem <= crypto_pwhash_MEMLIMIT_MODERATE);
  // A cheap derivation goes on to the key check, which a header not made with the passphrase fails.
  if (cost->mem <= 64 * 1024) {
    auto opened = crypto::BackupDecryptor::Open("synthetic passphrase", header);
    FUZZ_CHECK(!opened && opened.error().code == ErrorCode::kUnauthenticated);
  }
  return 0;
}
