#include "domain/application.hpp"

#include <fmt/format.h>

#include <array>
#include <utility>

#include "domain/contact_window.hpp"
#include "domain/name_table.hpp"
#include "domain/utf8.hpp"

namespace lifeline {
namespace {

constexpr NameTable<Situation, 5> kSituations = {{
    {Situation::kServing, "serving"},
    {Situation::kExpectingMobilization, "expecting_mobilization"},
    {Situation::kMobilizedTraining, "mobilized_training"},
    {Situation::kAtFront, "at_front"},
    {Situation::kRelative, "relative"},
}};
constexpr NameTable<GroupKind, 3> kGroupKinds = {{
    {GroupKind::kAlone, "alone"},
    {GroupKind::kWithOthers, "with_others"},
    {GroupKind::kUnit, "unit"},
}};
constexpr NameTable<ContactChannel, 5> kChannels = {{
    {ContactChannel::kPhone, "phone"},
    {ContactChannel::kSms, "sms"},
    {ContactChannel::kTelegram, "telegram"},
    {ContactChannel::kSignal, "signal"},
    {ContactChannel::kNone, "none"},
}};
constexpr NameTable<Language, 4> kLanguages = {{
    {Language::kRu, "ru"},
    {Language::kBe, "be"},
    {Language::kUk, "uk"},
    {Language::kEn, "en"},
}};

template <typename E, std::size_t N>
std::string AllowedNames(const NameTable<E, N>& table) {
  std::string out;
  for (const auto& [v, name] : table) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

// Text fields: valid UTF-8, no control characters (newlines allowed only in the message),
// at most `limit` characters. Leading and trailing blanks are trimmed.
Result<std::string> CheckText(std::string_view value, std::string_view field, std::size_t limit,
                              bool multiline = false) {
  if (!IsValidUtf8(value)) {
    return InvalidInput(fmt::format("{}: not valid UTF-8 text", field), std::string(field));
  }
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t' ||
                            value.front() == '\n' || value.front() == '\r')) {
    value.remove_prefix(1);
  }
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t' || value.back() == '\n' ||
                            value.back() == '\r')) {
    value.remove_suffix(1);
  }
  if (HasControlCharacters(value) ||
      (!multiline && value.find_first_of("\n\r") != std::string_view::npos)) {
    return InvalidInput(fmt::format("{}: contains control characters", field), std::string(field));
  }
  if (CountCodePoints(value) > limit) {
    return InvalidInput(fmt::format("{}: longer than {} characters", field, limit),
                        std::string(field));
  }
  return std::string(value);
}

}  // namespace

std::string_view ToString(Situation v) { return NameOf(kSituations, v); }
std::string_view ToString(GroupKind v) { return NameOf(kGroupKinds, v); }
std::string_view ToString(ContactChannel v) { return NameOf(kChannels, v); }
std::string_view ToString(Language v) { return NameOf(kLanguages, v); }
std::optional<Situation> ParseSituation(std::string_view s) { return ValueOf(kSituations, s); }
std::optional<GroupKind> ParseGroupKind(std::string_view s) { return ValueOf(kGroupKinds, s); }
std::optional<ContactChannel> ParseContactChannel(std::string_view s) {
  return ValueOf(kChannels, s);
}
std::optional<Language> ParseLanguage(std::string_view s) { return ValueOf(kLanguages, s); }

std::optional<std::chrono::year_month_day> ParseIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const std::size_t offsets[3] = {0, 5, 8};
  const std::size_t lengths[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p) {
    for (std::size_t i = 0; i < lengths[p]; ++i) {
      const char c = text[offsets[p] + i];
      if (c < '0' || c > '9') return std::nullopt;
      parts[p] = parts[p] * 10 + (c - '0');
    }
  }
  std::chrono::year_month_day date{std::chrono::year{parts[0]},
                                   std::chrono::month{static_cast<unsigned>(parts[1])},
                                   std::chrono::day{static_cast<unsigned>(parts[2])}};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::string FormatIsoDate(std::chrono::year_month_day date) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

