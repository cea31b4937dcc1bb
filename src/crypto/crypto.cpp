#include "crypto/crypto.hpp"

#include <sodium.h>

#include <stdexcept>

#include "crypto/stack_wipe.hpp"

namespace lifeline::crypto {

SecretBytes& SecretBytes::operator=(SecretBytes&& other) noexcept {
  if (this != &other) {
    Wipe();
    data_ = std::move(other.data_);
    other.Wipe();
  }
  return *this;
}

void SecretBytes::Wipe() {
  if (!data_.empty()) sodium_memzero(data_.data(), data_.size());
  data_.clear();
}

std::string ToHex(const std::uint8_t* data, std::size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, size);
  out.pop_back();
  return out;
}

Bytes FromHex(std::string_view hex) {
  Bytes out(hex.size() / 2);
  std::size_t len = 0;
  const char* end = nullptr;
  if (hex.size() % 2 != 0 ||
      sodium_hex2bin(out.data(), out.size(), hex.data(), hex.size(), nullptr, &len, &end) != 0 ||
      len != out.size()) {
    return {};
  }
  return out;
}

void Initialise() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

Bytes RandomBytes(std::size_t size) {
  Bytes out(size);
  randombytes_buf(out.data(), out.size());
  return out;
}

std::string RandomDigits(std::size_t count) {
  std::string out(count, '0');
  for (auto& c : out) c = static_cast<char>('0' + randombytes_uniform(10));
  return out;
}

std::string RandomFrom(std::string_view alphabet, std::size_t count) {
  std::string out(count, '\0');
  for (auto& c : out)
    c = alphabet[randombytes_uniform(static_cast<std::uint32_t>(alphabet.size()))];
  return out;
}

std::string RandomToken() {
  std::uint8_t raw[32];
  randombytes_buf(raw, sizeof raw);
  std::string out(sodium_base64_ENCODED_LEN(sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                  '\0');
  sodium_bin2base64(out.data(), out.size(), raw, sizeof raw,
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::char_traits<char>::length(out.c_str()));
  sodium_memzero(raw, sizeof raw);
  return out;
}

Key32 Hash(std::string_view purpose, std::string_view data) {
  Key32 out;
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, out.size());
  const std::uint64_t purpose_size = purpose.size();  // length prefix: no ambiguity
  crypto_generichash_update(&state, reinterpret_cast<const std::uint8_t*>(&purpose_size),
                            sizeof purpose_size);
  crypto_generichash_update(&state, reinterpret_cast<const std::uint8_t*>(purpose.data()),
                            purpose.size());
  crypto_generichash_update(&state, reinterpret_cast<const std::uint8_t*>(data.data()),
                            data.size());
  crypto_generichash_final(&state, out.data(), out.size());
  return out;
}

Key32 KeyedHash(const Key32& key, std::string_view data) {
  Key32 out;
  crypto_generichash(out.data(), out.size(), reinterpret_cast<const std::uint8_t*>(data.data()),
                     data.size(), key.data(), key.size());
  return out;
}

void Wipe(Key32& key) { sodium_memzero(key.data(), key.size()); }

__attribute__((noinline)) void WipeStackBelow() {
  unsigned char area[16 * 1024];
  sodium_memzero(area, sizeof area);
  __asm__ __volatile__("" : : "r"(area) : "memory");  // the area counts as used
}

bool ConstantTimeEquals(const std::uint8_t* a, const std::uint8_t* b, std::size_t size) {
  return sodium_memcmp(a, b, size) == 0;
}

Bytes AeadEncrypt(const Key32& key, std::string_view plaintext, std::string_view associated) {
  constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  Bytes out(kNonce + plaintext.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES);
  randombytes_buf(out.data(), kNonce);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      out.data() + kNonce, &written, reinterpret_cast<const std::uint8_t*>(plaintext.data()),
      plaintext.size(), reinterpret_cast<const std::uint8_t*>(associated.data()), associated.size(),
      nullptr, out.data(), key.data());
  out.resize(kNonce + written);
  return out;
}

bool AeadDecrypt(const Key32& key, const Bytes& sealed, std::string_view associated,
                 SecretBytes& plaintext) {
  constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  constexpr std::size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;
  plaintext.Wipe();
  if (sealed.size() < kNonce + kTag) return false;
  SecretBytes out(sealed.size() - kNonce - kTag);
  unsigned long long written = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          out.data(), &written, nullptr, sealed.data() + kNonce, sealed.size() - kNonce,
          reinterpret_cast<const std::uint8_t*>(associated.data()), associated.size(),
          sealed.data(), key.data()) != 0) {
    return false;
  }
  plaintext = std::move(out);
  return true;
}

BoxKeyPair NewBoxKeyPair() {
  BoxKeyPair pair;
  pair.secret_key = SecretBytes(crypto_box_SECRETKEYBYTES);
  crypto_box_keypair(pair.public_key.data(), pair.secret_key.data());
  return pair;
}

std::optional<Key32> BoxPublicKeyOf(const SecretBytes& secret_key) {
  if (secret_key.size() != crypto_box_SECRETKEYBYTES) return std::nullopt;
  Key32 public_key{};
  crypto_scalarmult_base(public_key.data(), secret_key.data());
  return public_key;
}

Bytes SealTo(const Key32& public_key, std::string_view plaintext) {
  Bytes out(plaintext.size() + crypto_box_SEALBYTES);
  crypto_box_seal(out.data(), reinterpret_cast<const std::uint8_t*>(plaintext.data()),
                  plaintext.size(), public_key.data());
  return out;
}

bool OpenSealedBox(const Key32& public_key, const SecretBytes& secret_key, const Bytes& sealed,
                   SecretBytes& plaintext) {
  plaintext.Wipe();
  if (sealed.size() < crypto_box_SEALBYTES || secret_key.size() != crypto_box_SECRETKEYBYTES)
    return false;
  SecretBytes out(sealed.size() - crypto_box_SEALBYTES);
  if (crypto_box_seal_open(out.data(), sealed.data(), sealed.size(), public_key.data(),
                           secret_key.data()) != 0) {
    return false;
  }
  plaintext = std::move(out);
  return true;
}

}  // namespace lifeline::crypto
