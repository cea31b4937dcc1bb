#pragma once
// The intake host's end of the intake link (link_wire.hpp): POST /link/v1, over its outbox.
// Every request must carry the office's signature; anything else is refused (401) before the
// outbox is touched.

#include "app/clock.hpp"
#include "channels/intake_link/link_wire.hpp"
#include "server/http.hpp"
#include "store/sqlite/outbox_store.hpp"

namespace lifeline::channels::intake_link {

/// `outbox`, `verifier` and `clock` must outlive the router.
void AddIntakeLinkRoutes(server::Router& router, store::sqlite::OutboxStore& outbox,
                         RequestVerifier& verifier, const app::Clock& clock);

}  // namespace lifeline::channels::intake_link
