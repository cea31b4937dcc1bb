#include "server/http.hpp"

#include <cctype>
#include <chrono>
#include <nlohmann/json.hpp>

#include "server/console_text.hpp"
#include "server/metrics.hpp"

namespace lifeline::server {
namespace {

std::vector<std::string> Split(std::string_view path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    const auto slash = path.find('/', start);
    const auto end = slash == std::string_view::npos ? path.size() : slash;
    if (end > start) parts.emplace_back(path.substr(start, end - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return parts;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> UrlDecode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%') {
      if (i + 2 >= s.size()) return std::nullopt;
      const int hi = HexValue(s[i + 1]), lo = HexValue(s[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

std::string Request::Header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? std::string() : it->second;
}

std::string Request::Query(const std::string& name) const {
  auto it = query.find(name);
  return it == query.end() ? std::string() : it->second;
}

std::string Request::Cookie(std::string_view name) const {
  const std::string header = Header("cookie");
  std::string_view rest = header;
  while (!rest.empty()) {
    const auto semi = rest.find(';');
    std::string_view item = rest.substr(0, semi);
    rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    const auto eq = item.find('=');
    if (eq != std::string_view::npos && item.substr(0, eq) == name) {
      return std::string(item.substr(eq + 1));
    }
  }
  return {};
}

void Router::Add(std::string method, std::string pattern, Handler handler) {
  routes_.push_back({std::move(method), Split(pattern), std::move(handler)});
}

void Router::AddTakingOversizedBodies(std::string method, std::string pattern, Handler handler) {
  routes_.push_back({std::move(method), Split(pattern), std::move(handler), true});
}

void Router::Dispatch(Request& request, Respond respond) const {
  // Russian until the request authenticates as an account that reads another language.
  const console::LanguageScope request_language(Language::kRu);
  if (metrics_) {
    respond = [metrics = metrics_, start = std::chrono::steady_clock::now(),
               inner = std::move(respond)](Response r) {
      metrics->RecordResponse(
          r.status,
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
      inner(std::move(r));
    };
  }
  const auto segments = Split(request.path);
  bool path_matched = false;
  for (const auto& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    std::map<std::string, std::string> params;
    bool match = true;
    for (std::size_t i = 0; i < segments.size() && match; ++i) {
      const auto& p = route.segments[i];
      if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
        params[p.substr(1, p.size() - 2)] = segments[i];
      } else {
        match = p == segments[i];
      }
    }
    if (!match) continue;
    path_matched = true;
    const bool head_as_get = request.method == "HEAD" && route.method == "GET";
    if (route.method != request.method && !head_as_get) continue;
    if (request.body.size() > kMaxBodyBytes && !route.takes_oversized_bodies) {
      respond(JsonError(
          413, "too_large",
          "the request body is larger than " + std::to_string(kMaxBodyBytes / 1024) + " KiB"));
      return;
    }
    request.params = std::move(params);
    route.handler(request, std::move(respond));
    return;
  }
  if (path_matched) {
    respond(JsonError(405, "method_not_allowed", "this address does not accept that method"));
  } else {
    respond(JsonError(404, "not_found", "there is nothing at this address"));
  }
}

int HttpStatusOf(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidInput:
      return 400;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kForbidden:
      return 403;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kTooLarge:
      return 413;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kRateLimited:
      return 429;
    // The stored state conflicts with its seal: not a crash (500) and never the row's data.
    case ErrorCode::kIntegrity:
      return 409;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

namespace {
std::string_view CodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidInput:
      return "invalid_input";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kUnauthenticated:
      return "unauthenticated";
    case ErrorCode::kForbidden:
      return "forbidden";
    case ErrorCode::kConflict:
      return "conflict";
    case ErrorCode::kTooLarge:
      return "too_large";
    case ErrorCode::kUnavailable:
      return "unavailable";
    case ErrorCode::kRateLimited:
      return "rate_limited";
    case ErrorCode::kIntegrity:
      return "integrity";
    case ErrorCode::kInternal:
      return "internal";
  }
  return "internal";
}
}  // namespace

Response JsonError(const Error& error) {
  nlohmann::json body = {{"error", {{"code", CodeName(error.code)}, {"message", error.message}}}};
  if (!error.field.empty()) body["error"]["field"] = error.field;
  Response r{HttpStatusOf(error.code), "application/json", body.dump(), {}};
  if (error.code == ErrorCode::kUnavailable || error.code == ErrorCode::kRateLimited) {
    r.headers.emplace_back("Retry-After", std::to_string(std::max(1, error.retry_after_seconds)));
  }
  return r;
}

Response JsonError(int status, std::string_view code, std::string_view message) {
  nlohmann::json body = {{"error", {{"code", code}, {"message", message}}}};
  return {status, "application/json", body.dump(), {}};
}

std::optional<std::multimap<std::string, std::string>> ParseForm(std::string_view body) {
  std::multimap<std::string, std::string> out;
  while (!body.empty()) {
    const auto amp = body.find('&');
    std::string_view pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view{} : body.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    auto key = UrlDecode(pair.substr(0, eq));
    auto value = eq == std::string_view::npos ? std::optional<std::string>("")
                                              : UrlDecode(pair.substr(eq + 1));
    if (!key || !value) return std::nullopt;
    out.emplace(std::move(*key), std::move(*value));
  }
  return out;
}

std::string UrlEncode(std::string_view text) {
  constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    }
  }
  return out;
}

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

bool HasMediaType(const Request& request, std::string_view expected) {
  std::string type = request.Header("content-type");
  type = type.substr(0, type.find(';'));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  for (auto& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return type == expected;
}

}  // namespace lifeline::server
