#include "app/intake/importer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "app/cases/contact_forms.hpp"
#include "app/intake/intake.hpp"
#include "crypto/crypto.hpp"
#include "domain/utf8.hpp"
#include "text/name_match.hpp"

namespace lifeline::app {
namespace {

constexpr std::size_t kBatch = 500;
constexpr std::size_t kMaxOriginCharacters = 100;
const std::chrono::year_month_day kOldestReceived{std::chrono::year{2000} / 1 / 1};
// How many of a record's likeliest earlier lines are compared name to name.
constexpr std::size_t kLineCandidates = 10;

std::string LookupText(const crypto::Key32& key) {
  return {reinterpret_cast<const char*>(key.data()), key.size()};
}

// The record's content as one canonical text (keys sorted), for its keyed lookup hash.
std::string CanonicalContent(const ImportRow& row) {
  const ApplicationDraft& d = row.draft;
  nlohmann::json j = {{"situation", d.situation},
                      {"group_kind", d.group_kind},
                      {"deploy_by", d.deploy_by},
                      {"contact_channel", d.contact_channel},
                      {"contact_handle", d.contact_handle},
                      {"safe_windows", d.safe_windows},
                      {"utc_offset", d.utc_offset},
                      {"name", d.name},
                      {"unit", d.unit},
                      {"rank", d.rank},
                      {"location", d.location},
                      {"message", d.message},
                      {"language", d.language},
                      {"received_on", row.received_on},
                      {"origin", row.origin}};
  j["group_size"] = d.group_size ? nlohmann::json(*d.group_size) : nlohmann::json(nullptr);
  return j.dump();
}

// One contact however it is written: the form the blind index stores it under.
std::string ContactKey(ContactChannel channel, const std::string& handle) {
  if (channel == ContactChannel::kNone || handle.empty()) return "";
  return ContactForms(handle).front();
}

}  // namespace

Importer::Importer(store::ApplicationStore& store, OfficeService& office, const Clock& clock,
                   crypto::OfficePublicKey office_key, const crypto::Key32& record_key)
    : store_(store),
      office_(office),
      clock_(clock),
      sealer_(office_key, std::chrono::seconds(1), 512),
      record_key_(record_key) {}

Importer::~Importer() { crypto::Wipe(record_key_); }

std::optional<Importer::Checked> Importer::Validate(const ImportRow& row,
                                                    ImportProblem* problem) const {
  auto fail = [&](std::string field, std::string message) {
    *problem = {row.line, std::move(field), std::move(message)};
    return std::nullopt;
  };
  std::chrono::year_month_day received = clock_.Today();
  if (!row.received_on.empty()) {
    auto day = ParseIsoDate(row.received_on);
    if (!day) return fail("received_on", "received_on: must be a date written YYYY-MM-DD");
    if (*day > clock_.Today() || *day < kOldestReceived)
      return fail("received_on", "received_on: must be between 2000-01-01 and today");
    received = *day;
  }
  if (!IsValidUtf8(row.origin) || HasControlCharacters(row.origin) ||
      CountCodePoints(row.origin) > kMaxOriginCharacters) {
    return fail("origin", "origin: must be at most 100 characters of text");
  }
  // The intake's rules as they stood on the day the application was received (a deadline
  // then in the future may be past now).
  auto valid = ValidateApplication(row.draft, received);
  if (!valid) {
    // The intake names fields as its API nests them ("contact.channel"); a file's columns
    // are flat ("contact_channel").
    std::string field = valid.error().field, message = valid.error().message;
    if (const auto dot = field.find('.'); dot != std::string::npos) {
      std::string column = field == "contact.safe_windows" ? "safe_windows"
                           : field == "contact.utc_offset" ? "utc_offset"
                                                           : field;
      std::replace(column.begin(), column.end(), '.', '_');
      if (message.rfind(field, 0) == 0) message.replace(0, field.size(), column);
      field = column;
    }
    return fail(field, message);
  }
  Checked checked{std::move(*valid), std::chrono::sys_days{received}, {}};
  checked.lookup = crypto::KeyedHash(record_key_, CanonicalContent(row));
  // Where the record came from is kept with it, sealed, where operators read it.
  if (!row.origin.empty()) {
    auto& message = checked.application.identifying.message;
    message = fmt::format("[{}]{}{}", row.origin, message.empty() ? "" : "\n", message);
  }
  return checked;
}

void Importer::Check(const ImportRow& row) {
  ++report_.records;
  ImportProblem problem;
  auto checked = Validate(row, &problem);
  if (!checked) {
    report_.problems.push_back(std::move(problem));
    return;
  }
  const auto [earlier, first] = line_of_lookup_.try_emplace(LookupText(checked->lookup), row.line);
  if (!first) {
    ++report_.repeated;
    report_.duplicates.push_back(
        {row.line, 0, earlier->second, {"the same record, word for word; stored once"}});
    return;
  }
  if (!flag_duplicates_) return;
  const IdentifyingFields& fields = checked->application.identifying;
  const ContactChannel channel = checked->application.clear.contact_channel;
  // Stored cases, unless this record is one of them (an import run again).
  const bool stored_before = store_.FindByReceiptLookup(checked->lookup).ok();
  if (!stored_before) {
    if (auto stored = office_.LikelyDuplicates(fields, channel); stored) {
      for (auto& p : *stored) report_.duplicates.push_back({row.line, p.case_id, 0, p.reasons});
    }
  }
  // Earlier lines of the file: the likeliest by name, and those with the same contact.
  const std::string contact = ContactKey(channel, fields.contact_handle);
  std::set<std::int64_t> same_contact, candidates;
  if (!contact.empty()) {
    if (auto it = lines_by_contact_.find(contact); it != lines_by_contact_.end())
      same_contact.insert(it->second.begin(), it->second.end());
  }
  candidates = same_contact;
  if (auto by_name = file_index_.Find(fields.name, kLineCandidates); by_name) {
    for (const auto& hit : by_name->hits)
      if (hit.words_matched >= 2) candidates.insert(hit.case_id);
  }
  for (std::int64_t line : candidates) {
    std::vector<std::string> reasons;
    if (same_contact.count(line)) reasons.emplace_back("the same contact handle");
    if (text::CompareNames(fields.name, names_by_line_.at(line)) != text::NameAgreement::kNone)
      reasons.emplace_back("the same name, possibly spelt another way");
    if (!reasons.empty())
      report_.duplicates.push_back({row.line, 0, static_cast<std::size_t>(line), reasons});
  }
  const auto line = static_cast<std::int64_t>(row.line);
  IdentifyingFields name_only;
  name_only.name = fields.name;
  file_index_.Add(line, name_only);
  names_by_line_.emplace(line, fields.name);
  if (!contact.empty()) lines_by_contact_[contact].push_back(line);
}

Status Importer::Store(const ImportRow& row) {
  ImportProblem problem;
  auto checked = Validate(row, &problem);
  if (!checked) return OkStatus();  // reported by Check; left out
  if (!lookups_stored_.insert(LookupText(checked->lookup)).second) return OkStatus();  // repeat
  if (store_.FindByReceiptLookup(checked->lookup).ok()) {
    ++report_.stored_before;
    return OkStatus();
  }
  crypto::Key32 reply_public;
  const auto random = crypto::RandomBytes(reply_public.size());  // no receipt holds its secret
  std::copy(random.begin(), random.end(), reply_public.begin());
  batch_.push_back(SealWithLookup(sealer_, checked->application, checked->received_at,
                                  checked->lookup, reply_public));
  if (batch_.size() >= kBatch) return Flush();
  return OkStatus();
}

Status Importer::Flush() {
  if (batch_.empty()) return OkStatus();
  auto ids = store_.AppendApplications(batch_);
  if (!ids) return ids.error();
  report_.stored += ids->size();
  batch_.clear();
  return OkStatus();
}

Status Importer::Finish(AuditLog& audit) {
  if (auto flushed = Flush(); !flushed) return flushed;
  return audit.Record(
      {0, "", AuditAction::kCasesImported, fmt::format("cases:{}", report_.stored)});
}

}  // namespace lifeline::app