Result<ValidApplication> ValidateApplication(const ApplicationDraft& d,
                                             std::chrono::year_month_day today) {
  using L = ApplicationLimits;
  ValidApplication out;
  out.duress_receipt = d.duress_receipt;
  out.proof = d.proof;

  if (d.situation.empty()) return InvalidInput("situation: required", "situation");
  auto situation = ParseSituation(d.situation);
  if (!situation) {
    return InvalidInput("situation: must be one of " + AllowedNames(kSituations), "situation");
  }
  out.clear.situation = *situation;

  auto kind =
      d.group_kind.empty() ? std::optional(GroupKind::kAlone) : ParseGroupKind(d.group_kind);
  if (!kind)
    return InvalidInput("group.kind: must be one of " + AllowedNames(kGroupKinds), "group.kind");
  out.clear.group_kind = *kind;
  const std::int64_t size = d.group_size.value_or(*kind == GroupKind::kAlone ? 1 : 2);
  const std::int64_t max_size = *kind == GroupKind::kAlone        ? 1
                                : *kind == GroupKind::kWithOthers ? L::kMaxWithOthers
                                                                  : L::kMaxUnit;
  const std::int64_t min_size = *kind == GroupKind::kAlone ? 1 : 2;
  if (size < min_size || size > max_size) {
    return InvalidInput(fmt::format("group.size: must be between {} and {} for \"{}\"", min_size,
                                    max_size, ToString(*kind)),
                        "group.size");
  }
  out.clear.group_size = static_cast<int>(size);

  if (!d.deploy_by.empty()) {
    auto date = ParseIsoDate(d.deploy_by);
    if (!date) return InvalidInput("deploy_by: must be a date written YYYY-MM-DD", "deploy_by");
    const auto days = std::chrono::sys_days{*date} - std::chrono::sys_days{today};
    if (days.count() < -1 || days.count() > L::kDeployByMaxDaysAhead) {
      return InvalidInput(fmt::format("deploy_by: must be between yesterday and {} days from today",
                                      L::kDeployByMaxDaysAhead),
                          "deploy_by");
    }
    out.clear.deploy_by = *date;
  }

  if (d.contact_channel.empty())
    return InvalidInput("contact.channel: required", "contact.channel");
  auto channel = ParseContactChannel(d.contact_channel);
  if (!channel) {
    return InvalidInput("contact.channel: must be one of " + AllowedNames(kChannels),
                        "contact.channel");
  }
  out.clear.contact_channel = *channel;
  auto handle = CheckText(d.contact_handle, "contact.handle", L::kHandle);
  if (!handle) return handle.error();
  if (*channel != ContactChannel::kNone && handle->empty()) {
    return InvalidInput("contact.handle: required unless the channel is \"none\"",
                        "contact.handle");
  }
  out.identifying.contact_handle = *channel == ContactChannel::kNone ? "" : std::move(*handle);

  if (d.safe_windows.size() > L::kSafeWindows) {
    return InvalidInput(fmt::format("contact.safe_windows: at most {} windows", L::kSafeWindows),
                        "contact.safe_windows");
  }
  for (const auto& text : d.safe_windows) {
    auto checked = CheckText(text, "contact.safe_windows", 40);
    if (!checked) return checked.error();
    if (checked->empty()) continue;
    auto window = ParseSafeWindow(*checked);
    if (!window) {
      return InvalidInput(
          "contact.safe_windows: write each window like \"mon-fri 19:00-21:00\" or \"20:00-22:00\"",
          "contact.safe_windows");
    }
    out.identifying.safe_windows.push_back(*window);
  }
  if (!d.utc_offset.empty()) {
    auto offset = ParseUtcOffset(d.utc_offset);
    if (!offset) {
      return InvalidInput(
          "contact.utc_offset: write the time zone like \"+03:00\" (from -12:00 to +14:00)",
          "contact.utc_offset");
    }
    out.identifying.utc_offset_minutes = *offset;
  }

  struct TextField {
    const std::string& in;
    std::string& out;
    std::string_view name;
    std::size_t limit;
    bool multiline;
  };
  const TextField texts[] = {
      {d.name, out.identifying.name, "name", L::kShortText, false},
      {d.unit, out.identifying.unit, "unit", L::kShortText, false},
      {d.rank, out.identifying.rank, "rank", L::kRank, false},
      {d.location, out.identifying.location, "location", L::kShortText, false},
      {d.message, out.identifying.message, "message", L::kMessage, true},
  };
  for (const auto& t : texts) {
    auto checked = CheckText(t.in, t.name, t.limit, t.multiline);
    if (!checked) return checked.error();
    t.out = std::move(*checked);
  }

  auto language = d.language.empty() ? std::optional(Language::kRu) : ParseLanguage(d.language);
  if (!language)
    return InvalidInput("language: must be one of " + AllowedNames(kLanguages), "language");
  out.clear.language = *language;
  return out;
}

}  // namespace lifeline
