#include "server/request_inspector.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace lifeline::server {

RequestInspector::RequestInspector() {
  http_parser_init(&parser_, HTTP_REQUEST);
  parser_.data = this;
  http_parser_settings_init(&settings_);
  settings_.on_url = &OnUrl;
  settings_.on_header_field = &OnHeaderField;
  settings_.on_header_value = &OnHeaderValue;
  settings_.on_headers_complete = &OnHeadersComplete;
  settings_.on_body = &OnBody;
  settings_.on_message_complete = &OnMessageComplete;
}

RequestInspector::Verdict RequestInspector::Inspect(std::string_view bytes) {
  std::size_t offset = 0;
  std::size_t whole_requests_end = 0;
  while (!done_ && offset < bytes.size()) {
    offset +=
        http_parser_execute(&parser_, &settings_, bytes.data() + offset, bytes.size() - offset);
    const auto error = HTTP_PARSER_ERRNO(&parser_);
    if (error == HPE_PAUSED) {  // one request ended (OnMessageComplete): go on with the next
      http_parser_pause(&parser_, 0);
      whole_requests_end = offset;
      continue;
    }
    if (error == HPE_OK) {
      if (parser_.upgrade) done_ = true;  // no longer HTTP/1 requests: not ours to read
      continue;
    }
    if (refusal_ == EdgeRefusal::kNone) {
      refusal_ =
          error == HPE_HEADER_OVERFLOW ? EdgeRefusal::kHeadersTooLarge : EdgeRefusal::kMalformed;
    }
    done_ = true;
    return {refusal_, whole_requests_end, detail_ ? detail_ : http_errno_description(error)};
  }
  return {};
}

int RequestInspector::Refuse(EdgeRefusal refusal, const char* detail) {
  refusal_ = refusal;
  detail_ = detail;
  return -1;  // stops the parser with an HPE_CB_* error
}

int RequestInspector::OnUrl(http_parser* parser, const char*, std::size_t length) {
  auto* self = static_cast<RequestInspector*>(parser->data);
  self->url_bytes_ += length;
  return self->url_bytes_ > EdgeLimits::kUrlBytes ? self->Refuse(EdgeRefusal::kUrlTooLong) : 0;
}

int RequestInspector::OnHeaderField(http_parser* parser, const char*, std::size_t length) {
  auto* self = static_cast<RequestInspector*>(parser->data);
  if (self->in_value_ || self->header_fields_ == 0) ++self->header_fields_;
  self->in_value_ = false;
  self->header_bytes_ += length;
  return self->header_bytes_ > EdgeLimits::kHeaderBytes ||
                 self->header_fields_ > EdgeLimits::kHeaderFields
             ? self->Refuse(EdgeRefusal::kHeadersTooLarge)
             : 0;
}

namespace {

// A control character other than HTAB is not allowed in a field value (RFC 9110 §5.5).
// http_parser refuses most but lets a NUL through at the start of a value.
bool HasControlCharacter(std::string_view value) {
  return std::any_of(value.begin(), value.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return (byte < 0x20 && byte != '\t') || byte == 0x7F;
  });
}

}  // namespace

int RequestInspector::OnHeaderValue(http_parser* parser, const char* at, std::size_t length) {
  auto* self = static_cast<RequestInspector*>(parser->data);
  if (HasControlCharacter({at, length})) {
    return self->Refuse(EdgeRefusal::kMalformed,
                        "a control character (such as NUL) in a header value");
  }
  self->in_value_ = true;
  self->header_bytes_ += length;
  return self->header_bytes_ > EdgeLimits::kHeaderBytes
             ? self->Refuse(EdgeRefusal::kHeadersTooLarge)
             : 0;
}

int RequestInspector::OnHeadersComplete(http_parser* parser) {
  auto* self = static_cast<RequestInspector*>(parser->data);
  // content_length is ULLONG_MAX when absent (chunked bodies are counted in OnBody).
  if (parser->content_length != ULLONG_MAX && parser->content_length > EdgeLimits::kBodyBytes) {
    return self->Refuse(EdgeRefusal::kBodyTooLarge);
  }
  return 0;
}

int RequestInspector::OnBody(http_parser* parser, const char*, std::size_t length) {
  auto* self = static_cast<RequestInspector*>(parser->data);
  self->body_bytes_ += length;
  return self->body_bytes_ > EdgeLimits::kBodyBytes ? self->Refuse(EdgeRefusal::kBodyTooLarge) : 0;
}

int RequestInspector::OnMessageComplete(http_parser* parser) {
  auto* self = static_cast<RequestInspector*>(parser->data);
  self->url_bytes_ = self->header_bytes_ = self->header_fields_ = 0;
  self->body_bytes_ = 0;
  self->in_value_ = false;
  // After a request that closes the connection RESTinio reads nothing more.
  if (!http_should_keep_alive(parser)) self->done_ = true;
  http_parser_pause(parser, 1);
  return 0;
}

Response EdgeRefusalResponse(EdgeRefusal refusal, std::string_view parser_detail) {
  switch (refusal) {
    case EdgeRefusal::kBodyTooLarge:
      return JsonError(
          413, "too_large",
          fmt::format("the request body is larger than {} KiB", EdgeLimits::kBodyBytes / 1024));
    case EdgeRefusal::kUrlTooLong:
      return JsonError(414, "uri_too_long",
                       fmt::format("the address is longer than {} bytes", EdgeLimits::kUrlBytes));
    case EdgeRefusal::kHeadersTooLarge:
      return JsonError(
          431, "headers_too_large",
          fmt::format("the request headers are larger than {} KiB or more than {} fields",
                      EdgeLimits::kHeaderBytes / 1024, EdgeLimits::kHeaderFields));
    case EdgeRefusal::kMalformed:
    case EdgeRefusal::kNone:
      break;
  }
  return JsonError(400, "malformed_request",
                   parser_detail.empty()
                       ? std::string("the request is not well-formed HTTP")
                       : fmt::format("the request is not well-formed HTTP: {}", parser_detail));
}

}  // namespace lifeline::server
