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

// Every public page is reached at "/" and every form and link on it posts back to "/" with a
// hidden `go` saying what to do (public_routes.cpp), so that the address bar and the browser's
// history hold "/" alone whatever the person did (no-trace practice, docs/security.md "No
// trace on the applicant's phone"). The older addresses (/apply, /status, /legal,
// /status/message, ?lang=) still answer, for links already given out.

/// The other languages of the page `go` names ("form", "status", "legal"), as buttons; the
/// current one named in bold.
std::string LanguageNav(Language current, std::string_view page);
/// A link that keeps the address: a button posting `go` and the language to "/".
std::string GoButton(Language language, std::string_view go, std::string_view label,
                     std::string_view id = {});

/// How the safe windows were read, for the person to confirm before the form is stored:
/// each window in their language, and the canonical text a second submission must carry
/// back (in `windows_read`) unchanged.
struct WindowsReading {
  std::vector<std::string> described;
  std::string canonical;
};

/// What the form offers beyond the application: only where the intake issues them (an office
/// runs beside it).
struct FormOffers {
  bool duress = false;  // a duress receipt
  bool proof = false;   // a proof of application
};
FormOffers OffersOf(const app::IntakeService& intake);

/// The application form, refilled with `draft` and showing `error` when given, or how the
/// safe windows were read.
std::string ApplicationFormPage(Language language, const ApplicationDraft& draft,
                                const Error* error, const WindowsReading* reading = nullptr,
                                FormOffers offers = {});
/// The receipt, and the proof of application when one was asked for (or that it is to be
/// asked for later, when it could not be issued).
std::string ReceiptPage(Language language, const Receipt& receipt, bool proof_asked = false);
/// The receipt form, with `alert` (e.g. kStatusUnknown or kBusy) shown when given.
std::string StatusFormPage(Language language, std::optional<Text> alert);
struct StatusPageExtras {
  std::string receipt;         // as typed: carried by the message form
  std::optional<Text> notice;  // kSent, or why a message was not sent
  std::string unsent_text;     // a message refused, offered again for editing
  bool offer_proof = false;    // the button asking for a proof of application
  std::string proof;           // the proof asked for, shown once
};
std::string StatusPage(Language language, const app::ApplicantStatus& status,
                       const StatusPageExtras& extras);

}  // namespace lifeline::server
