#pragma once
// Pieces every console page shares: the header with its sign-out form and the labels. The
// names ending in "Ru" are historical: each gives its words in the request's console language
// (server/console_text.hpp), Russian being the source. Internal to server/.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "app/accounts/sessions.hpp"
#include "domain/application.hpp"
#include "domain/case_list.hpp"
#include "domain/case_status.hpp"
#include "domain/role.hpp"
#include "domain/task_kind.hpp"

namespace lifeline::server::console {

/// A console page: HtmlPage in the request's console language (its lang attribute too).
std::string ConsolePage(std::string_view title, std::string_view body_html);
/// A form's hidden CSRF field for the session.
std::string CsrfField(const app::SessionInfo& s);
/// The navigation bar: links for the roles that may follow them, and the sign-out form.
std::string Header(const app::SessionInfo& s);
std::string_view SituationRu(Situation s);
/// A role as the console names it ("администратор"), never its wire code.
std::string_view RoleRu(Role role);
/// How an applicant asked to be reached ("звонок", "не связываться"), and the group they
/// come with ("один", "с другими: 3 чел."), as the console shows them.
std::string_view ChannelRu(ContactChannel channel);
std::string GroupRu(GroupKind kind, std::int64_t size);
/// The applicant's language in words ("украинский").
std::string_view LanguageRu(Language language);
/// A code and its words, as the console's tables of them hold them.
using CodeWords = std::pair<std::string_view, std::string_view>;
/// The words `table` gives `code`; nullopt for a code it does not hold.
template <std::size_t N>
std::optional<std::string_view> WordsFor(const CodeWords (&table)[N], std::string_view code) {
  for (const auto& [c, words] : table)
    if (c == code) return words;
  return std::nullopt;
}

/// A refusal as the console says it, in Russian: by its kind and, for bad input, the field it
/// names, followed by the validation rule's own detail, said to be in English (the rules'
/// details are not in a catalogue yet); other kinds never show the English message.
std::string ConsoleErrorRu(const Error& error);
/// <option>s for the four languages, in words, `selected` (a code) chosen.
std::string LanguageOptions(const std::string& selected);
/// A moment as "пн 07.12 19:00" (the time as given: shift it first for another zone).
std::string DayTimeRu(std::chrono::sys_seconds t);
/// The console's one convention for a moment (docs/console.md, "Times"): UTC, to the minute,
/// said: "2026-12-07 16:00 UTC". Staff may sit in several time zones; UTC is the one they share.
std::string UtcTime(std::chrono::sys_seconds t);
std::string UtcTime(std::int64_t unix_seconds);
/// The applicant's own clock at that moment, for beside UTC where it matters (his windows, a
/// call to him): "пн 07.12 19:00 у заявителя, UTC+03:00".
std::string ApplicantTimeRu(std::chrono::sys_seconds t, int utc_offset_minutes);
/// Both: "2026-12-07 16:00 UTC (пн 07.12 19:00 у заявителя, UTC+03:00)".
std::string UtcAndApplicantTime(std::chrono::sys_seconds t, int utc_offset_minutes);
std::string_view StatusLabelRu(CaseStatus status);
/// The status as the list and the case show it: every person in custody as captured,
/// whatever the sealed circumstance says.
std::string StatusRu(const CaseSummary& c);
std::string_view TaskKindRu(TaskKind kind);
std::string Option(std::string_view value, std::string_view label, const std::string& selected);

}  // namespace lifeline::server::console
