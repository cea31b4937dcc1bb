// The cookies and headers the server reads itself: the session cookie (Request::Cookie),
// Content-Type (HasMediaType), and the Telegram webhook's secret header (SecretMatches).
// A cookie's value is always a piece of the Cookie header that follows "name=".

#include <fuzzer/FuzzedDataProvider.h>

#include "channels/telegram/bot_api.hpp"
#include "fuzz_check.hpp"
#include "server/http.hpp"

using namespace lifeline;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  server::Request request;
  const std::string name = in.ConsumeRandomLengthString(16);
  const std::string secret = in.ConsumeRandomLengthString(64);
  request.headers["content-type"] = in.ConsumeRandomLengthString(64);
  request.headers["x-telegram-bot-api-secret-token"] = in.ConsumeRandomLengthString(300);
  request.headers["cookie"] = in.ConsumeRemainingBytesAsString();
  const std::string& header = request.headers["cookie"];

  const std::string value = request.Cookie(name);
  if (!value.empty()) FUZZ_CHECK(header.find(name + "=" + value) != std::string::npos);
  const std::string session = request.Cookie("lifeline_session");
  if (!session.empty()) FUZZ_CHECK(header.find("lifeline_session=" + session) != std::string::npos);

  const bool json = server::HasMediaType(request, "application/json");
  const bool form = server::HasMediaType(request, "application/x-www-form-urlencoded");
  FUZZ_CHECK(!(json && form));
  if (json) FUZZ_CHECK(request.Header("content-type").size() >= 16);

  const std::string given = request.Header("x-telegram-bot-api-secret-token");
  FUZZ_CHECK(channels::telegram::SecretMatches(secret, given) ==
             (!secret.empty() && secret == given));
  if (channels::telegram::IsValidSecretToken(given)) {
    FUZZ_CHECK(!given.empty() && given.size() <= 256 &&
               given.find_first_of(" \r\n\t;,") == std::string::npos);
  }
  return 0;
}
