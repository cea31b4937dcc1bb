#include "channels/http_client.hpp"

#include <curl/curl.h>

#include <memory>
#include <mutex>

namespace lifeline::channels {
namespace {

void InitialiseCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Collected {
  std::string body;
  std::size_t limit = 0;
  bool too_large = false;
};

std::size_t Collect(char* data, std::size_t size, std::size_t count, void* user) {
  auto* collected = static_cast<Collected*>(user);
  const std::size_t bytes = size * count;
  if (collected->body.size() + bytes > collected->limit) {
    collected->too_large = true;
    return 0;  // makes curl stop with CURLE_WRITE_ERROR
  }
  collected->body.append(data, bytes);
  return bytes;
}

struct CurlDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct HeaderListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

}  // namespace

Result<HttpReply> Fetch(const HttpCall& call) {
  if (call.method != "GET" && call.method != "POST") {
    return Error{ErrorCode::kInvalidInput, "an HTTP call out must be GET or POST", "method"};
  }
  InitialiseCurlOnce();
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return Error{ErrorCode::kInternal, "could not start an HTTP call"};
  CURL* handle = curl.get();

  Collected collected{.limit = call.max_response_bytes};
  curl_easy_setopt(handle, CURLOPT_URL, call.url.c_str());
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);  // thread-safe timeouts
  curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(call.timeout.count()));
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(call.timeout.count()));
  curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 0L);  // a gateway never redirects us
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, Collect);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &collected);
  if (!call.proxy.empty()) curl_easy_setopt(handle, CURLOPT_PROXY, call.proxy.c_str());

  std::unique_ptr<curl_slist, HeaderListDeleter> headers;
  auto add_header = [&headers](const std::string& line) {
    curl_slist* grown = curl_slist_append(headers.get(), line.c_str());
    if (grown) {
      (void)headers.release();
      headers.reset(grown);
    }
  };
  for (const auto& [name, value] : call.headers) add_header(name + ": " + value);
  if (call.method == "POST") {
    curl_easy_setopt(handle, CURLOPT_POST, 1L);
    curl_easy_setopt(handle, CURLOPT_POSTFIELDS, call.body.data());
    curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE, static_cast<long>(call.body.size()));
    if (!call.content_type.empty()) add_header("Content-Type: " + call.content_type);
    add_header("Expect:");  // no 100-continue round trip
  }
  if (headers) curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers.get());

  const CURLcode code = curl_easy_perform(handle);
  if (collected.too_large) return Error{ErrorCode::kTooLarge, "the gateway's answer is too large"};
  if (code != CURLE_OK) {
    // curl_easy_strerror names the failure without the URL.
    return Error{ErrorCode::kUnavailable,
                 std::string("the gateway could not be reached: ") + curl_easy_strerror(code)};
  }
  HttpReply reply;
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &reply.status);
  reply.body = std::move(collected.body);
  return reply;
}

std::string UrlEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() * 3);
  for (const unsigned char c : text) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0x0F];
    }
  }
  return out;
}

}  // namespace lifeline::channels
