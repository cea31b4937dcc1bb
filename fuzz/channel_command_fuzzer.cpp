// What a person sends by SMS or Telegram (domain/channels/channel_command.hpp): any valid
// UTF-8 text is a command or a message; a status request carries a 16-digit receipt or says
// that what followed was not one.

#include "domain/channels/channel_command.hpp"
#include "domain/utf8.hpp"
#include "fuzz_check.hpp"

using namespace lifeline;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::AsText(data, size);
  if (!IsValidUtf8(text)) return 0;  // the channels check this first (kannel_inbound, bot_api)
  const auto command = channels::ParseChannelCommand(text);
  if (command.kind != channels::CommandKind::kStatus) {
    FUZZ_CHECK(!command.receipt && !command.receipt_malformed);
  }
  if (command.receipt) {
    FUZZ_CHECK(!command.receipt_malformed && command.receipt->digits.size() == kReceiptDigits);
  }
  FUZZ_CHECK(command.language.empty() || command.language == "ru" || command.language == "uk" ||
             command.language == "be" || command.language == "en");
  return 0;
}
