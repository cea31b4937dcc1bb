#include "app/cases/key_rotation.hpp"

#include <fmt/format.h>

#include "app/abroad/abroad.hpp"
#include "app/accounts/setup.hpp"
#include "app/audit/audit_log.hpp"
#include "app/audit/row_integrity.hpp"
#include "app/camp/camp.hpp"
#include "app/cases/conversation.hpp"
#include "crypto/office_keys.hpp"
#include "crypto/record_sealer.hpp"

namespace lifeline::app {
namespace {

std::string_view AsText(const store::Blob32& bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

struct Unlocked {
  store::Installation installation;
  crypto::PassphraseKey wrapping;
};

Result<Unlocked> Unlock(store::Store& store, const OfficeCredentials& credentials) {
  auto installation = store.LoadInstallation();
  if (!installation) return installation.error();
  auto wrapping = DeriveWrappingKey(*installation, credentials);
  if (!wrapping) return wrapping.error();
  if (auto opened = OpenOffice(*installation, *wrapping); !opened) return opened.error();
  return Unlocked{std::move(*installation), std::move(*wrapping)};
}

// A data folder from before the office secret keeps generation 1's private key as its
// subkey root; store that root as the secret before generation 1 can ever be retired.
Status StoreOfficeSecretIfMissing(store::Store& store, const Unlocked& unlocked) {
  if (!unlocked.installation.office_secret_sealed.empty()) return OkStatus();
  const store::StoredOfficeKey& first = unlocked.installation.office_keys.front();
  auto root = crypto::UnwrapPrivateKey(first.private_sealed, unlocked.wrapping,
                                       {first.public_key, first.generation});
  if (!root) return root.error();
  return store.SaveOfficeSecret(crypto::WrapOfficeSecret(root->bytes, unlocked.wrapping));
}

Result<std::int64_t> AddGeneration(store::Store& store, const Unlocked& unlocked, AuditLog& audit) {
  const std::int64_t generation = unlocked.installation.office_keys.back().generation + 1;
  crypto::OfficeKeyPair keys = crypto::GenerateOfficeKeyPair(generation);
  const store::StoredOfficeKey stored{generation, keys.public_key.bytes,
                                      crypto::WrapPrivateKey(keys.private_key, unlocked.wrapping)};
  if (auto added = store.AddOfficeKey(stored); !added) return added.error();
  if (auto audited = audit.Record(
          {.action = AuditAction::kOfficeKeyAdded, .target = fmt::format("key:{}", generation)});
      !audited) {
    return audited.error();
  }
  return generation;
}

// What each kind of record key is sealed with, and how the error names it (no personal data).
std::string AssociatedData(const store::WrappedRecordKey& row) {
  using Kind = store::WrappedRecordKey::Kind;
  switch (row.kind) {
    case Kind::kPrisoner:
      return std::string(kPrisonerSealContext);
    case Kind::kPersonAbroad:
      return std::string(kPersonAbroadSealContext);
    case Kind::kMessage:
      return ApplicantMessageAssociated(row.case_id);
    case Kind::kApplication:
      break;
  }
  return std::string(AsText(row.receipt_lookup));
}

std::string Describe(const store::WrappedRecordKey& row) {
  using Kind = store::WrappedRecordKey::Kind;
  switch (row.kind) {
    case Kind::kPrisoner:
      return fmt::format("the key of prisoner {}", row.id);
    case Kind::kPersonAbroad:
      return fmt::format("the key of person abroad {}", row.id);
    case Kind::kMessage:
      return fmt::format("the key of a message of case {}", row.case_id);
    case Kind::kApplication:
      break;
  }
  return fmt::format("the key of case {}", row.case_id);
}

}  // namespace

Result<RotationOutcome> RotateOfficeKey(store::Store& store, const OfficeCredentials& passphrase,
                                        const Clock& clock, int batch_size,
                                        const Progress& progress) {
  if (batch_size < 1 || batch_size > 100'000)
    return InvalidInput("the batch size must be 1 to 100000");
  auto unlocked = Unlock(store, passphrase);
  if (!unlocked) return unlocked.error();
  if (auto saved = StoreOfficeSecretIfMissing(store, *unlocked); !saved) return saved.error();
  auto installation = store.LoadInstallation();
  if (!installation) return installation.error();
  unlocked->installation = std::move(*installation);

  auto office = OpenOffice(unlocked->installation, unlocked->wrapping);
  if (!office) return office.error();
  AuditLog audit(store, clock, AuditKey(*office));
  if (auto enabled = EnableRowIntegrity(store, *office, audit); !enabled) return enabled.error();

  RotationOutcome outcome;
  outcome.generation = unlocked->installation.office_keys.back().generation;
  auto pending = store.CountKeysOlderThan(outcome.generation);
  if (!pending) return pending.error();
  outcome.resumed = *pending > 0;
  if (!outcome.resumed) {
    auto added = AddGeneration(store, *unlocked, audit);
    if (!added) return added.error();
    outcome.generation = *added;
    installation = store.LoadInstallation();
    if (!installation) return installation.error();
    office = OpenOffice(*installation, unlocked->wrapping);
    if (!office) return office.error();
    pending = store.CountKeysOlderThan(outcome.generation);
    if (!pending) return pending.error();
  }

  // Re-wrapping is offline, so the window bound only limits what one window key covers.
  crypto::IntakeSealer sealer(office->newest_public(), std::chrono::seconds(1), 512);
  const auto total = static_cast<std::uint64_t>(*pending);
  if (progress) progress(0, total);
  for (;;) {
    auto batch = store.ListKeysOlderThan(outcome.generation, batch_size);
    if (!batch) return batch.error();
    if (batch->empty()) break;
    for (auto& row : *batch) {
      const std::string associated = AssociatedData(row);
      const crypto::SealedRecord old{row.ephemeral_public, row.wrapped_key, {}, row.key_generation};
      auto key = office->OpenRecordKey(old, associated);
      if (!key) {
        return Error{
            ErrorCode::kInternal,
            fmt::format(
                "{} does not open, so the rotation stopped there; everything before it is done",
                Describe(row))};
      }
      crypto::SealedRecord wrapped = sealer.Wrap(*key, associated);
      row.key_generation = wrapped.key_generation;
      row.ephemeral_public = wrapped.ephemeral_public;
      row.wrapped_key = std::move(wrapped.wrapped_key);
    }
    if (auto replaced = store.ReplaceWrappedKeys(*batch); !replaced) return replaced.error();
    outcome.rewrapped += static_cast<std::int64_t>(batch->size());
    if (progress) progress(std::min(static_cast<std::uint64_t>(outcome.rewrapped), total), total);
  }
  if (auto audited = audit.Record({.action = AuditAction::kOfficeKeyRotated,
                                   .target = fmt::format("key:{}", outcome.generation)});
      !audited) {
    return audited.error();
  }
  return outcome;
}

Result<int> RetireOldOfficeKeys(store::Store& store, const OfficeCredentials& passphrase,
                                const Clock& clock) {
  auto unlocked = Unlock(store, passphrase);
  if (!unlocked) return unlocked.error();
  auto office = OpenOffice(unlocked->installation, unlocked->wrapping);
  if (!office) return office.error();
  AuditLog audit(store, clock, AuditKey(*office));
  if (auto enabled = EnableRowIntegrity(store, *office, audit); !enabled) return enabled.error();
  const auto& keys = unlocked->installation.office_keys;
  const std::int64_t newest = keys.back().generation;
  int live_older = 0;
  for (const auto& k : keys) {
    if (k.generation < newest && !k.private_sealed.empty()) ++live_older;
  }
  if (live_older == 0) return 0;
  auto pending = store.CountKeysOlderThan(newest);
  if (!pending) return pending.error();
  if (*pending > 0) {
    return Error{ErrorCode::kConflict,
                 fmt::format("{} cases are still sealed under an older office key; run lifeline "
                             "rotate-key to finish the rotation first",
                             *pending)};
  }
  // Audited first, as every action is: an action whose entry cannot be written does not happen.
  if (auto audited = audit.Record(
          {.action = AuditAction::kOfficeKeyRetired, .target = fmt::format("key:{}", newest)});
      !audited) {
    return audited.error();
  }
  if (auto retired = store.RetireOfficeKeysBefore(newest); !retired) return retired.error();
  return live_older;
}

}  // namespace lifeline::app
