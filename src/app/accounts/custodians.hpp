#pragma once
// The office's k-of-n key (docs/security.md, "Custodians"). With custodians dealt, no
// passphrase opens the office: the office keys are wrapped under a random wrapping key,
// split by Shamir's scheme (crypto/secret_sharing.hpp) into one share per custodian, each
// share sealed under the key derived from that custodian's own passphrase. Any `threshold`
// custodians together unlock the office; fewer learn nothing about the wrapping key.
//
// A deal (at init, or later as a ceremony) draws a fresh wrapping key and re-wraps only the
// office keys and the office secret: cases, sealed to the office public keys, are untouched.
// Old shares do not open the store after a deal (the old wrapping is erased from it), so a
// custodian who leaves takes nothing that opens the office as it now is.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/audit/audit_log.hpp"
#include "app/clock.hpp"
#include "crypto/office_keys.hpp"
#include "domain/result.hpp"
#include "store/store.hpp"

namespace lifeline::app {

/// One custodian's name and passphrase, as read from their file.
struct CustodianSecret {
  std::string name;
  std::string passphrase;
};

/// What unlocks the office: its passphrase, or custodians' passphrases (at least the
/// threshold of them). A passphrase converts implicitly, for offices without custodians.
struct OfficeCredentials {
  OfficeCredentials() = default;
  OfficeCredentials(std::string office_passphrase) : passphrase(std::move(office_passphrase)) {}
  OfficeCredentials(const char* office_passphrase) : passphrase(office_passphrase) {}
  std::string passphrase;
  std::vector<CustodianSecret> custodians;
};

/// A custodian as the console shows it: nothing secret.
struct Custodian {
  std::string name;
  int share_number = 0;
};

struct CustodianSet {
  int threshold = 0;
  std::int64_t dealt_at = 0;  // seconds since the epoch
  std::vector<Custodian> custodians;
};

/// At least two custodians must act together; names as account names.
inline constexpr int kMinCustodianThreshold = 2;

/// The custodians of `installation`, or nullopt when its passphrase opens it. kInternal if
/// the stored set is malformed.
Result<std::optional<CustodianSet>> CustodiansOf(const store::Installation& installation);

/// The key the office keys are wrapped under: Argon2id of the passphrase, or the custodians'
/// shares recombined. kUnauthenticated for a wrong passphrase, a custodian's wrong
/// passphrase (naming the custodian), fewer custodians than the threshold, an unknown
/// custodian, or a passphrase given where custodians are dealt (and the reverse).
Result<crypto::PassphraseKey> DeriveWrappingKey(const store::Installation& installation,
                                                const OfficeCredentials& credentials);

/// The custodians to deal to.
struct CustodianDeal {
  int threshold = 0;
  std::vector<CustodianSecret> custodians;
};

/// Checks a deal: threshold at least kMinCustodianThreshold and at most the custodians,
/// names 1–64 of a-z 0-9 . _ - and distinct, passphrases at least kMinPassphraseLength.
/// kInvalidInput naming the field ("threshold", "custodian").
Status CheckCustodianDeal(const CustodianDeal& deal);

/// Splits `wrapping` among the deal's custodians and returns what Installation::custodians
/// holds. Derives one Argon2id key per custodian (about 0.5 s each).
Result<std::string> SealCustodianShares(const crypto::PassphraseKey& wrapping,
                                        const CustodianDeal& deal, std::int64_t now);

/// The ceremony: unlocks with `current` (the passphrase, or enough of the present
/// custodians), draws a new wrapping key, re-wraps the office keys under it and deals it to
/// the new custodians, in one transaction, audited (custodians_dealt, "custodians:k-of-n").
/// kUnauthenticated as DeriveWrappingKey; kInvalidInput as CheckCustodianDeal; kConflict if
/// a key rotation ran meanwhile. Run with no server on the store.
Result<CustodianSet> DealCustodians(store::Store& store, const OfficeCredentials& current,
                                    const CustodianDeal& deal, const Clock& clock, AuditLog& audit);

}  // namespace lifeline::app
