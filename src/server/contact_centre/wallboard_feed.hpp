#pragma once
// The live wallboard: every second, each open Server-Sent Events stream gets the queue's
// figures (`event: board`, data as GET /api/v1/contact-centre/wallboard). A stream ends when
// its client goes or its session ends or loses the right to watch.

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "app/accounts/sessions.hpp"
#include "app/contact_centre/contact_centre.hpp"
#include "app/periodic.hpp"
#include "server/http.hpp"

namespace lifeline::server {

class WallboardFeed {
 public:
  /// `centre` and `sessions` must outlive the feed; destroying it stops the broadcasts.
  WallboardFeed(app::ContactCentreService& centre, app::Sessions& sessions);

  /// Sends the board to `stream` now and every second while `session_token` holds.
  void Add(std::shared_ptr<EventStream> stream, std::string session_token);
  std::size_t watchers() const;
  /// Ends every stream and refuses new ones. Call before the HTTP server stops: the streams
  /// must not outlive their connections' event loop.
  void Close();

 private:
  struct Watcher {
    std::shared_ptr<EventStream> stream;
    std::string session_token;
  };
  /// The board as one SSE event for this watcher, or nullopt when its session no longer
  /// allows it.
  std::optional<std::string> EventFor(const Watcher& watcher) const;
  void Broadcast();

  app::ContactCentreService& centre_;
  app::Sessions& sessions_;
  std::mutex broadcasting_;  // held through a broadcast, so that Close waits for it to end
  mutable std::mutex mutex_;
  std::vector<Watcher> watchers_;  // GUARDED_BY(mutex_)
  bool closed_ = false;            // GUARDED_BY(mutex_)
  app::PeriodicTask ticker_;       // last: it starts once everything else is ready
};

}  // namespace lifeline::server
