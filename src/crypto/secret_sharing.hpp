#pragma once
// Shamir's secret sharing over GF(2^8) (libgfshare): a secret split into n shares such that
// any `threshold` of them give it back and fewer tell nothing about it, byte by byte. The
// office's k-of-n key (app/accounts/custodians.hpp) splits its wrapping key this way.
//
// libgfshare draws the random coefficients (and the bytes it scrubs its buffers with) from a
// function the caller installs; this wrapper installs libsodium's randombytes_buf, never
// random(), before libgfshare's first use.

#include <cstdint>
#include <span>
#include <vector>

#include "crypto/bytes.hpp"
#include "domain/result.hpp"

namespace lifeline::crypto {

/// One share: the point x (1..255, distinct within a split) and the secret's polynomials
/// evaluated there, one byte per byte of the secret. Wiped on destruction.
struct SecretShare {
  std::uint8_t x = 0;
  SecretBytes y;
};

inline constexpr int kMaxShares = 255;

/// `count` shares at x = 1..count, any `threshold` of which recombine to `secret`.
/// kInvalidInput unless 1 <= threshold <= count <= kMaxShares and the secret is not empty.
Result<std::vector<SecretShare>> SplitSecret(const SecretBytes& secret, int threshold, int count);

/// The secret the shares interpolate to. With fewer shares than the split's threshold the
/// result is some other value, uniformly distributed: the caller checks the count, and the
/// result (an AEAD that opens, say). kInvalidInput for no shares, repeated or zero x, or
/// shares of different lengths.
Result<SecretBytes> CombineShares(std::span<const SecretShare> shares);

}  // namespace lifeline::crypto
