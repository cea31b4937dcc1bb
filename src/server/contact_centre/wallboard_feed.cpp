#include "server/contact_centre/wallboard_feed.hpp"

#include "server/contact_centre/contact_centre_json.hpp"

namespace lifeline::server {

WallboardFeed::WallboardFeed(app::ContactCentreService& centre, app::Sessions& sessions)
    : centre_(centre),
      sessions_(sessions),
      ticker_(std::chrono::seconds(1), [this] { Broadcast(); }) {}

std::optional<std::string> WallboardFeed::EventFor(const Watcher& watcher) const {
  auto session = sessions_.Authenticate(watcher.session_token, /*refresh=*/false);
  if (!session || session->must_enrol_second_factor) return std::nullopt;
  auto board = centre_.View(session->actor);
  if (!board) return std::nullopt;
  return "event: board\ndata: " + WallboardJson(*board).dump() + "\n\n";
}

void WallboardFeed::Add(std::shared_ptr<EventStream> stream, std::string session_token) {
  Watcher watcher{std::move(stream), std::move(session_token)};
  auto first = EventFor(watcher);
  if (!first || !watcher.stream->Send(*first)) return;
  std::lock_guard lock(mutex_);
  if (!closed_) watchers_.push_back(std::move(watcher));
}

void WallboardFeed::Close() {
  std::lock_guard broadcast(broadcasting_);
  std::vector<Watcher> ending;
  std::lock_guard lock(mutex_);
  closed_ = true;
  ending.swap(watchers_);
}

std::size_t WallboardFeed::watchers() const {
  std::lock_guard lock(mutex_);
  return watchers_.size();
}

void WallboardFeed::Broadcast() {
  std::lock_guard broadcast(broadcasting_);
  std::vector<Watcher> watchers;
  {
    std::lock_guard lock(mutex_);
    watchers.swap(watchers_);
  }
  std::vector<Watcher> staying;
  for (auto& w : watchers) {
    auto event = EventFor(w);
    if (event && w.stream->Send(*event)) staying.push_back(std::move(w));
  }
  std::lock_guard lock(mutex_);
  if (closed_) return;
  staying.insert(staying.end(), std::make_move_iterator(watchers_.begin()),
                 std::make_move_iterator(watchers_.end()));
  watchers_.swap(staying);
}

}  // namespace lifeline::server
