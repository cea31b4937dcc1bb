#include "app/audit/access_alerts.hpp"

#include <fmt/format.h>

#include <charconv>
#include <map>

#include "crypto/crypto.hpp"

namespace lifeline::app {
namespace {

std::string Ids(const std::set<std::int64_t>& ids) {
  std::string text;
  for (std::int64_t id : ids) text += (text.empty() ? "" : ",") + std::to_string(id);
  return text;
}

std::optional<std::set<std::int64_t>> ParseIds(std::string_view text) {
  std::set<std::int64_t> ids;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const std::string_view part = text.substr(0, comma);
    std::int64_t id = 0;
    const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), id);
    if (error != std::errc() || end != part.data() + part.size() || id < 1) return std::nullopt;
    ids.insert(id);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return ids;
}

}  // namespace

CanaryCases::CanaryCases(store::UserStore& settings, AuditLog& audit, crypto::Key32 key)
    : settings_(settings), audit_(audit), key_(key) {}

std::string CanaryCases::Seal(const std::set<std::int64_t>& ids) const {
  const std::string text = Ids(ids);
  const crypto::Key32 mac = crypto::KeyedHash(key_, "lifeline/canary-list/v1|" + text);
  return text + "|" + crypto::ToHex(mac.data(), mac.size());
}

Result<std::set<std::int64_t>> CanaryCases::List() {
  auto stored = settings_.GetSetting(std::string(kCanarySetting));
  if (!stored) return stored.error();
  std::lock_guard lock(mutex_);
  if (stored->empty()) {
    // Never set, or deleted behind the office's back: the log says which.
    auto changed =
        audit_.FindAuthentic({.action = std::string(ToString(AuditAction::kCanaryChanged))}, 1);
    if (!changed) return changed.error();
    if (changed->empty()) {
      last_good_.clear();
      return last_good_;
    }
  } else {
    const auto bar = stored->rfind('|');
    std::optional<std::set<std::int64_t>> ids;
    if (bar != std::string::npos) ids = ParseIds(std::string_view(*stored).substr(0, bar));
    if (ids && Seal(*ids) == *stored) {
      last_good_ = *ids;
      tamper_alerted_ = false;
      return last_good_;
    }
  }
  if (!tamper_alerted_) {
    if (auto audited = audit_.Record({0, "", AuditAction::kAccessAlert, "canary:list"}); !audited)
      return audited.error();
    tamper_alerted_ = true;
  }
  return last_good_;
}

Status CanaryCases::Save(const std::set<std::int64_t>& ids) {
  std::lock_guard lock(mutex_);
  if (auto saved = settings_.PutSetting(std::string(kCanarySetting), Seal(ids)); !saved)
    return saved;
  last_good_ = ids;
  tamper_alerted_ = false;
  return OkStatus();
}

Status CanaryCases::Touched(const Actor& actor, std::span<const std::int64_t> case_ids) {
  auto canaries = List();
  if (!canaries) return canaries.error();
  if (canaries->empty()) return OkStatus();
  for (std::int64_t id : case_ids) {
    if (!canaries->contains(id)) continue;
    if (auto audited = audit_.Record({actor.user_id, actor.name, AuditAction::kAccessAlert,
                                      fmt::format("canary:case:{}", id)});
        !audited) {
      return audited;
    }
  }
  return OkStatus();
}

std::optional<AccessEvent::Kind> AccessKindOf(std::string_view action) {
  using A = AuditAction;
  const auto parsed = ParseAuditAction(action);
  if (!parsed) return std::nullopt;
  switch (*parsed) {
    case A::kCaseRead:
    case A::kCustodyRead:
      return AccessEvent::Kind::kCaseRead;
    case A::kCaseSearch:
      return AccessEvent::Kind::kSearch;
    case A::kReplySent:
    case A::kCaseStatusChanged:
    case A::kTaskAdded:
    case A::kTaskDone:
    case A::kCaseClaimed:
    case A::kCustodyRecorded:
    case A::kGroupMemberAdded:
    case A::kGroupPlanChanged:
      return AccessEvent::Kind::kCaseWork;
    default:
      return std::nullopt;
  }
}

Result<int> ScanAccessPatterns(store::AuditStore& store, AuditLog& audit, const Clock& clock,
                               const AccessRules& rules) {
  const std::int64_t now = clock.Now().time_since_epoch().count();
  const std::int64_t to = now - rules.follow_up_seconds;
  const std::int64_t from = to - to % 86400;  // the UTC day so far
  const std::int64_t since =
      from - std::chrono::duration_cast<std::chrono::seconds>(kAccessBaseline).count();
  std::vector<AccessEvent> baseline, judged;
  std::map<std::int64_t, std::string> names;  // the operators' account names
  constexpr int kPage = 5000;
  for (const AuditAction action :
       {AuditAction::kCaseRead, AuditAction::kCustodyRead, AuditAction::kCaseSearch,
        AuditAction::kReplySent, AuditAction::kCaseStatusChanged, AuditAction::kTaskAdded,
        AuditAction::kTaskDone, AuditAction::kCaseClaimed, AuditAction::kCustodyRecorded,
        AuditAction::kGroupMemberAdded, AuditAction::kGroupPlanChanged}) {
    const store::AuditFilter filter{.action = std::string(ToString(action)), .from_at = since};
    for (std::int64_t offset = 0;; offset += kPage) {
      auto page = store.FindAuditRecords(filter, offset, kPage);
      if (!page) return page.error();
      for (const auto& entry : page->entries) {
        if (entry.actor_user_id == 0) continue;
        names.try_emplace(entry.actor_user_id, entry.actor_name);
        const AccessEvent event{entry.actor_user_id, entry.at, *AccessKindOf(entry.action)};
        (entry.at < from ? baseline : judged).push_back(event);
      }
      if (static_cast<int>(page->entries.size()) < kPage) break;
    }
  }
  const auto alerts = FindPatternAlerts(baseline, judged, from, to, rules);
  if (alerts.empty()) return 0;
  auto raised = store.FindAuditRecords(
      {.action = std::string(ToString(AuditAction::kAccessAlert)), .from_at = from}, 0, 10000);
  if (!raised) return raised.error();
  std::set<std::string> already;
  for (const auto& entry : raised->entries) already.insert(entry.target);
  int recorded = 0;
  for (const auto& alert : alerts) {
    const std::string target = fmt::format("pattern:{}:user:{}:{}", ToString(alert.kind),
                                           alert.user_id, alert.period_start);
    if (already.contains(target)) continue;
    if (auto audited =
            audit.Record({alert.user_id, names[alert.user_id], AuditAction::kAccessAlert, target});
        !audited) {
      return audited.error();
    }
    ++recorded;
  }
  return recorded;
}

}  // namespace lifeline::app
