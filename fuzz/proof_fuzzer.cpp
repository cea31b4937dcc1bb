// A proof of application and an exported proof log as `lifeline proof verify` reads them:
// files an applicant or an office hands to whoever checks (an authority, an auditor), so
// anything. What parses writes back to text that parses to the same; a parsed log's chain
// check answers without crashing (signatures are checked, the receipt's Argon2id is not run:
// it does not read the input).

#include "app/intake/application_proof.hpp"
#include "crypto/crypto.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const bool initialised = (lifeline::crypto::Initialise(), true);
  (void)initialised;
  const std::string_view text = lifeline::fuzz::AsText(data, size);
  if (auto proof = lifeline::app::ParseProofText(text)) {
    const std::string written = lifeline::app::ProofText(*proof);
    auto again = lifeline::app::ParseProofText(written);
    FUZZ_CHECK(again && lifeline::app::ProofText(*again) == written);
  }
  if (auto log = lifeline::app::ParseProofLogText(text)) {
    const std::string written = lifeline::app::ProofLogText(*log);
    auto again = lifeline::app::ParseProofLogText(written);
    FUZZ_CHECK(again && lifeline::app::ProofLogText(*again) == written);
    (void)lifeline::app::VerifyProofLog(*log);
  }
  return 0;
}
