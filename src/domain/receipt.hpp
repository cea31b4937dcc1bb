#pragma once
// The applicant's receipt: 16 random decimal digits (log2(10^16) ≈ 53 bits) shown like a
// phone number with an extension, "912 345-67-89, 012345", so that a searched phone shows
// nothing unusual and a person can memorise it. Only a memory-hard hash is ever stored
// (crypto/receipt_keys.hpp).

#include <optional>
#include <string>
#include <string_view>

namespace lifeline {

inline constexpr std::size_t kReceiptDigits = 16;

/// Exactly 16 ASCII digits. Holders treat it as a secret: never log it.
struct Receipt {
  std::string digits;
  // At submission only: the second receipt, for use under duress, when the applicant asked
  // for one (else empty). Never kept.
  std::string duress_digits;
  // At submission only: the proof of application's text (app/intake/application_proof.hpp)
  // when the applicant asked for one and it was issued (else empty). Never kept.
  std::string proof;
};

/// Accepts what a person types: digits with any spaces, dashes, dots, commas, parentheses
/// or a leading plus. Nullopt unless exactly 16 digits remain.
std::optional<Receipt> ParseReceipt(std::string_view typed);

/// "NNN NNN-NN-NN, NNNNNN".
std::string FormatReceipt(const Receipt& receipt);

}  // namespace lifeline
