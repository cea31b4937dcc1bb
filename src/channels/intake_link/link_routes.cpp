#include "channels/intake_link/link_routes.hpp"

namespace lifeline::channels::intake_link {
namespace {

server::Response NoContent() { return {204, "application/json", "", {}}; }

}  // namespace

void AddIntakeLinkRoutes(server::Router& router, store::sqlite::OutboxStore& outbox,
                         RequestVerifier& verifier, const app::Clock& clock) {
  // Views of long conversations may pass the public pages' 64 KiB: up to the edge's 1 MiB.
  router.AddTakingOversizedBodies(
      "POST", std::string(kPath),
      [&outbox, &verifier, &clock](server::Request& request, server::Respond respond) {
        const auto signature = request.headers.find(std::string(kSignatureHeader));
        if (signature == request.headers.end()) {
          return respond(server::JsonError(
              Error{ErrorCode::kUnauthenticated, "the link request is not the office's"}));
        }
        auto asked = verifier.Verify(request.body, signature->second, clock.Now());
        if (!asked) return respond(server::JsonError(asked.error()));
        switch (asked->op) {
          case LinkRequest::Op::kCollect: {
            auto batch = outbox.Pending(asked->limit);
            if (!batch) return respond(server::JsonError(batch.error()));
            auto lookups = outbox.ViewLookups(asked->views_after, kViewLookupsPerCollect);
            if (!lookups) return respond(server::JsonError(lookups.error()));
            return respond({200,
                            "application/json",
                            EncodeCollectReply({std::move(*batch), std::move(*lookups)}),
                            {}});
          }
          case LinkRequest::Op::kErase: {
            auto erased = outbox.Erase(asked->applications, asked->messages, asked->checks,
                                       asked->proof_requests);
            return respond(erased ? NoContent() : server::JsonError(erased.error()));
          }
          case LinkRequest::Op::kViews: {
            auto put = outbox.PutViews(asked->views);
            return respond(put ? NoContent() : server::JsonError(put.error()));
          }
        }
      });
}

}  // namespace lifeline::channels::intake_link
