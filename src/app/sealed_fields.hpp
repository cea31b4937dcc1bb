#pragma once
// The plaintext layout of a sealed record: identifying fields as JSON, padded to a multiple
// of kPadBlock bytes so that ciphertext length says little about what was written.

#include <cstdint>
#include <string>

#include "crypto/bytes.hpp"
#include "crypto/record_sealer.hpp"
#include "domain/application.hpp"
#include "domain/result.hpp"

namespace lifeline::app {

inline constexpr std::size_t kPadBlock = 256;

/// Serialises and pads. `received_at` (seconds since the epoch) is kept only inside the
/// seal: the clear columns hold the day alone.
crypto::SecretBytes EncodeSealedFields(const IdentifyingFields& fields, std::int64_t received_at);

struct OpenedFields {
  IdentifyingFields fields;
  std::int64_t received_at = 0;
};

/// Seals a record that stands alone (a prisoner, a person abroad): `json` padded like a
/// case's, under a fresh record key wrapped for `office`, bound to `associated`. Wipes `json`.
crypto::SealedRecord SealStandaloneRecord(const crypto::OfficePublicKey& office, std::string& json,
                                          std::string_view associated);

/// Inverse of EncodeSealedFields; kInternal if the plaintext is not what we wrote.
Result<OpenedFields> DecodeSealedFields(const crypto::SecretBytes& plaintext);

}  // namespace lifeline::app
