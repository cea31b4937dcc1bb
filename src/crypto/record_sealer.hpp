#pragma once
// Encryption at arrival (docs/security.md, "Encryption at arrival").
//
// Every record gets a fresh random record key; its identifying fields are encrypted under
// that key. The record key is wrapped under a *window key*: the X25519 shared secret of an
// ephemeral key pair with the office public key, hashed. The ephemeral secret is wiped as
// soon as the window key is derived, and the window key when its window closes (after
// `window_length` or `max_records`, whichever is first), so a seized intake server cannot
// open what it stored before. One scalar multiplication per window replaces a sealed box per
// record; per record we pay two small AEAD operations.
//
// Deleting a record's wrapped key destroys the record (crypto-shredding).

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string_view>
#include <vector>

#include "crypto/bytes.hpp"
#include "crypto/office_keys.hpp"
#include "domain/result.hpp"

namespace lifeline::crypto {

/// What is stored for one sealed record. `associated` data given at sealing (e.g. the
/// record's receipt lookup hash) must be given again to open it.
struct SealedRecord {
  Key32 ephemeral_public{};
  Bytes wrapped_key;
  Bytes ciphertext;
  std::int64_t key_generation = 1;  // the office key generation that opens `wrapped_key`
};

/// A record key: wiped on destruction.
struct RecordKey {
  SecretBytes bytes;  // 32 bytes
  Key32 AsKey() const;
};

/// A record key copied out for the AEAD calls, wiped when it goes out of scope.
class ScopedKey {
 public:
  explicit ScopedKey(const RecordKey& key) : key_(key.AsKey()) {}
  ~ScopedKey();
  ScopedKey(const ScopedKey&) = delete;
  ScopedKey& operator=(const ScopedKey&) = delete;
  const Key32& get() const { return key_; }

 private:
  Key32 key_;
};

/// Seals records for the office. Thread-safe.
class IntakeSealer {
 public:
  IntakeSealer(OfficePublicKey office, std::chrono::milliseconds window_length,
               std::size_t max_records);
  ~IntakeSealer();
  IntakeSealer(const IntakeSealer&) = delete;
  IntakeSealer& operator=(const IntakeSealer&) = delete;

  /// Encrypts `plaintext` under a fresh record key wrapped for the office.
  SealedRecord Seal(std::string_view plaintext, std::string_view associated);

  /// Wraps an existing record key for this sealer's office key (key rotation); the result
  /// has no ciphertext, since the record's fields do not change.
  SealedRecord Wrap(const RecordKey& key, std::string_view associated);

  /// Wipes the window key if its window has expired; call periodically so that an idle
  /// server keeps no key that opens past records.
  void CloseExpiredWindow();

  /// Windows opened so far (for tests and metrics).
  std::size_t windows_opened() const;

  /// Whether a window key is held in memory right now.
  bool holds_window_key() const;

 private:
  void OpenWindowLocked(std::chrono::steady_clock::time_point now);
  /// Wraps `record_key` under the current window (opening one if needed).
  SealedRecord WrapInWindow(const Key32& record_key, std::string_view associated);

  const OfficePublicKey office_;
  const std::chrono::milliseconds window_length_;
  const std::size_t max_records_;
  mutable std::mutex mutex_;
  Key32 window_key_{};                                      // GUARDED_BY(mutex_)
  Key32 window_public_{};                                   // GUARDED_BY(mutex_)
  bool window_open_ = false;                                // GUARDED_BY(mutex_)
  std::size_t window_records_ = 0;                          // GUARDED_BY(mutex_)
  std::chrono::steady_clock::time_point window_opened_at_;  // GUARDED_BY(mutex_)
  std::size_t windows_opened_ = 0;                          // GUARDED_BY(mutex_)
};

/// One unlocked generation of the office key pair.
struct OfficeKeyGeneration {
  OfficePrivateKey private_key;
  OfficePublicKey public_key;  // carries the generation number
};

/// Opens sealed records with the office private keys, whatever live generation sealed them,
/// and derives the office subkeys. Thread-safe (immutable after construction).
class OfficeOpener {
 public:
  /// `secret` roots DeriveSubkey; `keys` are the live generations (at least one).
  OfficeOpener(SecretBytes secret, std::vector<OfficeKeyGeneration> keys);
  /// A single generation whose private key also roots the subkeys (tests and benchmarks).
  OfficeOpener(OfficePrivateKey key, OfficePublicKey public_key);

  /// The record key, or kInternal if the wrapped key does not open (tampered or shredded)
  /// or its generation is not held.
  Result<RecordKey> OpenRecordKey(const SealedRecord& record, std::string_view associated) const;

  /// The plaintext of the record, or kInternal if it does not open.
  Result<SecretBytes> Open(const SealedRecord& record, std::string_view associated) const;

  /// A key for `purpose` (e.g. "lifeline/audit-mac/v1") that only the office secret's holder
  /// can derive. Deterministic, and unchanged by key rotation.
  Key32 DeriveSubkey(std::string_view purpose) const;

  /// The newest generation held: what new records and re-wrapped keys are sealed to.
  const OfficePublicKey& newest_public() const;
  bool holds_generation(std::int64_t generation) const;

 private:
  const OfficeKeyGeneration* Find(std::int64_t generation) const;

  SecretBytes secret_;
  std::vector<OfficeKeyGeneration> keys_;  // oldest first
};

}  // namespace lifeline::crypto
