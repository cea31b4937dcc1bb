#include "server/intake/public_routes.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "crypto/bytes.hpp"
#include "crypto/stack_wipe.hpp"
#include "server/i18n.hpp"
#include "server/intake/application_form.hpp"
#include "server/intake/application_json.hpp"
#include "server/intake/legal_page.hpp"
#include "server/intake/public_pages.hpp"
#include "server/page.hpp"

namespace lifeline::server {
namespace {

using nlohmann::json;

// A page that ends a flow (the receipt, the status and conversation) tells the browser to
// drop whatever it may hold for this site: its cache and any storage or cookie (the public
// pages set none; this also clears what an extension or an older version may have left).
Response EndOfFlow(Response r) {
  r.headers.emplace_back("Clear-Site-Data", "\"cache\", \"cookies\", \"storage\"");
  return r;
}

// Every answer of the public side is padded to one of a few sizes (response_padding.hpp).
Respond Padded(Respond respond) {
  return [respond = std::move(respond)](Response r) {
    r.padded = true;
    respond(std::move(r));
  };
}

Response Unsupported(std::string_view expected) {
  return JsonError(415, "unsupported_media_type", "send the body as " + std::string(expected));
}

void SubmitJson(app::IntakeService& intake, Request& request, Respond respond) {
  if (!HasMediaType(request, "application/json")) return respond(Unsupported("application/json"));
  auto draft = ParseApplicationJson(request.body);
  if (!draft) return respond(JsonError(draft.error()));
  intake.Submit(*draft, [respond, proof_asked = draft->proof](Result<Receipt> receipt) {
    if (!receipt) return respond(JsonError(receipt.error()));
    json answer{{"receipt", FormatReceipt(*receipt)}};
    if (!receipt->duress_digits.empty())
      answer["duress_receipt"] = FormatReceipt(Receipt{receipt->duress_digits});
    // null when it could not be issued now: POST /api/v1/applicant/proof later.
    if (proof_asked) answer["proof"] = receipt->proof.empty() ? json() : json(receipt->proof);
    respond({201, "application/json", answer.dump(), {}});
  });
  crypto::WipeStackBelow();  // parsing and checking the body left copies of its fields in their
                             // frames
}

void StatusJson(app::IntakeService& intake, Request& request, Respond respond) {
  if (!HasMediaType(request, "application/json")) return respond(Unsupported("application/json"));
  auto receipt = ParseApplicantStatusJson(request.body);
  if (!receipt) return respond(JsonError(receipt.error()));
  intake.CheckStatus(*receipt, [respond](Result<app::ApplicantStatus> status) {
    if (!status) return respond(JsonError(status.error()));
    json messages = json::array();
    for (const auto& m : status->messages) {
      messages.push_back({{"written_on", FormatIsoDate(m.written_on)},
                          {"from", m.from_applicant ? "applicant" : "office"},
                          {"text", m.text}});
    }
    respond({200,
             "application/json",
             json{{"status", ToString(status->stage)},
                  {"received_on", FormatIsoDate(status->received_on)},
                  {"messages", messages}}
                 .dump(),
             {}});
  });
}

void ProofJson(app::IntakeService& intake, Request& request, Respond respond) {
  if (!HasMediaType(request, "application/json")) return respond(Unsupported("application/json"));
  auto receipt = ParseApplicantStatusJson(request.body);
  if (!receipt) return respond(JsonError(receipt.error()));
  intake.RequestProof(*receipt, [respond](Result<std::string> proof) {
    if (!proof) {
      Response r = JsonError(proof.error());
      if (proof.error().code == ErrorCode::kUnavailable) r.headers.emplace_back("Retry-After", "1");
      return respond(std::move(r));
    }
    respond({200, "application/json", json{{"proof", *proof}}.dump(), {}});
  });
}

// The first `limit` characters (code points) of UTF-8 `text`.
std::string FirstCharacters(const std::string& text, std::size_t limit) {
  std::size_t characters = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && characters++ == limit)
      return text.substr(0, i);
  }
  return text;
}

