// Receipts as a person types them (web form, status API, SMS and Telegram commands): a
// receipt that parses is 16 digits, and its printed form parses back to it.

#include "domain/receipt.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto receipt = lifeline::ParseReceipt(lifeline::fuzz::AsText(data, size));
  if (!receipt) return 0;
  FUZZ_CHECK(receipt->digits.size() == lifeline::kReceiptDigits);
  FUZZ_CHECK(receipt->digits.find_first_not_of("0123456789") == std::string::npos);
  auto again = lifeline::ParseReceipt(lifeline::FormatReceipt(*receipt));
  FUZZ_CHECK(again && again->digits == receipt->digits);
  return 0;
}
