#include "crypto/record_sealer.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "crypto/crypto.hpp"

namespace lifeline::crypto {
namespace {

constexpr std::string_view kWindowKeyPurpose = "lifeline/window-key/v1";

// window key = BLAKE2b(purpose || X25519(secret, peer) || ephemeral public || office public)
bool DeriveWindowKey(const std::uint8_t* secret, const Key32& peer_public,
                     const Key32& ephemeral_public, const Key32& office_public, Key32& out) {
  std::uint8_t material[96];
  if (crypto_scalarmult(material, secret, peer_public.data()) != 0) return false;
  std::memcpy(material + 32, ephemeral_public.data(), 32);
  std::memcpy(material + 64, office_public.data(), 32);
  out = Hash(kWindowKeyPurpose,
             std::string_view(reinterpret_cast<const char*>(material), sizeof material));
  sodium_memzero(material, sizeof material);
  return true;
}

}  // namespace

Key32 RecordKey::AsKey() const {
  Key32 key{};
  std::memcpy(key.data(), bytes.data(), std::min<std::size_t>(bytes.size(), key.size()));
  return key;
}

ScopedKey::~ScopedKey() { sodium_memzero(key_.data(), key_.size()); }

IntakeSealer::IntakeSealer(OfficePublicKey office, std::chrono::milliseconds window_length,
                           std::size_t max_records)
    : office_(office), window_length_(window_length), max_records_(max_records) {}

IntakeSealer::~IntakeSealer() { sodium_memzero(window_key_.data(), window_key_.size()); }

void IntakeSealer::OpenWindowLocked(std::chrono::steady_clock::time_point now) {
  std::uint8_t ephemeral_secret[crypto_box_SECRETKEYBYTES];
  crypto_box_keypair(window_public_.data(), ephemeral_secret);
  const bool ok =
      DeriveWindowKey(ephemeral_secret, office_.bytes, window_public_, office_.bytes, window_key_);
  sodium_memzero(ephemeral_secret, sizeof ephemeral_secret);  // forward secrecy starts here
  if (!ok) throw std::runtime_error("the office public key is invalid");
  window_open_ = true;
  window_records_ = 0;
  window_opened_at_ = now;
  ++windows_opened_;
}

SealedRecord IntakeSealer::WrapInWindow(const Key32& record_key, std::string_view associated) {
  SealedRecord sealed;
  sealed.key_generation = office_.generation;
  Key32 window_key;
  {
    std::lock_guard lock(mutex_);
    const auto now = std::chrono::steady_clock::now();
    if (!window_open_ || window_records_ >= max_records_ ||
        now - window_opened_at_ >= window_length_) {
      OpenWindowLocked(now);
    }
    ++window_records_;
    window_key = window_key_;
    sealed.ephemeral_public = window_public_;
    if (window_records_ >= max_records_) {  // full: wipe now rather than at the next record
      sodium_memzero(window_key_.data(), window_key_.size());
      window_open_ = false;
    }
  }
  sealed.wrapped_key = AeadEncrypt(
      window_key, std::string_view(reinterpret_cast<const char*>(record_key.data()), 32),
      associated);
  sodium_memzero(window_key.data(), window_key.size());
  return sealed;
}

SealedRecord IntakeSealer::Seal(std::string_view plaintext, std::string_view associated) {
  Key32 record_key;
  crypto_aead_xchacha20poly1305_ietf_keygen(record_key.data());
  SealedRecord sealed = WrapInWindow(record_key, associated);
  sealed.ciphertext = AeadEncrypt(record_key, plaintext, associated);
  sodium_memzero(record_key.data(), record_key.size());
  return sealed;
}

SealedRecord IntakeSealer::Wrap(const RecordKey& key, std::string_view associated) {
  Key32 record_key = key.AsKey();
  SealedRecord sealed = WrapInWindow(record_key, associated);
  sodium_memzero(record_key.data(), record_key.size());
  return sealed;
}

void IntakeSealer::CloseExpiredWindow() {
  std::lock_guard lock(mutex_);
  if (window_open_ && std::chrono::steady_clock::now() - window_opened_at_ >= window_length_) {
    sodium_memzero(window_key_.data(), window_key_.size());
    window_open_ = false;
  }
}

std::size_t IntakeSealer::windows_opened() const {
  std::lock_guard lock(mutex_);
  return windows_opened_;
}

bool IntakeSealer::holds_window_key() const {
  std::lock_guard lock(mutex_);
  return window_open_;
}

OfficeOpener::OfficeOpener(SecretBytes secret, std::vector<OfficeKeyGeneration> keys)
    : secret_(std::move(secret)), keys_(std::move(keys)) {
  if (keys_.empty()) throw std::invalid_argument("an office opener needs at least one key");
  std::sort(keys_.begin(), keys_.end(), [](const auto& a, const auto& b) {
    return a.public_key.generation < b.public_key.generation;
  });
}

OfficeOpener::OfficeOpener(OfficePrivateKey key, OfficePublicKey public_key) : secret_(key.bytes) {
  keys_.push_back({std::move(key), public_key});
}

const OfficeKeyGeneration* OfficeOpener::Find(std::int64_t generation) const {
  for (const auto& k : keys_) {
    if (k.public_key.generation == generation) return &k;
  }
  return nullptr;
}

const OfficePublicKey& OfficeOpener::newest_public() const { return keys_.back().public_key; }

bool OfficeOpener::holds_generation(std::int64_t generation) const {
  return Find(generation) != nullptr;
}

Result<RecordKey> OfficeOpener::OpenRecordKey(const SealedRecord& record,
                                              std::string_view associated) const {
  const OfficeKeyGeneration* office = Find(record.key_generation);
  if (office == nullptr) {
    return Error{ErrorCode::kInternal, "a sealed record's office key generation is not unlocked"};
  }
  Key32 window_key;
  if (!DeriveWindowKey(office->private_key.bytes.data(), record.ephemeral_public,
                       record.ephemeral_public, office->public_key.bytes, window_key)) {
    return Error{ErrorCode::kInternal, "a sealed record has an invalid ephemeral key"};
  }
  RecordKey key;
  const bool ok = AeadDecrypt(window_key, record.wrapped_key, associated, key.bytes);
  sodium_memzero(window_key.data(), window_key.size());
  if (!ok || key.bytes.size() != 32) {
    return Error{ErrorCode::kInternal, "a sealed record's key does not open"};
  }
  return key;
}

Result<SecretBytes> OfficeOpener::Open(const SealedRecord& record,
                                       std::string_view associated) const {
  auto key = OpenRecordKey(record, associated);
  if (!key) return key.error();
  Key32 k = key->AsKey();
  SecretBytes plaintext;
  const bool ok = AeadDecrypt(k, record.ciphertext, associated, plaintext);
  sodium_memzero(k.data(), k.size());
  if (!ok) return Error{ErrorCode::kInternal, "a sealed record does not open"};
  return plaintext;
}

Key32 OfficeOpener::DeriveSubkey(std::string_view purpose) const {
  return Hash(purpose, secret_.view());
}

}  // namespace lifeline::crypto
