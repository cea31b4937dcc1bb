// An inbound SMS as Kannel's smsbox hands it over (channels/sms/kannel_inbound.hpp): the
// query string of its get-url call, decoded and read. What is taken in is non-empty, valid
// UTF-8; a UCS-2 text that decodes encodes back to the same bytes.

#include <string>

#include "channels/sms/kannel_inbound.hpp"
#include "domain/utf8.hpp"
#include "fuzz_check.hpp"
#include "server/http.hpp"

using namespace lifeline;

namespace {

std::string ToUtf16Be(const std::u32string& code_points) {
  std::string out;
  auto unit = [&out](char32_t u) {
    out += static_cast<char>(u >> 8);
    out += static_cast<char>(u & 0xFF);
  };
  for (const char32_t c : code_points) {
    if (c < 0x10000) {
      unit(c);
    } else {
      unit(0xD800 + ((c - 0x10000) >> 10));
      unit(0xDC00 + ((c - 0x10000) & 0x3FF));
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::AsText(data, size);
  if (auto utf8 = channels::sms::Utf16BeToUtf8(text)) {
    FUZZ_CHECK(IsValidUtf8(*utf8));
    FUZZ_CHECK(ToUtf16Be(DecodeUtf8(*utf8)) == text);
  }
  auto query = server::ParseForm(text);
  if (!query) return 0;
  auto inbound = channels::sms::ParseKannelInbound(*query);
  if (!inbound) {
    const std::string& field = inbound.error().field;
    FUZZ_CHECK(field == "from" || field == "id" || field == "text" || field == "coding" ||
               field == "charset");
    return 0;
  }
  FUZZ_CHECK(!inbound->sender.empty() && !inbound->message_id.empty() && !inbound->text.empty());
  FUZZ_CHECK(IsValidUtf8(inbound->text));
  return 0;
}
