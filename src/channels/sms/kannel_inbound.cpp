#include "channels/sms/kannel_inbound.hpp"

#include <algorithm>
#include <cctype>

#include "domain/utf8.hpp"

namespace lifeline::channels::sms {
namespace {

std::string Field(const std::multimap<std::string, std::string>& query, const std::string& name) {
  auto found = query.find(name);
  return found == query.end() ? std::string() : found->second;
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return text;
}

void AppendUtf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

}  // namespace

std::optional<std::string> Utf16BeToUtf8(std::string_view bytes) {
  if (bytes.size() % 2 != 0) return std::nullopt;
  std::string out;
  out.reserve(bytes.size() * 3 / 2);
  for (std::size_t i = 0; i < bytes.size(); i += 2) {
    char32_t unit =
        (static_cast<unsigned char>(bytes[i]) << 8) | static_cast<unsigned char>(bytes[i + 1]);
    if (unit >= 0xDC00 && unit <= 0xDFFF) return std::nullopt;  // a low surrogate first
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      if (i + 3 >= bytes.size()) return std::nullopt;
      const char32_t low = (static_cast<unsigned char>(bytes[i + 2]) << 8) |
                           static_cast<unsigned char>(bytes[i + 3]);
      if (low < 0xDC00 || low > 0xDFFF) return std::nullopt;
      unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
      i += 2;
    }
    AppendUtf8(out, unit);
  }
  return out;
}

Result<KannelInbound> ParseKannelInbound(const std::multimap<std::string, std::string>& query) {
  KannelInbound in;
  in.sender = Field(query, "from");
  if (in.sender.empty()) return InvalidInput("from (the sender, %p) is missing", "from");
  in.message_id = Field(query, "id");
  if (in.message_id.empty()) return InvalidInput("id (Kannel's message id, %I) is missing", "id");
  const std::string raw = Field(query, "text");
  if (raw.size() > kMaxInboundTextBytes) {
    return Error{ErrorCode::kTooLarge, "the text is longer than lifeline takes in", "text"};
  }
  const std::string coding = Field(query, "coding");
  if (coding == "1") return InvalidInput("binary (8-bit data) messages are not taken in", "coding");
  if (!coding.empty() && coding != "0" && coding != "2")
    return InvalidInput("coding must be 0, 1 or 2 (%c)", "coding");
  const std::string charset = Lower(Field(query, "charset"));
  if (charset == "utf-16be" || charset == "ucs-2" || charset == "ucs-2be" || charset == "utf-16") {
    auto decoded = Utf16BeToUtf8(raw);
    if (!decoded) return InvalidInput("the text is not valid UTF-16", "text");
    in.text = std::move(*decoded);
  } else if (charset.empty() || charset == "utf-8" || charset == "utf8") {
    if (coding == "2") return InvalidInput("a UCS-2 message needs its charset (%C)", "charset");
    if (!IsValidUtf8(raw)) return InvalidInput("the text is not valid UTF-8", "text");
    in.text = raw;
  } else {
    return InvalidInput("charset must be UTF-8 or UTF-16BE (%C)", "charset");
  }
  if (in.text.empty()) return InvalidInput("the text is empty", "text");
  return in;
}

}  // namespace lifeline::channels::sms
