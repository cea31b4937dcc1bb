// The console language of the request a thread renders (console_text.hpp). Apart from the
// catalogues (console_text.cpp) so that the router, which opens a scope per request, needs no
// Boost.Locale and no catalogue where it is built alone (fuzz/).

#include <algorithm>
#include <iterator>

#include "server/console_text.hpp"

namespace lifeline::server::console {

namespace {
thread_local Language current_language = Language::kRu;
}  // namespace

bool IsConsoleLanguage(Language language) {
  return std::find(std::begin(kConsoleLanguages), std::end(kConsoleLanguages), language) !=
         std::end(kConsoleLanguages);
}

Language CurrentLanguage() { return current_language; }

LanguageScope::LanguageScope(Language language) : previous_(current_language) {
  current_language = IsConsoleLanguage(language) ? language : Language::kRu;
}

LanguageScope::~LanguageScope() { current_language = previous_; }

void UseLanguage(Language language) {
  current_language = IsConsoleLanguage(language) ? language : Language::kRu;
}

}  // namespace lifeline::server::console
