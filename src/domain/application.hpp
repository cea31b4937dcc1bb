#pragma once
// An application to the hotline as the applicant sends it, and the rules it must meet.
// Pure: no I/O, no clock (callers pass today's date).

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"
#include "domain/safe_window.hpp"

namespace lifeline {

enum class Situation { kServing, kExpectingMobilization, kMobilizedTraining, kAtFront, kRelative };
enum class GroupKind { kAlone, kWithOthers, kUnit };
enum class ContactChannel { kPhone, kSms, kTelegram, kSignal, kNone };
enum class Language { kRu, kBe, kUk, kEn };

/// Wire names (API, forms, database) of each enum; Parse* return nullopt for unknown names.
std::string_view ToString(Situation v);
std::string_view ToString(GroupKind v);
std::string_view ToString(ContactChannel v);
std::string_view ToString(Language v);
std::optional<Situation> ParseSituation(std::string_view s);
std::optional<GroupKind> ParseGroupKind(std::string_view s);
std::optional<ContactChannel> ParseContactChannel(std::string_view s);
std::optional<Language> ParseLanguage(std::string_view s);

/// Field limits, in characters (code points). One source of truth for API, form and docs.
struct ApplicationLimits {
  static constexpr std::size_t kShortText = 200;  // name, unit, location
  static constexpr std::size_t kRank = 100;
  static constexpr std::size_t kHandle = 100;
  static constexpr std::size_t kMessage = 4000;
  static constexpr std::size_t kSafeWindows = 8;
  static constexpr int kMaxWithOthers = 100;
  static constexpr int kMaxUnit = 5000;
  static constexpr int kDeployByMaxDaysAhead = 366;
};

/// What arrived, before validation: every field as text, absent fields empty.
struct ApplicationDraft {
  std::string situation;
  std::string group_kind;
  std::optional<std::int64_t> group_size;
  std::string deploy_by;  // YYYY-MM-DD or empty
  std::string contact_channel;
  std::string contact_handle;
  std::vector<std::string> safe_windows;
  std::string utc_offset;  // "+05:00"; empty means Moscow time
  std::string name;
  std::string unit;
  std::string rank;
  std::string location;
  std::string message;
  std::string language;
  // A second receipt for use under duress (docs/security.md, "Duress receipts"): it opens a
  // harmless status page and quietly tells the office. Not stored as a choice anywhere.
  bool duress_receipt = false;
  // A signed proof of application, shown with the receipt (docs/security.md, "Proof of
  // application"). The choice is not stored: the proof log holds the entry alone.
  bool proof = false;
};

/// Fields that identify a person. They exist in plaintext only in memory: they are sealed
/// (crypto/record_sealer) before anything touches disk.
struct IdentifyingFields {
  std::string name;
  std::string unit;
  std::string rank;
  std::string location;
  std::string contact_handle;
  std::vector<SafeWindow> safe_windows;
  int utc_offset_minutes = 180;  // the safe windows' time zone (a hint of where someone is)
  std::string message;
};

/// Fields kept in clear for queues and statistics: none of them identifies a person.
struct ClearFields {
  Situation situation = Situation::kServing;
  GroupKind group_kind = GroupKind::kAlone;
  int group_size = 1;
  ContactChannel contact_channel = ContactChannel::kNone;
  Language language = Language::kRu;
  std::optional<std::chrono::year_month_day> deploy_by;
};

struct ValidApplication {
  ClearFields clear;
  IdentifyingFields identifying;
  bool duress_receipt = false;  // ApplicationDraft::duress_receipt
  bool proof = false;           // ApplicationDraft::proof
};

/// Checks every rule and returns the normalised application, or the first problem found
/// as kInvalidInput with `field` set. Never throws.
Result<ValidApplication> ValidateApplication(const ApplicationDraft& draft,
                                             std::chrono::year_month_day today);

/// Parses YYYY-MM-DD; nullopt if malformed or not a real calendar date.
std::optional<std::chrono::year_month_day> ParseIsoDate(std::string_view text);
std::string FormatIsoDate(std::chrono::year_month_day date);

}  // namespace lifeline
