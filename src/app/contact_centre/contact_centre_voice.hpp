#pragma once
// The voice line (issue 16): what a caller held in the queue hears, and the safe callback he
// may choose by pressing 1. lifeline decides what plays and when; Kamailio's rtpengine module
// plays it (play_media) on the caller's early-media leg through rtpengine, and rtpengine
// reports the caller's RFC 4733 digits (DtmfListener). docs/contact-centre.md, "The voice line".
//
// Each held caller with media hears an announcement at once — "flood" instead of "welcome"
// when the line is flooded (ContactCentreService::Flooded) — then his position, the estimated
// wait and the callback offer, then music until the next announcement, every
// `announce_every_seconds`. Segments follow each other by their length, read from the WAV
// files' headers at start.
//
// Thread-safe. Holds the caller's number (for the callback he may choose) in memory only while
// he waits; never logs it.

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/clock.hpp"
#include "app/contact_centre/contact_centre.hpp"
#include "domain/contact_centre/callback.hpp"

namespace lifeline::app {

struct VoiceOptions {
  std::string prompt_dir;              // made by scripts/make-voice-prompts.sh
  double announce_every_seconds = 30;  // from the end of one announcement to the next
  /// True for a caller's number an operator blocked on another channel that shares it (an
  /// SMS sender: ChannelConversations::IsBlockedNumber); he is then offered no callback.
  std::function<bool(std::string_view number)> blocked_number;
};

/// A held caller whose call has media through the media server, as Kamailio reports him.
/// `number`, `windows` and `utc_offset` may be empty: then no callback is offered.
struct HeldCaller {
  std::string call;
  std::string accept_language;  // the INVITE's Accept-Language, as /route had it
  std::string number;           // personal data: memory only
  std::vector<std::string> windows;
  std::string utc_offset;
};

/// One thing to play now: the file (absolute) to `call`'s caller, and the prompt's id
/// ("ru/position_3", "music") for the record.
struct VoicePlay {
  std::string call;
  std::string file;
  std::string prompt;
};

/// Schedules a callback (OfficeService::RequestCallback); returns its id.
using RequestCallbackFn = std::function<Result<std::int64_t>(const contact_centre::CallbackDraft&)>;

class VoiceLine {
 public:
  /// Checks that every prompt (contact_centre::AllPrompts) and the music exist under
  /// `options.prompt_dir` as WAV files, and reads their lengths. kInvalidInput naming the
  /// first missing or unreadable file. `centre` and `clock` must outlive the line.
  static Result<std::unique_ptr<VoiceLine>> Open(ContactCentreService& centre, const Clock& clock,
                                                 VoiceOptions options,
                                                 RequestCallbackFn request_callback);

  /// Starts announcements to a held caller. kNotFound unless the call waits in the queue;
  /// kInvalidInput for a bad call id. Starting again restarts with the first prompt.
  Status Start(const HeldCaller& caller);
  /// The next segment due for some held caller, or nothing. Forgets callers no longer waiting,
  /// and releases (ChooseCallback) a caller whose confirmation has been played.
  std::optional<VoicePlay> Next();
  /// A digit the caller pressed (0–9, 10 *, 11 #), from the media server. 1, with a callback
  /// offered: the callback is scheduled inside the caller's windows, the confirmation plays,
  /// then the call leaves the queue (`callback_chosen`). Anything else is ignored.
  /// kNotFound for a call not on the voice line.
  Status Digit(const std::string& call, int event);
  /// The prompts played to `call` so far (ids such as "ru/position_2", at most 100), for
  /// diagnostics and tests: no personal data. Kept for a while after the call left.
  std::vector<std::string> Played(const std::string& call) const;

 private:
  struct Held {
    Language language = Language::kRu;
    contact_centre::CallbackDraft callback;  // number and windows: personal data
    bool offer = false;                      // a callback may be chosen
    bool first = true;
    std::deque<std::string> pending;   // prompt ids ("position_3"; "music")
    double next_at = 0;                // when the next pending segment starts
    double announce_at = 0;            // when the next announcement is built
    std::optional<double> release_at;  // the callback was chosen: leave the queue then
  };
  VoiceLine(ContactCentreService& centre, const Clock& clock, VoiceOptions options,
            RequestCallbackFn request_callback, std::map<std::string, double> lengths);
  double LengthOf(const std::string& file) const;
  void Record(const std::string& call, const std::string& prompt);  // under mutex_

  ContactCentreService& centre_;
  const Clock& clock_;
  const VoiceOptions options_;
  const RequestCallbackFn request_callback_;
  const std::map<std::string, double> lengths_;  // seconds, by file under prompt_dir
  mutable std::mutex mutex_;
  std::map<std::string, Held> held_;                        // GUARDED_BY(mutex_)
  std::map<std::string, std::vector<std::string>> played_;  // GUARDED_BY(mutex_)
  std::deque<std::string> played_order_;                    // GUARDED_BY(mutex_)
};

/// The length in seconds of a PCM WAV file's audio, or nullopt if it is not one.
std::optional<double> WavSeconds(const std::string& path);

}  // namespace lifeline::app
