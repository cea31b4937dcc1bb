// Screening in the office (domain/screening.hpp): blind indexes of contact handles, the
// scheduled pass over new cases, the signals shown to verifiers, and verifiers' markers.
// Only the office holds the blind-index key: an intake server cannot test a handle.

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "app/cases/contact_forms.hpp"
#include "app/cases/office.hpp"
#include "crypto/crypto.hpp"
#include "domain/utf8.hpp"

namespace lifeline::app {
namespace {

constexpr int kTrailingDays = 28;
constexpr std::size_t kMaxMarkerCharacters = 200;

std::string LowerAscii(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return out;
}

// Whether `phrase` (lower-cased) occurs in any free-text field.
bool Mentions(const IdentifyingFields& f, const std::string& phrase) {
  for (const std::string* text : {&f.message, &f.name, &f.unit, &f.location, &f.contact_handle}) {
    if (LowerAscii(*text).find(phrase) != std::string::npos) return true;
  }
  return false;
}

Status CheckMarkerText(const std::string& text, const char* field, bool required) {
  if (text.empty())
    return required ? InvalidInput(std::string(field) + " is required", field) : OkStatus();
  if (!IsValidUtf8(text) || HasControlCharacters(text) ||
      CountCodePoints(text) > kMaxMarkerCharacters) {
    return InvalidInput(std::string(field) + " must be at most 200 characters of text", field);
  }
  return OkStatus();
}

}  // namespace

std::vector<store::Blob32> OfficeService::HandleIndexes(std::string_view handle) const {
  std::vector<store::Blob32> indexes;
  for (const auto& form : ContactForms(handle)) {
    if (!form.empty()) indexes.push_back(crypto::KeyedHash(handle_index_key_, form));
  }
  return indexes;
}

std::optional<store::Blob32> OfficeService::HandleIndex(const IdentifyingFields& fields,
                                                        ContactChannel channel) const {
  if (channel == ContactChannel::kNone || fields.contact_handle.empty()) return std::nullopt;
  auto indexes = HandleIndexes(fields.contact_handle);
  if (indexes.empty()) return std::nullopt;
  return indexes.front();
}

Result<std::vector<std::int64_t>> OfficeService::CasesWithContact(std::string_view handle,
                                                                  std::int64_t except_id) {
  return CasesWithIndexes(HandleIndexes(handle), except_id);
}

Result<std::vector<std::int64_t>> OfficeService::CasesWithIndexes(
    const std::vector<store::Blob32>& indexes, std::int64_t except_id) {
  std::vector<std::int64_t> ids;
  for (const auto& index : indexes) {
    auto found = store_.CasesWithHandle(index, except_id);
    if (!found) return found.error();
    ids.insert(ids.end(), found->begin(), found->end());
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

struct OfficeService::ScreeningCache {
  struct OpenMarker {
    std::optional<store::Blob32> handle_index;
    std::string phrase;  // lower-cased; empty for a handle marker
    std::string note;
  };
  std::optional<std::vector<OpenMarker>> markers;
  // (day, situation, group kind, channel) -> applications alike that day, and the daily
  // average over the trailing days.
  std::map<std::string, std::pair<std::int64_t, double>> alike;
};

Result<CaseScreening> OfficeService::Screen(const store::StoredApplication& stored,
                                            const IdentifyingFields& fields,
                                            ScreeningCache& cache) {
  ScreeningInputs in;
  in.clear = stored.clear;
  in.fields = fields;
  // Every form the contact may have been stored or marked under (a number typed with its
  // trunk prefix before numbers were stored in their international form).
  std::vector<store::Blob32> indexes;
  if (stored.clear.contact_channel != ContactChannel::kNone && !fields.contact_handle.empty()) {
    indexes = HandleIndexes(fields.contact_handle);  // parsed once: a number's parse is dear
    auto same = CasesWithIndexes(indexes, stored.id);
    if (!same) return same.error();
    in.same_handle_cases = std::move(*same);
  }
  const std::string alike_key = fmt::format(
      "{}|{}|{}|{}", FormatIsoDate(stored.received_on), ToString(stored.clear.situation),
      ToString(stored.clear.group_kind), ToString(stored.clear.contact_channel));
  auto alike = cache.alike.find(alike_key);
  if (alike == cache.alike.end()) {
    const std::chrono::sys_days day{stored.received_on};
    auto today = store_.CountAlike(stored.clear, stored.received_on,
                                   std::chrono::year_month_day{day + std::chrono::days{1}});
    auto before = store_.CountAlike(
        stored.clear, std::chrono::year_month_day{day - std::chrono::days{kTrailingDays}},
        stored.received_on);
    if (!today) return today.error();
    if (!before) return before.error();
    alike = cache.alike
                .emplace(alike_key, std::pair{*today, static_cast<double>(*before) / kTrailingDays})
                .first;
  }
  in.similar_same_day = alike->second.first;
  in.similar_daily_average = alike->second.second;
  if (!cache.markers) {
    auto stored_markers = store_.ListMarkers();
    if (!stored_markers) return stored_markers.error();
    cache.markers.emplace();
    for (const auto& m : *stored_markers) {
      crypto::SecretBytes note, phrase;
      crypto::AeadDecrypt(marker_key_, m.note_sealed, "note", note);
      if (!m.handle_index) crypto::AeadDecrypt(marker_key_, m.phrase_sealed, "phrase", phrase);
      cache.markers->push_back(
          {m.handle_index, LowerAscii(phrase.view()), std::string(note.view())});
    }
  }
  for (const auto& m : *cache.markers) {
    const bool hit =
        m.handle_index ? std::find(indexes.begin(), indexes.end(), *m.handle_index) != indexes.end()
                       : (!m.phrase.empty() && Mentions(fields, m.phrase));
    if (hit) in.matched_markers.push_back(m.note);
  }
  CaseScreening result;
  if (!indexes.empty()) result.handle_index = indexes.front();
  result.signals = ScreeningSignals(in);
  result.score = ScreeningScore(result.signals);
  const bool open = stored.status != CaseStatus::kRejected &&
                    stored.status != CaseStatus::kDuplicate &&
                    stored.status != CaseStatus::kClosed && stored.status != CaseStatus::kWithdrawn;
  result.needs_review = open && (result.score >= kReviewThreshold || !in.same_handle_cases.empty());
  return result;
}

Result<CaseScreening> OfficeService::Screen(const store::StoredApplication& stored,
                                            const IdentifyingFields& fields) {
  ScreeningCache cache;
  return Screen(stored, fields, cache);
}

Result<int> OfficeService::ScreenPending(int limit) {
  auto ids = store_.ListUnscreened(limit);
  if (!ids) return ids.error();
  if (ids->empty()) return 0;
  // One audit entry for the run: the office read these cases to screen them, no person did.
  if (auto audited =
          audit_.Record({0, "", AuditAction::kScreeningRun, fmt::format("cases:{}", ids->size())});
      !audited) {
    return audited.error();
  }
  ScreeningCache cache;
  std::vector<store::ScreeningResult> results;
  for (std::int64_t id : *ids) {
    auto stored = store_.GetApplication(id);
    if (!stored) continue;  // deleted meanwhile
    auto opened = OpenFields(*stored);
    if (!opened) return opened.error();
    auto screening = Screen(*stored, opened->fields, cache);
    if (!screening) return screening.error();
    // The stored score leaves out the reused contact: that signal is read live from the
    // blind indexes, so a later case with the same handle routes this one too.
    int base = screening->score;
    for (const auto& s : screening->signals) {
      if (s.code == "reused_contact") base -= s.weight;
    }
    results.push_back({id, screening->handle_index, NameIndex(opened->fields), base});
  }
  if (auto saved = store_.SaveScreening(results); !saved) return saved.error();
  return static_cast<int>(results.size());
}

Result<std::int64_t> OfficeService::AddMarker(const Actor& actor, const MarkerRequest& request) {
  if (auto allowed = Require(actor, Permission::kManageMarkers); !allowed) return allowed.error();
  if (request.handle.empty() == request.phrase.empty()) {
    return InvalidInput("give either a contact handle or a phrase", "handle");
  }
  if (auto ok = CheckMarkerText(request.handle, "handle", false); !ok) return ok.error();
  if (auto ok = CheckMarkerText(request.phrase, "phrase", false); !ok) return ok.error();
  if (auto ok = CheckMarkerText(request.note, "note", true); !ok) return ok.error();
  store::NewMarker marker;
  if (!request.handle.empty()) {
    auto indexes = HandleIndexes(request.handle);
    if (indexes.empty())
      return InvalidInput("handle: give a telephone number or a user name", "handle");
    marker.handle_index = indexes.front();
  } else {
    marker.phrase_sealed = crypto::AeadEncrypt(marker_key_, LowerAscii(request.phrase), "phrase");
  }
  marker.note_sealed = crypto::AeadEncrypt(marker_key_, request.note, "note");
  marker.created_by = actor.user_id;
  marker.created_at = clock_.Now().time_since_epoch().count();
  auto id = store_.AddMarker(marker);
  if (!id) return id.error();
  if (auto audited = audit_.Record(
          {actor.user_id, actor.name, AuditAction::kMarkerAdded, "marker:" + std::to_string(*id)});
      !audited) {
    return audited.error();
  }
  return id;
}

Result<std::vector<MarkerView>> OfficeService::ListMarkers(const Actor& actor) {
  if (auto allowed = Require(actor, Permission::kManageMarkers); !allowed) return allowed.error();
  auto stored = store_.ListMarkers();
  if (!stored) return stored.error();
  std::vector<MarkerView> out;
  for (const auto& m : *stored) {
    MarkerView view{m.id, m.handle_index.has_value(), {}, {}, m.created_at};
    crypto::SecretBytes text;
    if (crypto::AeadDecrypt(marker_key_, m.note_sealed, "note", text))
      view.note.assign(text.view());
    if (!m.handle_index && crypto::AeadDecrypt(marker_key_, m.phrase_sealed, "phrase", text)) {
      view.phrase.assign(text.view());
    }
    out.push_back(std::move(view));
  }
  return out;
}

}  // namespace lifeline::app