// A form over kMaxBodyBytes holds far more than the message may (ApplicationLimits): the
// form again, 413, in its language, saying how long a message may be, with the beginning of
// what was typed. (Past EdgeLimits::kBodyBytes the listener answers 413 before this.)
Response OversizedForm(const std::multimap<std::string, std::string>& form, Language language,
                       FormOffers offers) {
  using L = ApplicationLimits;
  auto parsed = DraftFromForm(form);
  ApplicationDraft kept = parsed ? std::move(*parsed) : ApplicationDraft{};
  kept.message = FirstCharacters(FormValue(form, "message"), L::kMessage);
  for (auto* text : {&kept.name, &kept.unit, &kept.location})
    *text = FirstCharacters(*text, L::kShortText);
  kept.rank = FirstCharacters(kept.rank, L::kRank);
  kept.contact_handle = FirstCharacters(kept.contact_handle, L::kHandle);
  // The banner says the limit in the page's language (public_pages.cpp's FixFor).
  const Error error{ErrorCode::kTooLarge, "the message is too long", "message"};
  return HtmlResponse(413, ApplicationFormPage(language, kept, &error, nullptr, offers));
}

void SubmitForm(app::IntakeService& intake, Request& request, Respond respond) {
  if (!HasMediaType(request, "application/x-www-form-urlencoded")) {
    return respond(Unsupported("an HTML form (application/x-www-form-urlencoded)"));
  }
  auto form = ParseForm(request.body);
  if (!form) return respond(JsonError(InvalidInput("the form data is malformed")));
  const Language language = LanguageOr(FormValue(*form, "language"));
  const FormOffers offer = OffersOf(intake);
  if (request.body.size() > kMaxBodyBytes) return respond(OversizedForm(*form, language, offer));
  auto draft = DraftFromForm(*form);
  if (!draft) {
    return respond(HtmlResponse(
        400, ApplicationFormPage(language, ApplicationDraft{}, &draft.error(), nullptr, offer)));
  }
  // Safe windows are read forgivingly (domain/safe_window.hpp): before anything is stored,
  // the person sees how theirs were read, in their language, and sends the form again to
  // confirm. Anything else wrong is reported first, as Submit would; what was checked here is
  // what is stored.
  auto valid = intake.Validate(*draft);
  if (!valid) {
    return respond(
        HtmlResponse(HttpStatusOf(valid.error().code),
                     ApplicationFormPage(language, *draft, &valid.error(), nullptr, offer)));
  }
  if (const auto& windows = valid->identifying.safe_windows; !windows.empty()) {
    WindowsReading reading;
    for (const auto& w : windows) {
      reading.described.push_back(DescribeSafeWindow(w, language));
      reading.canonical += (reading.canonical.empty() ? "" : "; ") + FormatSafeWindow(w);
    }
    if (FormValue(*form, "windows_read") != reading.canonical)
      return respond(
          HtmlResponse(200, ApplicationFormPage(language, *draft, nullptr, &reading, offer)));
  }
  auto shared_draft = std::make_shared<ApplicationDraft>(std::move(*draft));
  intake.SubmitValid(
      *valid, intake.Now(), [respond, language, shared_draft, offer](Result<Receipt> receipt) {
        if (!receipt) {
          const int status = HttpStatusOf(receipt.error().code);
          Response r = HtmlResponse(status, ApplicationFormPage(language, *shared_draft,
                                                                &receipt.error(), nullptr, offer));
          if (status == 503) r.headers.emplace_back("Retry-After", "1");
          return respond(std::move(r));
        }
        respond(EndOfFlow(HtmlResponse(200, ReceiptPage(language, *receipt, shared_draft->proof))));
      });
}

// Looks the receipt up and answers with the status page (`extras` says what happened to a
// message just written), or with the receipt form when it does not match.
void RespondWithStatus(app::IntakeService& intake, Language language, StatusPageExtras extras,
                       int http_status, Respond respond) {
  const std::string receipt = extras.receipt;
  extras.offer_proof = intake.IssuesProofs();
  intake.CheckStatus(receipt, [respond, language, extras = std::move(extras),
                               http_status](Result<app::ApplicantStatus> status) {
    if (!status) {
      const bool busy = status.error().code == ErrorCode::kUnavailable;
      Response r =
          HtmlResponse(HttpStatusOf(status.error().code),
                       StatusFormPage(language, busy ? Text::kBusy : Text::kStatusUnknown));
      if (busy) r.headers.emplace_back("Retry-After", "1");
      return respond(std::move(r));
    }
    respond(EndOfFlow(HtmlResponse(http_status, StatusPage(language, *status, extras))));
  });
}

