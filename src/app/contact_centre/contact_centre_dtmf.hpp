#pragma once
// The digits held callers press, as rtpengine reports them (issue 16): rtpengine runs with
// `--dtmf-log-dest=HOST:PORT` and sends one JSON datagram per RFC 4733 event it sees in a
// caller's RTP ({"callid", "source_tag", "type": "DTMF", "event": 1, …}); the listener hands
// each to the voice line. Only the call id and the event are read; the datagram also names
// the caller's media address, which is neither kept nor logged.
//
// Bind it to loopback (or a link only the media server reaches): anyone who can send it a
// datagram can press a digit for a call whose id he knows.

#include <atomic>
#include <string>
#include <thread>

#include "app/contact_centre/contact_centre_voice.hpp"
#include "app/contact_centre/dtmf_log.hpp"

namespace lifeline::app {

class DtmfListener {
 public:
  /// Binds UDP `host`:`port` (port 0: any free port) and starts the listening thread.
  /// kUnavailable when the address cannot be bound. `voice` must outlive the listener.
  static Result<std::unique_ptr<DtmfListener>> Start(VoiceLine& voice, const std::string& host,
                                                     int port);
  /// Stops the thread (within a fifth of a second) and closes the socket.
  ~DtmfListener();
  int port() const { return port_; }

 private:
  DtmfListener(VoiceLine& voice, int fd, int port);
  void Run();

  VoiceLine& voice_;
  const int fd_;
  const int port_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace lifeline::app
