#pragma once
// Office key rotation (docs/security.md, "Office key rotation"): `lifeline rotate-key`.
//
// Rotating adds a new office key generation and re-wraps every case's record key under it.
// The record keys themselves do not change, so sealed fields and replies are untouched, and
// the office secret (audit chain, second factors) carries over. Each batch commits on its
// own: an interrupted rotation loses nothing, and running it again finishes it. The old
// private keys stay until an explicit retirement, which refuses while any case needs them.
//
// Run with no server on the data folder: a running server holds the old keys in memory.

#include <cstdint>
#include <string>

#include "app/accounts/custodians.hpp"
#include "app/backup.hpp"  // Progress
#include "app/clock.hpp"
#include "domain/result.hpp"
#include "store/store.hpp"

namespace lifeline::app {

struct RotationOutcome {
  std::int64_t generation = 0;  // the generation every case key now opens with
  bool resumed = false;         // true when an interrupted rotation was finished
  std::int64_t rewrapped = 0;   // keys re-wrapped by this run: cases' and applicants' messages
};

/// Rotates the office key, or finishes an interrupted rotation: a new generation is added
/// only when no key is left on an older one. `progress` gets keys done and the total.
/// kUnauthenticated on a wrong passphrase; kInternal naming the case (by number) whose key
/// does not open, after committing every case before it. Audited.
Result<RotationOutcome> RotateOfficeKey(store::Store& store, const OfficeCredentials& passphrase,
                                        const Clock& clock, int batch_size,
                                        const Progress& progress);

/// Destroys the private keys of every generation older than the newest and returns how
/// many were retired (0 when none was left). kConflict while a case still needs one.
/// Audited.
Result<int> RetireOldOfficeKeys(store::Store& store, const OfficeCredentials& passphrase,
                                const Clock& clock);

}  // namespace lifeline::app
