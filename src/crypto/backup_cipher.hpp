#pragma once
// Encryption of backups: a header, then chunks sealed with libsodium's secretstream
// (XChaCha20-Poly1305), keyed by Argon2id(office passphrase, a fresh salt). Each chunk is
// authenticated and ordered; the last carries the FINAL tag, so truncation, reordering,
// bit flips and appended data are all refused. A keyed check value in the header tells a
// wrong passphrase apart from damage.

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>

#include "crypto/bytes.hpp"
#include "domain/result.hpp"

namespace lifeline::crypto {

inline constexpr std::size_t kBackupHeaderBytes = 8 + 16 + 8 + 8 + 24 + 32;

/// What a backup header asks of the key derivation (Argon2id passes and bytes of memory).
struct BackupKdfCost {
  std::uint64_t ops = 0;
  std::uint64_t mem = 0;
};

/// Reads a backup header without deriving its key: kInvalidInput "this file is not a lifeline
/// backup" for a wrong size or magic, or for a cost above what BackupEncryptor spends
/// (libsodium's "moderate" Argon2id: 3 passes over 256 MiB) or below libsodium's minimum.
Result<BackupKdfCost> ReadBackupHeader(std::span<const std::uint8_t> header);

/// Encrypts one backup. Not thread-safe; use once, in order.
class BackupEncryptor {
 public:
  /// Derives the key (Argon2id, libsodium "moderate" limits: about a second).
  explicit BackupEncryptor(std::string_view passphrase);
  ~BackupEncryptor();
  BackupEncryptor(const BackupEncryptor&) = delete;
  BackupEncryptor& operator=(const BackupEncryptor&) = delete;

  /// The kBackupHeaderBytes to write first.
  const Bytes& header() const { return header_; }
  /// Seals the next chunk; `last` marks the end of the backup.
  Bytes Seal(std::span<const std::uint8_t> chunk, bool last);

 private:
  struct State;
  Bytes header_;
  State* state_;
};

/// Decrypts one backup. Not thread-safe.
class BackupDecryptor {
 public:
  /// kInvalidInput "not a lifeline backup" for a wrong magic or parameters;
  /// kUnauthenticated for a wrong passphrase.
  static Result<std::unique_ptr<BackupDecryptor>> Open(std::string_view passphrase,
                                                       std::span<const std::uint8_t> header);
  ~BackupDecryptor();

  /// The plaintext of the next chunk and whether it was the last; kInvalidInput "the backup
  /// is damaged or was altered" if it does not open or comes after the last.
  Result<SecretBytes> Open(std::span<const std::uint8_t> sealed, bool& last);

 private:
  struct State;
  explicit BackupDecryptor(State* state) : state_(state) {}
  State* state_;
  bool finished_ = false;
};

}  // namespace lifeline::crypto