void StatusForm(app::IntakeService& intake, Request& request, Respond respond) {
  if (!HasMediaType(request, "application/x-www-form-urlencoded")) {
    return respond(Unsupported("an HTML form (application/x-www-form-urlencoded)"));
  }
  auto form = ParseForm(request.body);
  if (!form) return respond(JsonError(InvalidInput("the form data is malformed")));
  RespondWithStatus(intake, LanguageOr(FormValue(*form, "language")),
                    {.receipt = FormValue(*form, "receipt")}, 200, std::move(respond));
}

void MessageForm(app::IntakeService& intake, Request& request, Respond respond) {
  if (!HasMediaType(request, "application/x-www-form-urlencoded")) {
    return respond(Unsupported("an HTML form (application/x-www-form-urlencoded)"));
  }
  auto form = ParseForm(request.body);
  if (!form) return respond(JsonError(InvalidInput("the form data is malformed")));
  const Language language = LanguageOr(FormValue(*form, "language"));
  std::string receipt = FormValue(*form, "receipt");
  std::string text = FormValue(*form, "text");
  intake.SendMessage(receipt, text, [&intake, respond, language, receipt, text](Status sent) {
    StatusPageExtras extras{.receipt = receipt};
    int http_status = 200;
    if (sent) {
      extras.notice = Text::kSent;
    } else if (sent.error().code == ErrorCode::kNotFound ||
               sent.error().code == ErrorCode::kUnavailable) {
      const bool busy = sent.error().code == ErrorCode::kUnavailable;
      Response r =
          HtmlResponse(HttpStatusOf(sent.error().code),
                       StatusFormPage(language, busy ? Text::kBusy : Text::kStatusUnknown));
      if (busy) r.headers.emplace_back("Retry-After", "1");
      return respond(std::move(r));
    } else {
      extras.notice = sent.error().code == ErrorCode::kRateLimited ? Text::kTooManyMessages
                                                                   : Text::kMessageInvalid;
      extras.unsent_text = text;
      http_status = HttpStatusOf(sent.error().code);
    }
    RespondWithStatus(intake, language, std::move(extras), http_status, respond);
  });
}

// The status page again, with the proof asked for, or the words that it is to be asked for
// later (a duress receipt gets those too, and the office no proof).
void ProofForm(app::IntakeService& intake, Request& request, Respond respond) {
  auto form = ParseForm(request.body);
  if (!form) return respond(JsonError(InvalidInput("the form data is malformed")));
  const Language language = LanguageOr(FormValue(*form, "language"));
  std::string receipt = FormValue(*form, "receipt");
  intake.RequestProof(receipt, [&intake, respond, language, receipt](Result<std::string> proof) {
    if (!proof && proof.error().code == ErrorCode::kNotFound)
      return respond(HtmlResponse(404, StatusFormPage(language, Text::kStatusUnknown)));
    StatusPageExtras extras{.receipt = receipt};
    if (proof)
      extras.proof = std::move(*proof);
    else
      extras.notice = Text::kProofLater;
    RespondWithStatus(intake, language, std::move(extras), 200, respond);
  });
}

void MessageJson(app::IntakeService& intake, Request& request, Respond respond) {
  if (!HasMediaType(request, "application/json")) return respond(Unsupported("application/json"));
  auto message = ParseApplicantMessageJson(request.body);
  if (!message) return respond(JsonError(message.error()));
  intake.SendMessage(message->receipt, message->text, [respond](Status sent) {
    if (!sent) return respond(JsonError(sent.error()));
    respond({201, "application/json", json{{"sent", true}}.dump(), {}});
  });
}

