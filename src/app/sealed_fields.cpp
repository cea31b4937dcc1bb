#include "app/sealed_fields.hpp"

#include <nlohmann/json.hpp>

#include "crypto/stack_wipe.hpp"
#include "domain/contact_window.hpp"

namespace lifeline::app {

crypto::SecretBytes EncodeSealedFields(const IdentifyingFields& f, std::int64_t received_at) {
  nlohmann::json windows = nlohmann::json::array();
  for (const auto& w : f.safe_windows) windows.push_back(FormatSafeWindow(w));
  const nlohmann::json doc = {
      {"v", 1},
      {"name", f.name},
      {"unit", f.unit},
      {"rank", f.rank},
      {"location", f.location},
      {"contact_handle", f.contact_handle},
      {"safe_windows", windows},
      {"utc_offset_minutes", f.utc_offset_minutes},
      {"message", f.message},
      {"received_at", received_at},
  };
  std::string text = doc.dump();
  crypto::WipeStackBelow();  // the serializer's stack buffer held the fields
  // Pad with spaces (valid trailing JSON whitespace) up to the next block.
  text.resize((text.size() / kPadBlock + 1) * kPadBlock, ' ');
  crypto::SecretBytes out(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
  std::fill(text.begin(), text.end(), '\0');
  return out;
}

crypto::SealedRecord SealStandaloneRecord(const crypto::OfficePublicKey& office, std::string& json,
                                          std::string_view associated) {
  json.resize((json.size() / kPadBlock + 1) * kPadBlock, ' ');
  crypto::IntakeSealer sealer(office, std::chrono::milliseconds(0), 1);
  crypto::SealedRecord sealed = sealer.Seal(json, associated);
  std::fill(json.begin(), json.end(), '\0');
  return sealed;
}

Result<OpenedFields> DecodeSealedFields(const crypto::SecretBytes& plaintext) {
  const auto doc = nlohmann::json::parse(plaintext.view(), nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object() || doc.value("v", 0) != 1) {
    return Error{ErrorCode::kInternal, "a sealed record has an unknown layout"};
  }
  try {
    OpenedFields out;
    out.fields.name = doc.at("name").get<std::string>();
    out.fields.unit = doc.at("unit").get<std::string>();
    out.fields.rank = doc.at("rank").get<std::string>();
    out.fields.location = doc.at("location").get<std::string>();
    out.fields.contact_handle = doc.at("contact_handle").get<std::string>();
    out.fields.message = doc.at("message").get<std::string>();
    for (const auto& w : doc.at("safe_windows")) {
      if (auto window = ParseSafeWindow(w.get<std::string>()))
        out.fields.safe_windows.push_back(*window);
    }
    out.fields.utc_offset_minutes = doc.value("utc_offset_minutes", kDefaultUtcOffsetMinutes);
    out.received_at = doc.at("received_at").get<std::int64_t>();
    return out;
  } catch (const nlohmann::json::exception&) {
    return Error{ErrorCode::kInternal, "a sealed record has an unknown layout"};
  }
}

}  // namespace lifeline::app
