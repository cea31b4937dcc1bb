// POST /api/v1/applicant/status and /api/v1/applicant/messages: any body gives the receipt
// (and text) or a 400 naming the field, never a crash; what is read re-serialises to the same.

#include <nlohmann/json.hpp>

#include "fuzz_check.hpp"
#include "server/intake/application_json.hpp"

using nlohmann::json;
using namespace lifeline::server;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body = lifeline::fuzz::AsText(data, size);
  if (auto receipt = ParseApplicantStatusJson(body)) {
    auto again = ParseApplicantStatusJson(json{{"receipt", *receipt}}.dump());
    FUZZ_CHECK(again && *again == *receipt);
  } else {
    FUZZ_CHECK(receipt.error().field == "receipt");
  }
  if (auto message = ParseApplicantMessageJson(body)) {
    auto again = ParseApplicantMessageJson(
        json{{"receipt", message->receipt}, {"text", message->text}}.dump());
    FUZZ_CHECK(again && again->receipt == message->receipt && again->text == message->text);
  } else {
    FUZZ_CHECK(message.error().field == "receipt" || message.error().field == "text");
  }
  return 0;
}
