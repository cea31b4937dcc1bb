// The intake link's readers (channels/intake_link/link_wire.hpp). An office reads a collect
// answer from an intake that may have been taken over, so anything may come: it is either
// refused as malformed or read whole, and what is read encodes and reads back the same. An
// intake reads requests: unsigned ones are refused before any parsing; ones the office's key
// signed (here the fuzzer's own key) are parsed, at the time 0 so that "at":0 passes the
// clock check and the rest of the request is reached.

#include "channels/intake_link/link_wire.hpp"
#include "crypto/base64.hpp"
#include "crypto/crypto.hpp"
#include "fuzz_check.hpp"

using namespace lifeline;
using namespace lifeline::channels::intake_link;

namespace {
const crypto::SigningKey* key = nullptr;
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  crypto::Initialise();
  key = new crypto::SigningKey(crypto::SigningKeyFromSeed(crypto::Key32{5}));
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::AsText(data, size);
  const std::chrono::sys_seconds epoch{};

  auto reply = DecodeCollectReply(text);
  if (reply.ok()) {
    auto again = DecodeCollectReply(EncodeCollectReply(*reply));
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(again->batch.applications.size() == reply->batch.applications.size());
    FUZZ_CHECK(again->batch.messages.size() == reply->batch.messages.size());
    FUZZ_CHECK(again->view_lookups == reply->view_lookups);
    FUZZ_CHECK(again->batch.checks.size() == reply->batch.checks.size());
    for (std::size_t i = 0; i < reply->batch.applications.size(); ++i)
      FUZZ_CHECK(again->batch.applications[i].row.duress.has_value() ==
                 reply->batch.applications[i].row.duress.has_value());
  } else {
    FUZZ_CHECK(reply.error().code == ErrorCode::kInvalidInput);
  }

  RequestVerifier verifier(key->public_key);
  auto unsigned_request = verifier.Verify(text, "", epoch);
  FUZZ_CHECK(!unsigned_request.ok() &&
             unsigned_request.error().code == ErrorCode::kUnauthenticated);
  const std::string signature = crypto::ToBase64(crypto::Sign(*key, text));
  auto read = verifier.Verify(text, signature, epoch);
  FUZZ_CHECK(read.ok() || read.error().code == ErrorCode::kInvalidInput ||
             read.error().code == ErrorCode::kUnauthenticated);
  return 0;
}
