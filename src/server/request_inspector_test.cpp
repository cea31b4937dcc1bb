#include "server/request_inspector.hpp"

#include <gtest/gtest.h>

#include <string>

namespace lifeline::server {
namespace {

EdgeRefusal InspectWhole(const std::string& bytes) {
  return RequestInspector().Inspect(bytes).refusal;
}

// Fed a few bytes at a time, as the socket may deliver them.
EdgeRefusal InspectInPieces(const std::string& bytes, std::size_t piece) {
  RequestInspector inspector;
  for (std::size_t i = 0; i < bytes.size(); i += piece) {
    const auto verdict = inspector.Inspect(std::string_view(bytes).substr(i, piece));
    if (verdict.refusal != EdgeRefusal::kNone) return verdict.refusal;
  }
  return EdgeRefusal::kNone;
}

TEST(RequestInspector, PassesOrdinaryRequests) {
  const std::string two =
      "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"
      "POST /apply HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello";
  EXPECT_EQ(InspectWhole(two), EdgeRefusal::kNone);
  EXPECT_EQ(InspectInPieces(two, 3), EdgeRefusal::kNone);
}

TEST(RequestInspector, RefusesALongUrlEvenInPieces) {
  const std::string at_limit =
      "GET /" + std::string(EdgeLimits::kUrlBytes - 1, 'a') + " HTTP/1.1\r\n\r\n";
  EXPECT_EQ(InspectInPieces(at_limit, 1000), EdgeRefusal::kNone);
  const std::string over = "GET /" + std::string(EdgeLimits::kUrlBytes, 'a') + " HTTP/1.1\r\n\r\n";
  EXPECT_EQ(InspectInPieces(over, 1000), EdgeRefusal::kUrlTooLong);
}

TEST(RequestInspector, RefusesLargeOrManyHeaders) {
  EXPECT_EQ(
      InspectInPieces(
          "GET / HTTP/1.1\r\nX: " + std::string(EdgeLimits::kHeaderBytes, 'v') + "\r\n\r\n", 4096),
      EdgeRefusal::kHeadersTooLarge);
  std::string many = "GET / HTTP/1.1\r\n";
  for (std::size_t i = 0; i <= EdgeLimits::kHeaderFields; ++i)
    many += "X-" + std::to_string(i) + ": v\r\n";
  EXPECT_EQ(InspectWhole(many + "\r\n"), EdgeRefusal::kHeadersTooLarge);
}

TEST(RequestInspector, RefusesALargeBodyByLengthOrByChunks) {
  EXPECT_EQ(InspectWhole("POST / HTTP/1.1\r\nContent-Length: " +
                         std::to_string(EdgeLimits::kBodyBytes + 1) + "\r\n\r\n"),
            EdgeRefusal::kBodyTooLarge);
  std::string chunked = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
  const std::string chunk(64 * 1024, 'c');
  for (int i = 0; i < 17; ++i) chunked += "10000\r\n" + chunk + "\r\n";
  EXPECT_EQ(InspectInPieces(chunked, 4096), EdgeRefusal::kBodyTooLarge);
}

TEST(RequestInspector, RefusesNulAndGarbageAsMalformed) {
  EXPECT_EQ(InspectWhole(std::string("GET / HTTP/1.1\r\nX: a\0b\r\n\r\n", 26)),
            EdgeRefusal::kMalformed);
  EXPECT_EQ(InspectWhole("HELLO\r\n\r\n"), EdgeRefusal::kMalformed);
  // http_parser itself lets a NUL at the start of a value through
  const auto nul_first =
      RequestInspector().Inspect(std::string("GET / HTTP/1.1\r\nX: \0\r\n\r\n", 24));
  EXPECT_EQ(nul_first.refusal, EdgeRefusal::kMalformed);
  EXPECT_EQ(nul_first.detail, "a control character (such as NUL) in a header value");
  const auto verdict =
      RequestInspector().Inspect(std::string("GET / HTTP/1.1\r\nX\0: a\r\n\r\n", 25));
  EXPECT_EQ(verdict.refusal, EdgeRefusal::kMalformed);
  EXPECT_FALSE(verdict.detail.empty());
}

TEST(RequestInspector, CountsTheWholeRequestsBeforeARefusedOne) {
  const std::string good = "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n";
  const auto verdict = RequestInspector().Inspect(good + "BAD\r\n\r\n");
  EXPECT_EQ(verdict.refusal, EdgeRefusal::kMalformed);
  EXPECT_EQ(verdict.accepted_bytes, good.size());
}

TEST(RequestInspector, StopsLookingAfterARequestThatClosesTheConnection) {
  EXPECT_EQ(InspectWhole("GET / HTTP/1.1\r\nConnection: close\r\n\r\ngarbage after"),
            EdgeRefusal::kNone);
}

TEST(RequestInspector, AnswersInTheApiErrorFormat) {
  EXPECT_EQ(EdgeRefusalResponse(EdgeRefusal::kUrlTooLong).status, 414);
  EXPECT_EQ(EdgeRefusalResponse(EdgeRefusal::kHeadersTooLarge).status, 431);
  EXPECT_EQ(EdgeRefusalResponse(EdgeRefusal::kBodyTooLarge).status, 413);
  const Response malformed =
      EdgeRefusalResponse(EdgeRefusal::kMalformed, "invalid character in header");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_NE(malformed.body.find("\"code\":\"malformed_request\""), std::string::npos)
      << malformed.body;
  EXPECT_NE(malformed.body.find("invalid character in header"), std::string::npos);
}

}  // namespace
}  // namespace lifeline::server
