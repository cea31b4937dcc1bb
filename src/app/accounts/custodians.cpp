#include "app/accounts/custodians.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "app/accounts/setup.hpp"
#include "crypto/secret_sharing.hpp"

namespace lifeline::app {
namespace {

using Json = nlohmann::json;

// What a share is bound to: the custodian's name and share number.
std::string Binding(const std::string& name, int share_number) {
  return fmt::format("{}|{}", name, share_number);
}

Error Malformed() { return Error{ErrorCode::kInternal, "the stored custodians are malformed"}; }

// One custodian as stored: the share sealed under their passphrase's Argon2id key.
struct StoredShare {
  std::string name;
  int x = 0;
  crypto::PassphraseParams params;
  crypto::Bytes sealed;
};

struct StoredSet {
  CustodianSet set;
  std::vector<StoredShare> shares;
};

Result<std::optional<StoredSet>> Parse(const std::string& text) {
  if (text.empty()) return std::optional<StoredSet>();
  const Json json = Json::parse(text, nullptr, false);
  if (!json.is_object()) return Malformed();
  StoredSet stored;
  try {
    stored.set.threshold = json.at("threshold").get<int>();
    stored.set.dealt_at = json.at("dealt_at").get<std::int64_t>();
    for (const Json& c : json.at("custodians")) {
      StoredShare share{
          c.at("name").get<std::string>(),
          c.at("x").get<int>(),
          {crypto::FromHex(c.at("salt").get<std::string>()), c.at("opslimit").get<std::uint64_t>(),
           c.at("memlimit").get<std::uint64_t>()},
          crypto::FromHex(c.at("share").get<std::string>())};
      if (share.x < 1 || share.x > crypto::kMaxShares || share.sealed.empty()) return Malformed();
      stored.set.custodians.push_back({share.name, share.x});
      stored.shares.push_back(std::move(share));
    }
  } catch (const Json::exception&) {
    return Malformed();
  }
  if (stored.set.threshold < 1 || stored.set.threshold > static_cast<int>(stored.shares.size())) {
    return Malformed();
  }
  return std::optional<StoredSet>(std::move(stored));
}

Result<crypto::PassphraseKey> CombineCustodians(const StoredSet& stored,
                                                const std::vector<CustodianSecret>& given) {
  if (static_cast<int>(given.size()) < stored.set.threshold) {
    return Error{ErrorCode::kUnauthenticated,
                 fmt::format("this office opens with {} of its {} custodians; {} given",
                             stored.set.threshold, stored.shares.size(), given.size())};
  }
  std::vector<crypto::SecretShare> shares;
  std::set<std::string> used;
  for (const CustodianSecret& custodian : given) {
    if (!used.insert(custodian.name).second) {
      return Error{ErrorCode::kUnauthenticated,
                   fmt::format("custodian \"{}\" was given twice", custodian.name)};
    }
    const auto found = std::find_if(stored.shares.begin(), stored.shares.end(),
                                    [&](const StoredShare& s) { return s.name == custodian.name; });
    if (found == stored.shares.end()) {
      return Error{ErrorCode::kUnauthenticated,
                   fmt::format("\"{}\" is not one of this office's custodians", custodian.name)};
    }
    auto key = crypto::DerivePassphraseKey(custodian.passphrase, found->params);
    if (!key) return key.error();
    auto share = crypto::UnwrapCustodianShare(found->sealed, *key, Binding(found->name, found->x));
    if (!share) {
      return Error{ErrorCode::kUnauthenticated,
                   fmt::format("wrong passphrase for custodian \"{}\"", custodian.name)};
    }
    shares.push_back({static_cast<std::uint8_t>(found->x), std::move(*share)});
  }
  auto combined = crypto::CombineShares(shares);
  if (!combined) return combined.error();
  return crypto::PassphraseKey{std::move(*combined)};
}

}  // namespace

Result<std::optional<CustodianSet>> CustodiansOf(const store::Installation& installation) {
  auto stored = Parse(installation.custodians);
  if (!stored) return stored.error();
  if (!*stored) return std::optional<CustodianSet>();
  return std::optional<CustodianSet>((*stored)->set);
}

Result<crypto::PassphraseKey> DeriveWrappingKey(const store::Installation& installation,
                                                const OfficeCredentials& credentials) {
  auto stored = Parse(installation.custodians);
  if (!stored) return stored.error();
  if (*stored) {
    if (credentials.custodians.empty()) {
      return Error{ErrorCode::kUnauthenticated,
                   fmt::format("this office opens only with {} of its custodians' passphrases "
                               "(--custodian NAME=FILE), not with a passphrase",
                               (*stored)->set.threshold)};
    }
    return CombineCustodians(**stored, credentials.custodians);
  }
  if (!credentials.custodians.empty()) {
    return Error{ErrorCode::kUnauthenticated,
                 "this office has no custodians: it opens with the office passphrase"};
  }
  return crypto::DerivePassphraseKey(credentials.passphrase, PassphraseParamsOf(installation));
}

Status CheckCustodianDeal(const CustodianDeal& deal) {
  const int count = static_cast<int>(deal.custodians.size());
  if (count < kMinCustodianThreshold || count > crypto::kMaxShares) {
    return InvalidInput("deal to at least 2 and at most 255 custodians", "custodian");
  }
  if (deal.threshold < kMinCustodianThreshold || deal.threshold > count) {
    return InvalidInput(
        fmt::format("the threshold must be at least {} and at most the {} custodians",
                    kMinCustodianThreshold, count),
        "threshold");
  }
  std::set<std::string> names;
  for (const auto& custodian : deal.custodians) {
    if (!IsValidUserName(custodian.name)) {
      return InvalidInput("custodian names are 1 to 64 characters of a-z, 0-9, '.', '_' and '-'",
                          "custodian");
    }
    if (!names.insert(custodian.name).second) {
      return InvalidInput(fmt::format("custodian \"{}\" is named twice", custodian.name),
                          "custodian");
    }
    if (custodian.passphrase.size() < kMinPassphraseLength) {
      return InvalidInput(
          fmt::format("custodian \"{}\": passphrases must be at least 12 characters long",
                      custodian.name),
          "custodian");
    }
  }
  return OkStatus();
}

Result<std::string> SealCustodianShares(const crypto::PassphraseKey& wrapping,
                                        const CustodianDeal& deal, std::int64_t now) {
  if (auto ok = CheckCustodianDeal(deal); !ok) return ok.error();
  auto shares =
      crypto::SplitSecret(wrapping.bytes, deal.threshold, static_cast<int>(deal.custodians.size()));
  if (!shares) return shares.error();
  Json custodians = Json::array();
  for (std::size_t i = 0; i < deal.custodians.size(); ++i) {
    const CustodianSecret& custodian = deal.custodians[i];
    const crypto::SecretShare& share = (*shares)[i];
    const crypto::PassphraseParams params = crypto::NewPassphraseParams();
    auto key = crypto::DerivePassphraseKey(custodian.passphrase, params);
    if (!key) return key.error();
    const crypto::Bytes sealed =
        crypto::WrapCustodianShare(share.y, *key, Binding(custodian.name, share.x));
    custodians.push_back({{"name", custodian.name},
                          {"x", share.x},
                          {"salt", crypto::ToHex(params.salt)},
                          {"opslimit", params.opslimit},
                          {"memlimit", params.memlimit},
                          {"share", crypto::ToHex(sealed)}});
  }
  return Json{{"threshold", deal.threshold}, {"dealt_at", now}, {"custodians", custodians}}.dump();
}

Result<CustodianSet> DealCustodians(store::Store& store, const OfficeCredentials& current,
                                    const CustodianDeal& deal, const Clock& clock,
                                    AuditLog& audit) {
  if (auto ok = CheckCustodianDeal(deal); !ok) return ok.error();
  auto installation = store.LoadInstallation();
  if (!installation) return installation.error();
  auto old_wrapping = DeriveWrappingKey(*installation, current);
  if (!old_wrapping) return old_wrapping.error();
  if (installation->office_secret_sealed.empty()) {
    return Error{ErrorCode::kConflict,
                 "the office secret is not stored yet; run lifeline rotate-key first"};
  }
  const crypto::PassphraseKey wrapping = crypto::RandomWrappingKey();
  store::OfficeRewrap rewrap;
  for (const auto& stored : installation->office_keys) {
    if (stored.private_sealed.empty()) continue;  // retired
    auto key = crypto::UnwrapPrivateKey(stored.private_sealed, *old_wrapping,
                                        {stored.public_key, stored.generation});
    if (!key) return key.error();
    rewrap.keys.push_back(
        {stored.generation, stored.public_key, crypto::WrapPrivateKey(*key, wrapping)});
  }
  auto secret = crypto::UnwrapOfficeSecret(installation->office_secret_sealed, *old_wrapping);
  if (!secret) return secret.error();
  rewrap.office_secret_sealed = crypto::WrapOfficeSecret(*secret, wrapping);
  auto sealed = SealCustodianShares(wrapping, deal, clock.Now().time_since_epoch().count());
  if (!sealed) return sealed.error();
  rewrap.custodians = std::move(*sealed);
  // Audited first: a deal that cannot be audited does not happen.
  if (auto audited = audit.Record(
          {.action = AuditAction::kCustodiansDealt,
           .target = fmt::format("custodians:{}-of-{}", deal.threshold, deal.custodians.size())});
      !audited) {
    return audited.error();
  }
  if (auto saved = store.RewrapOffice(rewrap); !saved) return saved.error();
  auto dealt = Parse(rewrap.custodians);
  if (!dealt || !*dealt) return Malformed();
  return (*dealt)->set;
}

}  // namespace lifeline::app
