#include "crypto/backup_cipher.hpp"

#include <sodium.h>

#include <cstring>
#include <memory>
#include <stdexcept>

#include "crypto/crypto.hpp"

namespace lifeline::crypto {
namespace {

constexpr char kMagic[8] = {'L', 'L', 'B', 'A', 'C', 'K', '0', '1'};
constexpr std::size_t kSaltAt = 8, kOpsAt = 24, kMemAt = 32, kStreamAt = 40, kCheckAt = 64;
static_assert(kCheckAt + 32 == kBackupHeaderBytes);
static_assert(crypto_secretstream_xchacha20poly1305_HEADERBYTES == 24);

void PutU64(std::uint8_t* at, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) at[i] = static_cast<std::uint8_t>(v >> (8 * i));
}
std::uint64_t GetU64(const std::uint8_t* at) {
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | at[i];
  return v;
}

bool DeriveKey(std::string_view passphrase, const std::uint8_t* salt, std::uint64_t ops,
               std::uint64_t mem, Key32& key) {
  return crypto_pwhash(key.data(), key.size(), passphrase.data(), passphrase.size(), salt, ops, mem,
                       crypto_pwhash_ALG_ARGON2ID13) == 0;
}

// Proves the key without revealing it: a keyed hash of the header's first part.
Key32 CheckValue(const Key32& key, const std::uint8_t* header) {
  return KeyedHash(key, std::string_view(reinterpret_cast<const char*>(header), kCheckAt));
}

}  // namespace

struct BackupEncryptor::State {
  crypto_secretstream_xchacha20poly1305_state stream;
  bool first = true;
};

BackupEncryptor::BackupEncryptor(std::string_view passphrase)
    : header_(kBackupHeaderBytes), state_(new State) {
  std::memcpy(header_.data(), kMagic, sizeof kMagic);
  randombytes_buf(header_.data() + kSaltAt, crypto_pwhash_SALTBYTES);
  PutU64(header_.data() + kOpsAt, crypto_pwhash_OPSLIMIT_MODERATE);
  PutU64(header_.data() + kMemAt, crypto_pwhash_MEMLIMIT_MODERATE);
  Key32 key;
  if (!DeriveKey(passphrase, header_.data() + kSaltAt, crypto_pwhash_OPSLIMIT_MODERATE,
                 crypto_pwhash_MEMLIMIT_MODERATE, key)) {
    delete state_;
    throw std::runtime_error("out of memory while deriving the backup key");
  }
  crypto_secretstream_xchacha20poly1305_init_push(&state_->stream, header_.data() + kStreamAt,
                                                  key.data());
  const Key32 check = CheckValue(key, header_.data());
  std::memcpy(header_.data() + kCheckAt, check.data(), check.size());
  Wipe(key);
}

BackupEncryptor::~BackupEncryptor() {
  sodium_memzero(&state_->stream, sizeof state_->stream);
  delete state_;
}

Bytes BackupEncryptor::Seal(std::span<const std::uint8_t> chunk, bool last) {
  Bytes out(chunk.size() + crypto_secretstream_xchacha20poly1305_ABYTES);
  // The first chunk authenticates the header too, so no header field can be swapped.
  const std::uint8_t* ad = state_->first ? header_.data() : nullptr;
  const std::size_t ad_size = state_->first ? header_.size() : 0;
  state_->first = false;
  crypto_secretstream_xchacha20poly1305_push(
      &state_->stream, out.data(), nullptr, chunk.data(), chunk.size(), ad, ad_size,
      last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
  return out;
}

struct BackupDecryptor::State {
  crypto_secretstream_xchacha20poly1305_state stream;
  Bytes header;
  bool first = true;
};

Result<BackupKdfCost> ReadBackupHeader(std::span<const std::uint8_t> header) {
  const Error not_a_backup{ErrorCode::kInvalidInput, "this file is not a lifeline backup"};
  if (header.size() != kBackupHeaderBytes ||
      std::memcmp(header.data(), kMagic, sizeof kMagic) != 0) {
    return not_a_backup;
  }
  const BackupKdfCost cost{GetU64(header.data() + kOpsAt), GetU64(header.data() + kMemAt)};
  // At most what BackupEncryptor spends (libsodium's "moderate" cost, 256 MiB): the header is
  // read before any key exists, and a header asking for 64 passes over 4 GiB (the old bound)
  // made a restore of a planted file run out of memory (found by fuzz/backup_header_fuzzer).
  if (cost.ops < crypto_pwhash_OPSLIMIT_MIN || cost.ops > crypto_pwhash_OPSLIMIT_MODERATE ||
      cost.mem < crypto_pwhash_MEMLIMIT_MIN || cost.mem > crypto_pwhash_MEMLIMIT_MODERATE) {
    return not_a_backup;
  }
  return cost;
}

Result<std::unique_ptr<BackupDecryptor>> BackupDecryptor::Open(
    std::string_view passphrase, std::span<const std::uint8_t> header) {
  auto cost = ReadBackupHeader(header);
  if (!cost) return cost.error();
  const Error not_a_backup{ErrorCode::kInvalidInput, "this file is not a lifeline backup"};
  Key32 key;
  if (!DeriveKey(passphrase, header.data() + kSaltAt, cost->ops, cost->mem, key)) {
    return Error{ErrorCode::kInternal, "out of memory while deriving the backup key"};
  }
  const Key32 check = CheckValue(key, header.data());
  if (!ConstantTimeEquals(check.data(), header.data() + kCheckAt, check.size())) {
    Wipe(key);
    return Error{ErrorCode::kUnauthenticated,
                 "wrong passphrase for this backup (or its header was altered)"};
  }
  auto state = std::make_unique<State>();
  state->header.assign(header.begin(), header.end());
  const int rc = crypto_secretstream_xchacha20poly1305_init_pull(
      &state->stream, header.data() + kStreamAt, key.data());
  Wipe(key);
  if (rc != 0) return not_a_backup;
  return std::unique_ptr<BackupDecryptor>(new BackupDecryptor(state.release()));
}

BackupDecryptor::~BackupDecryptor() {
  sodium_memzero(&state_->stream, sizeof state_->stream);
  delete state_;
}

Result<SecretBytes> BackupDecryptor::Open(std::span<const std::uint8_t> sealed, bool& last) {
  const Error damaged{ErrorCode::kInvalidInput, "the backup is damaged or was altered"};
  if (finished_ || sealed.size() < crypto_secretstream_xchacha20poly1305_ABYTES) return damaged;
  SecretBytes plain(sealed.size() - crypto_secretstream_xchacha20poly1305_ABYTES);
  unsigned char tag = 0;
  const std::uint8_t* ad = state_->first ? state_->header.data() : nullptr;
  const std::size_t ad_size = state_->first ? state_->header.size() : 0;
  state_->first = false;
  if (crypto_secretstream_xchacha20poly1305_pull(&state_->stream, plain.data(), nullptr, &tag,
                                                 sealed.data(), sealed.size(), ad, ad_size) != 0) {
    return damaged;
  }
  last = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
  finished_ = last;
  return plain;
}

}  // namespace lifeline::crypto
