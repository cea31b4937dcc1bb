#include "app/audit/audit_log.hpp"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>

#include "crypto/crypto.hpp"

namespace lifeline::app {
namespace {

constexpr int kMaxAppendAttempts = 5;
constexpr int kVerifyPage = 10'000;

// A canonical, unambiguous encoding of the entry's fields (a JSON array).
std::string Canonical(const store::AuditRecord& r) {
  return nlohmann::json::array(
             {"audit/v1", r.seq, r.at, r.actor_user_id, r.actor_name, r.action, r.target})
      .dump();
}

}  // namespace

crypto::Key32 AuditKey(const crypto::OfficeOpener& office) {
  return office.DeriveSubkey("lifeline/audit-mac/v1");
}

store::Blob32 AuditMac(const crypto::Key32& key, const store::Blob32& previous_mac,
                       const store::AuditRecord& record) {
  std::string data(reinterpret_cast<const char*>(previous_mac.data()), previous_mac.size());
  data += Canonical(record);
  return crypto::KeyedHash(key, data);
}

AuditLog::AuditLog(store::AuditStore& store, const Clock& clock, crypto::Key32 key,
                   AuditAnchor* anchor)
    : store_(store), clock_(clock), key_(key), anchor_(anchor) {}

AuditLog::~AuditLog() { crypto::Wipe(key_); }

Status AuditLog::Record(const AuditEvent& event) {
  auto recorded = RecordNumbered(event);
  if (!recorded) return recorded.error();
  return OkStatus();
}

Result<std::int64_t> AuditLog::RecordNumbered(const AuditEvent& event) {
  std::lock_guard lock(mutex_);
  for (int attempt = 0; attempt < kMaxAppendAttempts; ++attempt) {
    if (!head_loaded_) {
      auto last = store_.LastAuditRecord();
      if (!last) return last.error();
      head_ = *last;
      head_loaded_ = true;
    }
    store::AuditRecord record;
    record.seq = head_ ? head_->seq + 1 : 1;
    record.at = clock_.Now().time_since_epoch().count();
    record.actor_user_id = event.actor_user_id;
    record.actor_name = event.actor_name;
    record.action = std::string(ToString(event.action));
    record.target = event.target;
    record.mac = AuditMac(key_, head_ ? head_->mac : store::Blob32{}, record);
    auto appended = store_.AppendAuditRecord(record);
    if (appended) {
      head_ = record;
      // Fail closed here too: an action whose entry is not anchored does not happen.
      if (anchor_) {
        if (auto anchored = anchor_->Append(record.seq, record.mac, record.at); !anchored)
          return anchored.error();
      }
      return record.seq;
    }
    if (appended.error().code != ErrorCode::kConflict) return appended.error();
    head_loaded_ = false;  // another process appended: reload the head and chain onto it
  }
  return Error{ErrorCode::kUnavailable, "the audit log is busy; try again"};
}

Result<std::vector<store::AuditRecord>> AuditLog::FindAuthentic(const store::AuditFilter& filter,
                                                                int limit) {
  auto matches = store_.FindAuditRecords(filter, 0, limit);
  if (!matches) return matches.error();
  for (const auto& record : matches->entries) {
    auto before = store_.ListAuditRecords(record.seq - 2, 1);
    if (!before) return before.error();
    const bool first = record.seq == 1;
    if (!first && (before->empty() || before->front().seq != record.seq - 1)) {
      return Error{ErrorCode::kInternal,
                   "the audit log is broken before entry " + std::to_string(record.seq)};
    }
    const store::Blob32 previous = first ? store::Blob32{} : before->front().mac;
    const store::Blob32 expected = AuditMac(key_, previous, record);
    if (!crypto::ConstantTimeEquals(expected.data(), record.mac.data(), expected.size())) {
      return Error{ErrorCode::kInternal,
                   "audit entry " + std::to_string(record.seq) + " is not the office's own"};
    }
  }
  return std::move(matches->entries);
}

Status AuditLog::Checkpoint() {
  if (!anchor_) return OkStatus();
  std::lock_guard lock(mutex_);
  auto last = store_.LastAuditRecord();
  if (!last) return last.error();
  head_ = *last;
  head_loaded_ = true;
  if (!head_) return OkStatus();
  return anchor_->Append(head_->seq, head_->mac, clock_.Now().time_since_epoch().count());
}

std::optional<AuditCheckpoint> AuditLog::LatestCheckpoint() const {
  return anchor_ ? anchor_->Latest() : std::nullopt;
}

Result<AuditPage> AuditLog::List(const Actor& actor, int page, int per_page,
                                 const store::AuditFilter& filter) {
  if (auto allowed = Require(actor, Permission::kReadAuditLog); !allowed) return allowed.error();
  if (page < 1 || per_page < 1 || per_page > 200) {
    return InvalidInput("page must be positive and per_page between 1 and 200");
  }
  auto matches = store_.FindAuditRecords(filter, std::int64_t{page - 1} * per_page, per_page);
  if (!matches) return matches.error();
  AuditPage result;
  result.entries = std::move(matches->entries);
  result.total = matches->total;
  result.checkpoint = LatestCheckpoint();
  return result;
}

Result<std::vector<store::AuditRecord>> AuditLog::Export(const Actor& actor,
                                                         const store::AuditFilter& filter,
                                                         std::string_view format) {
  if (auto allowed = Require(actor, Permission::kReadAuditLog); !allowed) return allowed.error();
  auto matches = store_.FindAuditRecords(filter, 0, static_cast<int>(kMaxExport) + 1);
  if (!matches) return matches.error();
  if (matches->total > kMaxExport) {
    return InvalidInput(
        fmt::format("more than {} entries match: narrow the filter (dates, action or user)",
                    kMaxExport),
        "filter");
  }
  if (auto audited = Record({actor.user_id, actor.name, AuditAction::kAuditExported,
                             "export:" + std::string(format)});
      !audited) {
    return audited.error();
  }
  return std::move(matches->entries);
}

namespace {

// The checkpoints by entry; two validly signed checkpoints that disagree about one entry are
// a problem of their own (a log rolled back and written again under the same key).
std::map<std::int64_t, store::Blob32> CheckpointedHeads(const CheckpointFile& file,
                                                        std::vector<AuditProblem>& problems) {
  std::map<std::int64_t, store::Blob32> heads;
  for (int line : file.bad_lines) {
    problems.push_back(
        {0, fmt::format("line {} of the checkpoint file is not a checkpoint signed by this office",
                        line)});
  }
  for (const auto& c : file.checkpoints) {
    auto [it, inserted] = heads.emplace(c.seq, c.head);
    if (!inserted && it->second != c.head) {
      problems.push_back({c.seq, "two signed checkpoints disagree about this entry"});
    }
  }
  return heads;
}

}  // namespace

Result<AuditVerification> VerifyAuditLog(store::AuditStore& store, const crypto::Key32& key,
                                         const std::string& expected_head,
                                         const CheckpointFile* checkpoints) {
  AuditVerification result;
  const auto checkpointed = checkpoints ? CheckpointedHeads(*checkpoints, result.problems)
                                        : std::map<std::int64_t, store::Blob32>{};
  store::Blob32 previous_mac{};
  std::int64_t previous_seq = 0;
  bool expected_head_seen = expected_head.empty();
  for (;;) {
    auto page = store.ListAuditRecords(previous_seq, kVerifyPage);
    if (!page) return page.error();
    if (page->empty()) break;
    for (const auto& r : *page) {
      ++result.entries;
      if (r.seq != previous_seq + 1) {
        result.problems.push_back(
            {r.seq, fmt::format("entries {} to {} are missing", previous_seq + 1, r.seq - 1)});
      }
      const store::Blob32 mac = AuditMac(key, previous_mac, r);
      if (!crypto::ConstantTimeEquals(mac.data(), r.mac.data(), mac.size())) {
        result.problems.push_back(
            {r.seq,
             "the entry was altered, inserted or moved (its MAC does not follow from the "
             "entry before it)"});
      }
      if (auto it = checkpointed.find(r.seq); it != checkpointed.end() && it->second != r.mac) {
        result.problems.push_back({r.seq, "the entry differs from its signed checkpoint"});
      }
      previous_mac = r.mac;
      previous_seq = r.seq;
      if (!expected_head_seen && crypto::ToHex(r.mac.data(), r.mac.size()) == expected_head) {
        expected_head_seen = true;
      }
    }
  }
  if (!expected_head_seen) {
    result.problems.push_back(
        {previous_seq, "the expected head entry is gone: the end of the log was cut"});
  }
  if (!checkpointed.empty() && checkpointed.rbegin()->first > previous_seq) {
    result.problems.push_back(
        {checkpointed.rbegin()->first, fmt::format("a signed checkpoint names this entry, but the "
                                                   "log ends at entry {}: the end of the log "
                                                   "was cut",
                                                   previous_seq)});
  }
  result.head_mac_hex = crypto::ToHex(previous_mac.data(), previous_mac.size());
  return result;
}

}  // namespace lifeline::app
