#pragma once
// The console's words in the language of the account reading it (issue 20): Russian, Ukrainian
// or English. The console is written in Russian; every text a person sees is marked in the
// source with T, TF or Marked, extracted by xgettext into po/console/console.pot and translated
// in po/console/<language>.po (gettext's files, read by Boost.Locale from copies built into the
// binary). Russian is the key itself: it has no catalogue, so a Russian page is the source's.
// docs/translating.md says how to add or change a text.
//
// The language is the request's, set for the thread that renders it by a LanguageScope (one
// request is rendered on one thread, start to end). Internal to server/.

#include <fmt/format.h>

#include <string>
#include <string_view>

#include "domain/application.hpp"
#include "domain/marked.hpp"

namespace lifeline::server::console {

/// The languages the console is offered in, in the order the account page lists them.
inline constexpr Language kConsoleLanguages[] = {Language::kRu, Language::kUk, Language::kEn};
bool IsConsoleLanguage(Language language);

/// The console language of the request this thread is rendering: Russian outside any scope.
Language CurrentLanguage();

/// Sets the thread's console language for its lifetime and restores the previous one.
class LanguageScope {
 public:
  explicit LanguageScope(Language language);
  ~LanguageScope();
  LanguageScope(const LanguageScope&) = delete;
  LanguageScope& operator=(const LanguageScope&) = delete;

 private:
  Language previous_;
};

/// Sets the thread's console language until the enclosing LanguageScope ends (Router::Dispatch
/// opens one per request): how an authenticated request takes its account's language.
void UseLanguage(Language language);

/// `russian` in `language`: its catalogue's translation, else `russian` itself. The view lives
/// as long as the program (catalogues are loaded once) or as `russian` does.
std::string_view TextIn(Language language, std::string_view russian);

/// A text as the current request's language says it. xgettext reads the literal given here; a
/// value passed instead must have been written as Marked("…") where it was defined.
inline std::string_view T(std::string_view russian) { return TextIn(CurrentLanguage(), russian); }

/// A text with values: `russian` is a fmt format string ("{}" for each value, in order), checked
/// at compile time; its translation keeps the same values (tests/check_console_catalogues.py
/// refuses one that does not), and one that still fails to format is replaced by the Russian,
/// never an error.
std::string FormatTranslated(std::string_view russian, std::string_view translated,
                             fmt::format_args args);
template <typename... Args>
std::string TF(fmt::format_string<Args...> russian, Args&&... args) {
  const fmt::string_view source = russian;  // fmt 9 converts; fmt 10 also has get()
  const std::string_view key(source.data(), source.size());
  return FormatTranslated(key, T(key), fmt::make_format_args(args...));
}

/// Marks a literal for the catalogue without translating it (domain/marked.hpp); translate
/// the value where it is shown: `T(table[i].words)`.
using lifeline::Marked;

}  // namespace lifeline::server::console
