#pragma once
// The intake link's messages (issue 21; docs/security.md "Intake on its own store"). The
// office opens every exchange: it POSTs a JSON request to an intake host's /link/v1, signed
// whole with the office's link key (Ed25519, derived from the office secret: only the office
// can sign), and the intake checks the signature against the public half it was given, the
// time (within a minute of its own) and a nonce it has not seen (no replay). What travels is
// sealed already: applications and messages under the office's public key, views under each
// receipt's reply key; receipts travel only as lookup hashes. The link's transport (the link
// onion service, or TLS) hides the rest from the network.
//
// Requests: {"op":"collect","at":…,"nonce":…,"limit":N,"views_after":lookup|null}, answered
// with what waits (applications, each with its duress receipt's lookup and reply key when it
// has one; messages; the lookups of status checks, for the office to tell duress receipts;
// requests for proofs of application, each a lookup, a commitment and its salt) and a page of
// the lookups the intake holds views for (a view may carry a sealed proof);
// {"op":"erase",…,"applications":[ids],"messages":[ids],"checks":[ids],"proof_requests":[ids]},
// answered 204;
// {"op":"views",…,"views":[…]}, answered 204.

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/bytes.hpp"
#include "crypto/signature.hpp"
#include "domain/result.hpp"
#include "store/outbox_records.hpp"

namespace lifeline::channels::intake_link {

inline constexpr std::string_view kPath = "/link/v1";
inline constexpr std::string_view kSignatureHeader = "x-lifeline-link-signature";  // base64
inline constexpr std::chrono::seconds kClockSkew{60};
/// At most this many lookups a collect answer lists for the office to send views for.
inline constexpr int kViewLookupsPerCollect = 200;

/// A request body and its signature (base64), ready to send.
struct SignedRequest {
  std::string body;
  std::string signature;
};

SignedRequest Collect(int limit, const std::optional<store::Blob32>& views_after,
                      const crypto::SigningKey& key, std::chrono::sys_seconds now);
SignedRequest Erase(std::span<const std::int64_t> applications,
                    std::span<const std::int64_t> messages, std::span<const std::int64_t> checks,
                    std::span<const std::int64_t> proof_requests, const crypto::SigningKey& key,
                    std::chrono::sys_seconds now);
SignedRequest Views(std::span<const store::ApplicantViewUpdate> views,
                    const crypto::SigningKey& key, std::chrono::sys_seconds now);

/// A request as the intake reads it, once verified.
struct LinkRequest {
  enum class Op { kCollect, kErase, kViews } op = Op::kCollect;
  int limit = 100;                                // collect
  std::optional<store::Blob32> views_after;       // collect
  std::vector<std::int64_t> applications;         // erase
  std::vector<std::int64_t> messages;             // erase
  std::vector<std::int64_t> checks;               // erase
  std::vector<std::int64_t> proof_requests;       // erase
  std::vector<store::ApplicantViewUpdate> views;  // views
};

/// Checks requests on the intake. Thread-safe.
class RequestVerifier {
 public:
  explicit RequestVerifier(crypto::Key32 office_link_public);
  /// kUnauthenticated when the signature does not check, the time is more than kClockSkew
  /// away from `now`, or the nonce was seen already; kInvalidInput for a signed body that is
  /// malformed. The message never repeats the body.
  Result<LinkRequest> Verify(std::string_view body, std::string_view signature,
                             std::chrono::sys_seconds now);

 private:
  const crypto::Key32 office_link_public_;
  std::mutex mutex_;
  std::map<std::string, std::chrono::sys_seconds> seen_;  // nonce → its time; GUARDED_BY(mutex_)
};

/// The answer to a collect: what waits, and a page of the lookups the intake holds views for.
struct CollectReply {
  store::OutboxBatch batch;
  std::vector<store::Blob32> view_lookups;
};
std::string EncodeCollectReply(const CollectReply& reply);
/// kInvalidInput for anything malformed (a wrong enum name, a blob of the wrong length).
Result<CollectReply> DecodeCollectReply(std::string_view body);

}  // namespace lifeline::channels::intake_link
