// Safe callbacks (domain/contact_centre/callback.hpp): OfficeService::RequestCallback,
// TakeDueCallbacks, ReportCallback and ListCallbacks. The number, the windows and the time
// zone are sealed together under the office's callback key, bound to the row by a random
// seal id; the clear schedule always lies inside one of the caller's windows.

#include <nlohmann/json.hpp>

#include "app/cases/office.hpp"
#include "crypto/crypto.hpp"

namespace lifeline::app {
namespace {

using contact_centre::Callback;
using contact_centre::CallbackLimits;
using nlohmann::json;

constexpr int kMaxListed = 500;

std::string_view AsText(const store::Blob32& id) {
  return {reinterpret_cast<const char*>(id.data()), id.size()};
}

std::int64_t Seconds(std::chrono::sys_seconds t) { return t.time_since_epoch().count(); }

crypto::Bytes Seal(const crypto::Key32& key, const Callback& c, const store::Blob32& seal_id) {
  json windows = json::array();
  for (const auto& w : c.windows) windows.push_back(FormatSafeWindow(w));
  const json plain = {{"number", c.number},
                      {"windows", windows},
                      {"utc_offset", c.utc_offset_minutes},
                      {"language", ToString(c.language)}};
  std::string text = plain.dump();
  crypto::Bytes sealed = crypto::AeadEncrypt(key, text, AsText(seal_id));
  std::fill(text.begin(), text.end(), '\0');
  return sealed;
}

Result<Callback> Open(const crypto::Key32& key, const store::StoredCallback& stored) {
  crypto::SecretBytes plain;
  if (!crypto::AeadDecrypt(key, stored.sealed, AsText(stored.seal_id), plain)) {
    return Error{ErrorCode::kInternal, "a callback does not open"};
  }
  const json doc = json::parse(plain.view(), nullptr, false);
  if (doc.is_discarded()) return Error{ErrorCode::kInternal, "a callback is not understood"};
  Callback c;
  c.number = doc.value("number", "");
  for (const auto& w : doc.value("windows", json::array())) {
    if (auto window = ParseSafeWindow(w.get<std::string>())) c.windows.push_back(*window);
  }
  c.utc_offset_minutes = doc.value("utc_offset", kDefaultUtcOffsetMinutes);
  c.language = ParseLanguage(doc.value("language", "ru")).value_or(Language::kRu);
  if (c.windows.empty() || c.number.empty())
    return Error{ErrorCode::kInternal, "a callback is not understood"};
  return c;
}

}  // namespace

Result<CallbackScheduled> OfficeService::RequestCallback(
    const contact_centre::CallbackDraft& draft) {
  auto callback = contact_centre::ValidateCallback(draft);
  if (!callback) return callback.error();
  const auto now = clock_.Now();
  const ContactWindow slot = contact_centre::NextCallbackSlot(*callback, now);
  store::NewCallback row;
  const crypto::Bytes id = crypto::RandomBytes(row.seal_id.size());
  std::copy(id.begin(), id.end(), row.seal_id.begin());
  row.sealed = Seal(callback_key_, *callback, row.seal_id);
  row.language = std::string(ToString(callback->language));
  row.created_at = Seconds(now);
  row.due_at = Seconds(slot.start);
  row.window_end = Seconds(slot.end);
  auto stored = store_.AddCallback(row);
  if (!stored) return stored.error();
  return CallbackScheduled{*stored, row.due_at, row.window_end};
}

Result<std::vector<CallbackToDial>> OfficeService::TakeDueCallbacks(int limit) {
  if (limit < 1 || limit > kMaxListed) return InvalidInput("limit must be 1 to 500", "limit");
  const auto now = clock_.Now();
  auto due = store_.ListDueCallbacks(Seconds(now), limit);
  if (!due) return due.error();
  std::vector<CallbackToDial> out;
  for (const auto& stored : *due) {
    auto callback = Open(callback_key_, stored);
    if (!callback) return callback.error();
    store::CallbackUpdate update{stored.id,
                                 store::CallbackStatus::kPending,
                                 store::CallbackStatus::kDialing,
                                 stored.attempts + 1,
                                 stored.due_at,
                                 stored.window_end};
    if (Seconds(now) >= stored.window_end) {
      // Its window passed before anyone dialed: never call outside one, wait for the next.
      const ContactWindow slot = contact_centre::NextCallbackSlot(*callback, now);
      update = {stored.id,
                store::CallbackStatus::kPending,
                store::CallbackStatus::kPending,
                stored.attempts,
                Seconds(slot.start),
                Seconds(slot.end)};
    }
    auto updated = store_.UpdateCallback(update);
    if (!updated && updated.error().code == ErrorCode::kConflict) continue;  // taken meanwhile
    if (!updated) return updated.error();
    if (update.to == store::CallbackStatus::kDialing) {
      out.push_back({stored.id, callback->number, callback->language, stored.window_end});
    }
  }
  return out;
}

Status OfficeService::ReportCallback(std::int64_t id, bool connected) {
  auto stored = store_.GetCallback(id);
  if (!stored) return stored.error();
  if (stored->status != store::CallbackStatus::kDialing) {
    return Error{ErrorCode::kConflict, "this callback is not being dialed"};
  }
  store::CallbackUpdate update{id,
                               store::CallbackStatus::kDialing,
                               store::CallbackStatus::kConnected,
                               stored->attempts,
                               stored->due_at,
                               stored->window_end};
  if (!connected) {
    if (stored->attempts >= CallbackLimits::kMaxAttempts) {
      update.to = store::CallbackStatus::kLapsed;
    } else {
      auto callback = Open(callback_key_, *stored);
      if (!callback) return callback.error();
      const ContactWindow slot =
          contact_centre::NextCallbackSlot(*callback, clock_.Now() + CallbackLimits::kRetryAfter);
      update.to = store::CallbackStatus::kPending;
      update.due_at = Seconds(slot.start);
      update.window_end = Seconds(slot.end);
    }
  }
  return store_.UpdateCallback(update);
}

Result<CallbackScheduled> OfficeService::RequestCallbackFor(
    const Actor& actor, const contact_centre::CallbackDraft& draft) {
  if (auto allowed = Require(actor, Permission::kManageContactCentre); !allowed)
    return allowed.error();
  auto scheduled = RequestCallback(draft);
  if (!scheduled) return scheduled;
  auto audited = audit_.Record({actor.user_id, actor.name, AuditAction::kCallbackRequested,
                                "callback:" + std::to_string(scheduled->id)});
  if (!audited) return audited.error();
  return scheduled;
}

Status OfficeService::CancelCallback(const Actor& actor, std::int64_t id) {
  if (auto allowed = Require(actor, Permission::kManageContactCentre); !allowed)
    return allowed.error();
  auto stored = store_.GetCallback(id);
  if (!stored) return stored.error();
  if (stored->status != store::CallbackStatus::kPending) {
    return Error{ErrorCode::kConflict,
                 "only a callback that waits for its window can be cancelled"};
  }
  if (auto audited = audit_.Record({actor.user_id, actor.name, AuditAction::kCallbackCancelled,
                                    "callback:" + std::to_string(id)});
      !audited) {
    return audited;
  }
  // Lapsed shreds the sealed number in the same update.
  return store_.UpdateCallback({id, store::CallbackStatus::kPending, store::CallbackStatus::kLapsed,
                                stored->attempts, stored->due_at, stored->window_end});
}

Result<std::vector<store::StoredCallback>> OfficeService::ListCallbacks(
    const Actor& actor, store::CallbackStatus status) {
  if (auto allowed = Require(actor, Permission::kManageContactCentre); !allowed)
    return allowed.error();
  auto rows = store_.ListCallbacks(status, kMaxListed);
  if (!rows) return rows.error();
  for (auto& row : *rows) row.sealed.clear();  // the list never carries the numbers
  return rows;
}

}  // namespace lifeline::app
