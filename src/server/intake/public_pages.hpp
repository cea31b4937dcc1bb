#pragma once
// Rendering of the public pages. Pure functions from data to HTML.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/intake/intake.hpp"
#include "domain/application.hpp"
#include "domain/result.hpp"
#include "server/i18n.hpp"

namespace lifeline::server {

/// Links to the page at `path` in the other languages, the current one named in bold.
std::string LanguageNav(Language current, std::string_view path);

/// How the safe windows were read, for the person to confirm before the form is stored:
/// each window in their language, and the canonical text a second submission must carry
/// back (in `windows_read`) unchanged.
struct WindowsReading {
  std::vector<std::string> described;
  std::string canonical;
};

/// The application form, refilled with `draft` and showing `error` when given, or how the
/// safe windows were read.
std::string ApplicationFormPage(Language language, const ApplicationDraft& draft,
                                const Error* error, const WindowsReading* reading = nullptr);
std::string ReceiptPage(Language language, const Receipt& receipt);
/// The receipt form, with `alert` (e.g. kStatusUnknown or kBusy) shown when given.
std::string StatusFormPage(Language language, std::optional<Text> alert);
struct StatusPageExtras {
  std::string receipt;         // as typed: carried by the message form
  std::optional<Text> notice;  // kSent, or why a message was not sent
  std::string unsent_text;     // a message refused, offered again for editing
};
std::string StatusPage(Language language, const app::ApplicantStatus& status,
                       const StatusPageExtras& extras);

}  // namespace lifeline::server
