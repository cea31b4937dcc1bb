#include "crypto/secret_sharing.hpp"

#include <sodium.h>

#include <memory>
#include <mutex>
#include <set>

extern "C" {
#include <libgfshare.h>
}

namespace lifeline::crypto {
namespace {

void FillFromSodium(unsigned char* buffer, unsigned int size) { randombytes_buf(buffer, size); }

// libgfshare's generator is a global that starts out null; set it once, to the OS CSPRNG.
// Recombining needs it too: gfshare_ctx_free overwrites the context with random bytes
// before freeing it (a process that only recombines crashed here without it).
void UseSodiumRandomness() {
  static std::once_flag once;
  std::call_once(once, [] { gfshare_fill_rand = FillFromSodium; });
}

struct ContextFree {
  void operator()(gfshare_ctx* ctx) const { gfshare_ctx_free(ctx); }
};
using Context = std::unique_ptr<gfshare_ctx, ContextFree>;

}  // namespace

Result<std::vector<SecretShare>> SplitSecret(const SecretBytes& secret, int threshold, int count) {
  if (secret.empty()) return InvalidInput("there is no secret to split");
  if (threshold < 1 || count < threshold || count > kMaxShares) {
    return InvalidInput("a split needs 1 <= threshold <= shares <= 255", "threshold");
  }
  UseSodiumRandomness();
  std::vector<unsigned char> xs(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i)
    xs[static_cast<std::size_t>(i)] = static_cast<unsigned char>(i + 1);
  const auto size = static_cast<unsigned int>(secret.size());
  Context ctx(gfshare_ctx_init_enc(xs.data(), static_cast<unsigned int>(count),
                                   static_cast<unsigned char>(threshold), size));
  if (!ctx) return Error{ErrorCode::kInternal, "the secret could not be split"};
  SecretBytes copy = secret;  // libgfshare takes a mutable pointer
  gfshare_ctx_enc_setsecret(ctx.get(), copy.data());
  std::vector<SecretShare> shares;
  for (int i = 0; i < count; ++i) {
    SecretShare share{xs[static_cast<std::size_t>(i)], SecretBytes(size)};
    gfshare_ctx_enc_getshare(ctx.get(), static_cast<unsigned char>(i), share.y.data());
    shares.push_back(std::move(share));
  }
  return shares;
}

Result<SecretBytes> CombineShares(std::span<const SecretShare> shares) {
  if (shares.empty()) return InvalidInput("no shares were given");
  UseSodiumRandomness();
  const std::size_t size = shares.front().y.size();
  std::set<std::uint8_t> seen;
  std::vector<unsigned char> xs;
  for (const auto& share : shares) {
    if (share.x == 0 || !seen.insert(share.x).second) {
      return InvalidInput("each share must have its own, non-zero number");
    }
    if (share.y.size() != size || size == 0) return InvalidInput("the shares differ in length");
    xs.push_back(share.x);
  }
  Context ctx(gfshare_ctx_init_dec(xs.data(), static_cast<unsigned int>(xs.size()),
                                   static_cast<unsigned int>(size)));
  if (!ctx) return Error{ErrorCode::kInternal, "the shares could not be combined"};
  for (std::size_t i = 0; i < shares.size(); ++i) {
    SecretBytes y = shares[i].y;  // libgfshare takes a mutable pointer
    gfshare_ctx_dec_giveshare(ctx.get(), static_cast<unsigned char>(i), y.data());
  }
  SecretBytes secret(size);
  gfshare_ctx_dec_extract(ctx.get(), secret.data());
  return secret;
}

}  // namespace lifeline::crypto
