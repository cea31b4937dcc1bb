#include "server/intake/public_pages.hpp"

#include <fmt/format.h>

#include <optional>

#include "server/http.hpp"
#include "server/i18n.hpp"
#include "server/page.hpp"

namespace lifeline::server {

std::string LanguageNav(Language current, std::string_view page) {
  // One form: each other language is a button carrying its code, so that switching keeps the
  // address "/" (GoButton's reason).
  std::string out = fmt::format(
      "<nav><form method=\"post\" action=\"/\" class=\"go\" autocomplete=\"off\">"
      "<input type=\"hidden\" name=\"go\" value=\"{}\">",
      page);
  for (auto [lang, label] :
       {std::pair{Language::kRu, "Русский"}, std::pair{Language::kBe, "Беларуская"},
        std::pair{Language::kUk, "Українська"}, std::pair{Language::kEn, "English"}}) {
    if (lang == current) {
      out += fmt::format("<strong>{}</strong> ", label);
    } else {
      // Each name in its own language, marked so (screen readers read it right, and the
      // language test knows it belongs to no page's language).
      out += fmt::format(
          "<button type=\"submit\" class=\"link\" name=\"language\" value=\"{0}\" "
          "lang=\"{0}\">{1}</button> ",
          ToString(lang), label);
    }
  }
  return out + "</form></nav>";
}

std::string GoButton(Language language, std::string_view go, std::string_view label,
                     std::string_view id) {
  return fmt::format(
      "<form method=\"post\" action=\"/\" class=\"go\" autocomplete=\"off\">"
      "<input type=\"hidden\" name=\"go\" value=\"{}\">"
      "<input type=\"hidden\" name=\"language\" value=\"{}\">"
      "<button type=\"submit\" class=\"link\"{}>{}</button></form>",
      go, ToString(language), id.empty() ? std::string() : fmt::format(" id=\"{}\"", id),
      HtmlEscape(label));
}

namespace {

std::string Options(Language l, const std::string& selected,
                    std::initializer_list<std::pair<std::string_view, Text>> options) {
  std::string out;
  for (const auto& [value, text] : options) {
    out += fmt::format("<option value=\"{}\"{}>{}</option>", value,
                       value == selected ? " selected" : "", HtmlEscape(Tr(l, text)));
  }
  return out;
}

// Moscow time and the zones either side of it where applicants live, as offsets (no place
// names: the choice is sealed anyway, but the page need not suggest any).
std::string TimeZoneOptions(Language l, const std::string& selected) {
  std::string out;
  const std::string chosen = selected.empty() ? "+03:00" : selected;
  const std::string_view moscow = l == Language::kEn ? "MSK" : "МСК";
  for (int hours = 2; hours <= 12; ++hours) {
    const std::string value = fmt::format("+{:02}:00", hours);
    const std::string label = hours == 3 ? fmt::format("UTC+03:00 ({})", moscow)
                                         : fmt::format("UTC{} ({}{:+})", value, moscow, hours - 3);
    out += fmt::format("<option value=\"{}\"{}>{}</option>", value,
                       value == chosen ? " selected" : "", label);
  }
  return out;
}

// A text field, its label saying whether it is needed (`need`: optional unless told).
std::string TextInput(Language l, std::string_view name, Text label, const std::string& value,
                      std::size_t max_chars, std::string_view extra = "",
                      Text need = Text::kOptional) {
  return fmt::format(
      "<label for=\"{0}\">{1} <span class=\"hint\">({2})</span></label>"
      "<input id=\"{0}\" name=\"{0}\" value=\"{3}\" maxlength=\"{4}\" autocomplete=\"off\"{5}>",
      name, HtmlEscape(Tr(l, label)), HtmlEscape(Tr(l, need)), HtmlEscape(value), max_chars, extra);
}

std::string Join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

// The form label of the field an error names, so the message speaks the page's language.
std::optional<Text> FieldLabel(std::string_view field) {
  static constexpr std::pair<std::string_view, Text> kLabels[] = {
      {"situation", Text::kSituationLabel},
      {"group.kind", Text::kGroupLabel},
      {"group.size", Text::kGroupSizeLabel},
      {"deploy_by", Text::kDeployByLabel},
      {"contact.channel", Text::kChannelLabel},
      {"contact.handle", Text::kHandleLabel},
      {"contact.safe_windows", Text::kWindowsLabel},
      {"contact.utc_offset", Text::kTimeZoneLabel},
      {"name", Text::kNameLabel},
      {"unit", Text::kUnitLabel},
      {"rank", Text::kRankLabel},
      {"location", Text::kLocationLabel},
      {"message", Text::kMessageLabel},
  };
  for (const auto& [name, text] : kLabels) {
    if (name == field) return text;
  }
  return std::nullopt;
}

// How to put a refused field right, in the page's language: never the validation rules'
// English detail (error.message), whatever the field.
std::string FixFor(Language l, const Error& error) {
  const std::string_view field = error.field;
  // A form too large to read whole (public_routes.cpp's OversizedForm): the message's limit.
  if (error.code == ErrorCode::kTooLarge && field == "message")
    return fmt::format(fmt::runtime(Tr(l, Text::kMessageTooLong)), ApplicationLimits::kMessage);
  if (field == "contact.safe_windows") return std::string(Tr(l, Text::kWindowsFix));
  if (field == "contact.handle") return std::string(Tr(l, Text::kHandleFix));
  if (field == "deploy_by") return std::string(Tr(l, Text::kDeployByFix));
  if (field == "group.size") {
    return fmt::format(fmt::runtime(Tr(l, Text::kGroupSizeFix)), ApplicationLimits::kMaxWithOthers,
                       ApplicationLimits::kMaxUnit);
  }
  if (field == "situation" || field == "group.kind" || field == "contact.channel" ||
      field == "contact.utc_offset" || field == "language") {
    return std::string(Tr(l, Text::kChoiceFix));
  }
  if (field == "name" || field == "unit" || field == "rank" || field == "location" ||
      field == "message") {
    return std::string(Tr(l, Text::kTextFix));
  }
  return std::string(Tr(l, Text::kErrorFix));
}

std::string ErrorBanner(Language l, const Error& error) {
  if (error.code == ErrorCode::kUnavailable) {
    return fmt::format("<p class=\"error\" role=\"alert\">{}</p>", HtmlEscape(Tr(l, Text::kBusy)));
  }
  const auto label = FieldLabel(error.field);
  const std::string field = label ? fmt::format(" «{}»", Tr(l, *label)) : std::string();
  return fmt::format("<p class=\"error\" role=\"alert\">{}{}. {}</p>",
                     HtmlEscape(Tr(l, Text::kErrorTitle)), HtmlEscape(field),
                     HtmlEscape(FixFor(l, error)));
}

Text StatusText(ApplicantStage stage) {
  switch (stage) {
    case ApplicantStage::kReceived:
      return Text::kStatusNew;
    case ApplicantStage::kInProgress:
      return Text::kStatusInProgress;
    case ApplicantStage::kClosed:
      return Text::kStatusClosed;
  }
  return Text::kStatusNew;
}

}  // namespace

FormOffers OffersOf(const app::IntakeService& intake) {
  return {.duress = intake.IssuesDuressReceipts(), .proof = intake.IssuesProofs()};
}

std::string ApplicationFormPage(Language l, const ApplicationDraft& d, const Error* error,
                                const WindowsReading* reading, FormOffers offers) {
  using L = ApplicationLimits;
  const std::string lang(ToString(l));
  std::string body = LanguageNav(l, "form");
  body +=
      fmt::format("<h1>{}</h1><p>{}</p><p class=\"hint\">{}</p>", HtmlEscape(Tr(l, Text::kTitle)),
                  HtmlEscape(Tr(l, Text::kIntro)), HtmlEscape(Tr(l, Text::kSafetyNote)));
  if (error) body += ErrorBanner(l, *error);
  body += fmt::format(
      "<form method=\"post\" action=\"/\" accept-charset=\"utf-8\" autocomplete=\"off\">"
      "<input type=\"hidden\" name=\"go\" value=\"apply\">"
      "<input type=\"hidden\" name=\"language\" value=\"{}\">",
      lang);
  body += fmt::format(
      "<label for=\"situation\">{}</label><select id=\"situation\" name=\"situation\" "
      "required>{}</select>",
      HtmlEscape(Tr(l, Text::kSituationLabel)),
      Options(l, d.situation,
              {{"serving", Text::kSituationServing},
               {"expecting_mobilization", Text::kSituationExpecting},
               {"mobilized_training", Text::kSituationTraining},
               {"at_front", Text::kSituationFront},
               {"relative", Text::kSituationRelative}}));
  body += fmt::format(
      "<label for=\"group_kind\">{}</label><select id=\"group_kind\" "
      "name=\"group_kind\">{}</select>",
      HtmlEscape(Tr(l, Text::kGroupLabel)),
      Options(l, d.group_kind,
              {{"alone", Text::kGroupAlone},
               {"with_others", Text::kGroupWithOthers},
               {"unit", Text::kGroupUnit}}));
  body += TextInput(l, "group_size", Text::kGroupSizeLabel,
                    d.group_size ? std::to_string(*d.group_size) : "", 6, " inputmode=\"numeric\"");
  body += TextInput(l, "deploy_by", Text::kDeployByLabel, d.deploy_by, 10,
                    fmt::format(" placeholder=\"{}\"", HtmlEscape(Tr(l, Text::kDeployByHint))));
  body += fmt::format(
      "<label for=\"contact_channel\">{}</label><select id=\"contact_channel\" "
      "name=\"contact_channel\" required>{}</select>",
      HtmlEscape(Tr(l, Text::kChannelLabel)),
      Options(l, d.contact_channel,
              {{"signal", Text::kChannelSignal},
               {"telegram", Text::kChannelTelegram},
               {"phone", Text::kChannelPhone},
               {"sms", Text::kChannelSms},
               {"none", Text::kChannelNone}}));
  body += TextInput(l, "contact_handle", Text::kHandleLabel, d.contact_handle, L::kHandle, "",
                    Text::kHandleNeeded);
  body += TextInput(l, "safe_windows", Text::kWindowsLabel, Join(d.safe_windows, "; "), 200,
                    fmt::format(" placeholder=\"{}\"", HtmlEscape(Tr(l, Text::kWindowsHint))));
  if (reading) {
    body += fmt::format(
        "<p class=\"notice\" id=\"windows-read\" role=\"status\">{}: <strong>{}</strong> ({}). "
        "{}</p><input type=\"hidden\" name=\"windows_read\" value=\"{}\">",
        HtmlEscape(Tr(l, Text::kWindowsReadAs)), HtmlEscape(Join(reading->described, "; ")),
        HtmlEscape(Tr(l, Text::kWindowsYourTime)), HtmlEscape(Tr(l, Text::kWindowsConfirm)),
        HtmlEscape(reading->canonical));
  }
  body += fmt::format(
      "<label for=\"utc_offset\">{}</label><select id=\"utc_offset\" "
      "name=\"utc_offset\">{}</select>",
      HtmlEscape(Tr(l, Text::kTimeZoneLabel)), TimeZoneOptions(l, d.utc_offset));
  body += TextInput(l, "name", Text::kNameLabel, d.name, L::kShortText);
  body += TextInput(l, "rank", Text::kRankLabel, d.rank, L::kRank);
  body += TextInput(l, "unit", Text::kUnitLabel, d.unit, L::kShortText);
  body += TextInput(l, "location", Text::kLocationLabel, d.location, L::kShortText);
  body += fmt::format(
      "<label for=\"message\">{} <span class=\"hint\">({})</span></label>"
      "<textarea id=\"message\" name=\"message\" maxlength=\"{}\">{}</textarea>",
      HtmlEscape(Tr(l, Text::kMessageLabel)), HtmlEscape(Tr(l, Text::kOptional)), L::kMessage,
      HtmlEscape(d.message));
  const auto checkbox = [&](std::string_view name, bool checked, Text label, Text hint) {
    body += fmt::format(
        "<label><input type=\"checkbox\" id=\"{0}\" name=\"{0}\" value=\"yes\"{1}> "
        "{2}</label><p class=\"hint\">{3}</p>",
        name, checked ? " checked" : "", HtmlEscape(Tr(l, label)), HtmlEscape(Tr(l, hint)));
  };
  if (offers.duress)
    checkbox("duress_receipt", d.duress_receipt, Text::kDuressLabel, Text::kDuressHint);
  if (offers.proof) checkbox("proof", d.proof, Text::kProofLabel, Text::kProofHint);
  body +=
      fmt::format("<button type=\"submit\">{}</button></form>", HtmlEscape(Tr(l, Text::kSubmit)));
  body += "<p>" + GoButton(l, "status", Tr(l, Text::kCheckStatusLink)) + "</p>";
  body += "<p>" + GoButton(l, "legal", Tr(l, Text::kLegalInformationLink), "legal-link") + "</p>";
  return HtmlPage(lang, Tr(l, Text::kTitle), body);
}

namespace {

// The proof of application as the person copies it, or that it is to be asked for later.
std::string ProofBlock(Language l, const std::string& proof) {
  if (proof.empty())
    return fmt::format("<p class=\"error\" role=\"alert\" id=\"proof-later\">{}</p>",
                       HtmlEscape(Tr(l, Text::kProofLater)));
  return fmt::format("<p>{}</p><pre class=\"proof\" id=\"proof\">{}</pre>",
                     HtmlEscape(Tr(l, Text::kProofIntro)), HtmlEscape(proof));
}

}  // namespace

std::string ReceiptPage(Language l, const Receipt& receipt, bool proof_asked) {
  const std::string lang(ToString(l));
  const std::string body = fmt::format(
      "<h1>{}</h1><p>{}</p><p class=\"receipt\" id=\"receipt\">{}</p><p>{}</p>"
      "{}{}<p class=\"notice\" id=\"no-trace\">{}</p><p>{}</p>",
      HtmlEscape(Tr(l, Text::kReceiptTitle)), HtmlEscape(Tr(l, Text::kReceiptIntro)),
      HtmlEscape(FormatReceipt(receipt)), HtmlEscape(Tr(l, Text::kReceiptKeep)),
      receipt.duress_digits.empty()
          ? std::string()
          : fmt::format("<p>{}</p><p class=\"receipt\" id=\"duress-receipt\">{}</p>",
                        HtmlEscape(Tr(l, Text::kDuressReceiptIntro)),
                        HtmlEscape(FormatReceipt(Receipt{receipt.duress_digits}))),
      proof_asked ? ProofBlock(l, receipt.proof) : std::string(),
      HtmlEscape(Tr(l, Text::kLeaveNoTrace)), GoButton(l, "status", Tr(l, Text::kCheckStatusLink)));
  return HtmlPage(lang, Tr(l, Text::kReceiptTitle), body);
}

std::string StatusFormPage(Language l, std::optional<Text> alert) {
  const std::string lang(ToString(l));
  std::string body = LanguageNav(l, "status");
  body += fmt::format("<h1>{}</h1><p>{}</p>", HtmlEscape(Tr(l, Text::kStatusTitle)),
                      HtmlEscape(Tr(l, Text::kStatusIntro)));
  if (alert)
    body += fmt::format("<p class=\"error\" role=\"alert\">{}</p>", HtmlEscape(Tr(l, *alert)));
  body += fmt::format(
      "<form method=\"post\" action=\"/\" autocomplete=\"off\">"
      "<input type=\"hidden\" name=\"go\" value=\"check\">"
      "<input type=\"hidden\" name=\"language\" value=\"{0}\">"
      "<label for=\"receipt\">{1}</label><input id=\"receipt\" name=\"receipt\" "
      "inputmode=\"numeric\" "
      "autocomplete=\"off\" maxlength=\"40\" required><button type=\"submit\">{2}</button></form>"
      "<p>{3}</p>",
      lang, HtmlEscape(Tr(l, Text::kReceiptLabel)), HtmlEscape(Tr(l, Text::kStatusSubmit)),
      GoButton(l, "form", Tr(l, Text::kNewApplicationLink)));
  return HtmlPage(lang, Tr(l, Text::kStatusTitle), body);
}

std::string StatusPage(Language l, const app::ApplicantStatus& status,
                       const StatusPageExtras& extras) {
  const std::string lang(ToString(l));
  std::string body = fmt::format(
      "<h1>{}</h1><dl><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd id=\"status\">{}</dd></dl><h2>{}</h2>",
      HtmlEscape(Tr(l, Text::kStatusTitle)), HtmlEscape(Tr(l, Text::kStatusReceivedOn)),
      FormatIsoDate(status.received_on), HtmlEscape(Tr(l, Text::kStatusState)),
      HtmlEscape(Tr(l, StatusText(status.stage))), HtmlEscape(Tr(l, Text::kMessagesTitle)));
  if (status.messages.empty())
    body += fmt::format("<p>{}</p>", HtmlEscape(Tr(l, Text::kNoMessages)));
  for (const auto& m : status.messages) {
    body += fmt::format("<article class=\"{}\"><p class=\"hint\">{} · {}</p><p>{}</p></article>",
                        m.from_applicant ? "own-message" : "reply", FormatIsoDate(m.written_on),
                        HtmlEscape(Tr(l, m.from_applicant ? Text::kFromYou : Text::kFromOperator)),
                        HtmlEscape(m.text));
  }
  if (extras.notice == Text::kProofLater || !extras.proof.empty())
    body += ProofBlock(l, extras.proof);
  else if (extras.notice) {
    const bool ok = *extras.notice == Text::kSent;
    body += fmt::format("<p class=\"{}\" role=\"{}\">{}</p>", ok ? "notice" : "error",
                        ok ? "status" : "alert", HtmlEscape(Tr(l, *extras.notice)));
  }
  // The receipt travels back in a hidden field so that writing needs no script and no
  // cookie; the page is never cached (Cache-Control: no-store).
  body += fmt::format(
      "<form method=\"post\" action=\"/\" autocomplete=\"off\">"
      "<input type=\"hidden\" name=\"go\" value=\"message\">"
      "<input type=\"hidden\" name=\"language\" value=\"{}\">"
      "<input type=\"hidden\" name=\"receipt\" value=\"{}\"><label for=\"text\">{}</label>"
      "<p class=\"hint\">{}</p><textarea id=\"text\" name=\"text\" maxlength=\"2000\" "
      "required>{}</textarea>"
      "<button type=\"submit\">{}</button></form>",
      lang, HtmlEscape(extras.receipt), HtmlEscape(Tr(l, Text::kWriteLabel)),
      HtmlEscape(Tr(l, Text::kWriteHint)), HtmlEscape(extras.unsent_text),
      HtmlEscape(Tr(l, Text::kSend)));
  // The same button for every receipt, a duress one too (which is never given a proof).
  if (extras.offer_proof) {
    body += fmt::format(
        "<form method=\"post\" action=\"/\" autocomplete=\"off\">"
        "<input type=\"hidden\" name=\"go\" value=\"proof\">"
        "<input type=\"hidden\" name=\"language\" value=\"{}\">"
        "<input type=\"hidden\" name=\"receipt\" value=\"{}\"><p class=\"hint\">{}</p>"
        "<button type=\"submit\" id=\"ask-proof\">{}</button></form>",
        lang, HtmlEscape(extras.receipt), HtmlEscape(Tr(l, Text::kProofHint)),
        HtmlEscape(Tr(l, Text::kProofButton)));
  }
  body += "<p>" + GoButton(l, "status", Tr(l, Text::kCheckStatusLink)) + "</p>";
  return HtmlPage(lang, Tr(l, Text::kStatusTitle), body);
}

}  // namespace lifeline::server