// Every page's forms and links post here, with `go` naming what to do, so that the address
// stays "/" (public_pages.hpp). An unknown `go` shows the application form.
void PostToRoot(app::IntakeService& intake, Request& request, Respond respond) {
  if (!HasMediaType(request, "application/x-www-form-urlencoded")) {
    return respond(Unsupported("an HTML form (application/x-www-form-urlencoded)"));
  }
  const auto form = ParseForm(request.body);
  const std::string go = form ? FormValue(*form, "go") : std::string();
  if (go == "apply") return SubmitForm(intake, request, std::move(respond));
  if (request.body.size() > kMaxBodyBytes)  // only the application's form may be that large
    return respond(JsonError(413, "too_large", "the form is too large"));
  if (!form) return respond(JsonError(InvalidInput("the form data is malformed")));
  if (go == "check") return StatusForm(intake, request, std::move(respond));
  if (go == "message") return MessageForm(intake, request, std::move(respond));
  if (go == "proof") return ProofForm(intake, request, std::move(respond));
  const Language language = LanguageOr(FormValue(*form, "language"));
  if (go == "status") return respond(HtmlResponse(200, StatusFormPage(language, std::nullopt)));
  if (go == "legal") return respond(HtmlResponse(200, LegalInformationPage(language)));
  respond(HtmlResponse(200, ApplicationFormPage(language, {}, nullptr, nullptr, OffersOf(intake))));
}

}  // namespace

void AddPublicRoutes(Router& router, app::IntakeService& intake) {
  router.Add("GET", "/", [&intake](Request& request, Respond respond) {
    Padded(respond)(HtmlResponse(200, ApplicationFormPage(LanguageOr(request.Query("lang")), {},
                                                          nullptr, nullptr, OffersOf(intake))));
  });
  router.AddTakingOversizedBodies("POST", "/", [&intake](Request& r, Respond respond) {
    PostToRoot(intake, r, Padded(std::move(respond)));
  });
  router.Add("GET", "/status", [](Request& request, Respond respond) {
    Padded(respond)(
        HtmlResponse(200, StatusFormPage(LanguageOr(request.Query("lang")), std::nullopt)));
  });
  router.Add("GET", "/legal", [](Request& request, Respond respond) {
    Padded(respond)(HtmlResponse(200, LegalInformationPage(LanguageOr(request.Query("lang")))));
  });
  router.Add("GET", "/static/style.css", [](Request&, Respond respond) {
    Response r{200, "text/css; charset=utf-8", std::string(StyleSheet()), {}};
    respond(std::move(r));
  });
  router.AddTakingOversizedBodies("POST", "/apply", [&intake](Request& r, Respond respond) {
    SubmitForm(intake, r, Padded(std::move(respond)));
  });
  router.Add("POST", "/status", [&intake](Request& r, Respond respond) {
    StatusForm(intake, r, Padded(std::move(respond)));
  });
  router.Add("POST", "/api/v1/applications", [&intake](Request& r, Respond respond) {
    SubmitJson(intake, r, Padded(std::move(respond)));
  });
  router.Add("POST", "/api/v1/applicant/status", [&intake](Request& r, Respond respond) {
    StatusJson(intake, r, Padded(std::move(respond)));
  });
  router.Add("POST", "/status/message", [&intake](Request& r, Respond respond) {
    MessageForm(intake, r, Padded(std::move(respond)));
  });
  router.Add("POST", "/api/v1/applicant/messages", [&intake](Request& r, Respond respond) {
    MessageJson(intake, r, Padded(std::move(respond)));
  });
  router.Add("POST", "/api/v1/applicant/proof", [&intake](Request& r, Respond respond) {
    ProofJson(intake, r, Padded(std::move(respond)));
  });
}

void AddProofLogRoute(Router& router, app::ProofIssuer& proofs) {
  router.Add("GET", "/api/v1/proofs/head", [&proofs](Request&, Respond respond) {
    auto newest = proofs.Newest();
    if (!newest) return respond(JsonError(newest.error()));
    const store::Blob32 head = *newest ? app::EntryHash(**newest) : store::Blob32{};
    respond({200,
             "application/json",
             json{{"office_key", crypto::ToHex(proofs.public_key().data(), 32)},
                  {"entries", *newest ? (*newest)->statement.entry : 0},
                  {"head", crypto::ToHex(head.data(), head.size())},
                  {"newest", *newest ? json(app::ProofLogLine(**newest)) : json()}}
                 .dump(),
             {}});
  });
}

}  // namespace lifeline::server
