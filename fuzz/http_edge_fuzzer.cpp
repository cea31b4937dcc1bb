// The HTTP edge (server/request_inspector.hpp): the bytes of a connection, refused or let
// through before RESTinio reads them. The verdict must not depend on how TCP cut the bytes:
// the same stream fed whole and fed in pieces gets the same refusal.

#include <fuzzer/FuzzedDataProvider.h>

#include <nlohmann/json.hpp>
#include <vector>

#include "fuzz_check.hpp"
#include "server/request_inspector.hpp"

using namespace lifeline::server;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  std::vector<std::size_t> cuts;
  const int pieces = in.ConsumeIntegralInRange(1, 8);
  for (int i = 0; i < pieces; ++i) cuts.push_back(in.ConsumeIntegralInRange<std::size_t>(0, 64));
  const std::string stream = in.ConsumeRemainingBytesAsString();

  RequestInspector whole;
  const auto verdict = whole.Inspect(stream);
  FUZZ_CHECK(verdict.accepted_bytes <= stream.size());

  RequestInspector pieced;
  EdgeRefusal refusal = EdgeRefusal::kNone;
  std::size_t at = 0;
  for (std::size_t i = 0; at < stream.size(); ++i) {
    const std::size_t length =
        i < cuts.size() ? std::min(cuts[i], stream.size() - at) : stream.size() - at;
    const auto piece = pieced.Inspect(std::string_view(stream).substr(at, length));
    FUZZ_CHECK(piece.accepted_bytes <= length);
    if (piece.refusal != EdgeRefusal::kNone) {
      FUZZ_CHECK(refusal == EdgeRefusal::kNone);  // refused once, then silent
      refusal = piece.refusal;
    }
    at += length;
  }
  FUZZ_CHECK(refusal == verdict.refusal);

  if (verdict.refusal != EdgeRefusal::kNone) {
    const Response r = EdgeRefusalResponse(verdict.refusal, verdict.detail);
    FUZZ_CHECK(r.status == 400 || r.status == 413 || r.status == 414 || r.status == 431);
    FUZZ_CHECK(!nlohmann::json::parse(r.body, nullptr, false).is_discarded());
  }
  return 0;
}
