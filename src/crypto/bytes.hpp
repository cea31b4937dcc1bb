#pragma once
// Byte containers shared by crypto/ and its callers. This header does not include sodium.h.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lifeline::crypto {

using Bytes = std::vector<std::uint8_t>;
using Key32 = std::array<std::uint8_t, 32>;

/// Bytes that hold a secret: wiped on destruction and on move-from. Not thread-safe.
class SecretBytes {
 public:
  SecretBytes() = default;
  explicit SecretBytes(std::size_t size) : data_(size) {}
  SecretBytes(const std::uint8_t* data, std::size_t size) : data_(data, data + size) {}
  SecretBytes(const SecretBytes&) = default;
  SecretBytes& operator=(const SecretBytes&) = default;
  SecretBytes(SecretBytes&& other) noexcept : data_(std::move(other.data_)) { other.Wipe(); }
  SecretBytes& operator=(SecretBytes&& other) noexcept;
  ~SecretBytes() { Wipe(); }

  std::uint8_t* data() { return data_.data(); }
  const std::uint8_t* data() const { return data_.data(); }
  std::size_t size() const { return data_.size(); }
  bool empty() const { return data_.empty(); }
  std::string_view view() const {
    return {reinterpret_cast<const char*>(data_.data()), data_.size()};
  }
  void Wipe();

 private:
  std::vector<std::uint8_t> data_;
};

/// Lower-case hex; for keys and hashes, never for personal data.
std::string ToHex(const std::uint8_t* data, std::size_t size);
inline std::string ToHex(const Bytes& b) { return ToHex(b.data(), b.size()); }
/// Nullopt-free: returns empty Bytes when `hex` is not valid hex.
Bytes FromHex(std::string_view hex);

inline Bytes ToBytes(std::string_view s) { return Bytes(s.begin(), s.end()); }

}  // namespace lifeline::crypto
