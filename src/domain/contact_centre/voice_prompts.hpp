#pragma once
// What a caller held in the queue hears (issue 16), in the call's language: the one table of
// prompt wording, the number words with their grammatical forms, and which prompts make up
// an announcement. Pure: the files themselves are made from these texts at install time
// (scripts/make-voice-prompts.sh, through `lifeline voice-prompts`) and played by the media
// server. docs/contact-centre.md, "The voice line".
//
// A prompt's file is `<language>/<id>.wav` under the prompt directory (e.g. ru/position_5.wav),
// the music between announcements `music.wav`; a real recording may replace any of them.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/application.hpp"

namespace lifeline::contact_centre {

inline constexpr int kMaxAnnouncedPosition = 20;  // beyond: "more than twenty"
/// The waits said, in minutes: an estimate is rounded up to the next of these; beyond the
/// last: "more than an hour".
inline constexpr int kAnnouncedWaitMinutes[] = {1,  2,  3,  4,  5,  6,  7,  8, 9,
                                                10, 15, 20, 25, 30, 40, 50, 60};

/// One prompt file to make: its path under the prompt directory, the espeak-ng voice and the
/// text to speak.
struct PromptText {
  std::string file;   // "ru/position_5.wav"
  std::string voice;  // espeak-ng voice: ru, uk, be, en-gb
  std::string text;
};

enum class Gender { kMasculine, kFeminine };

/// A cardinal number 1–99 in words, nominative, agreeing with a noun of `gender` (ru одна
/// минута, uk дві хвилини, be адна хвіліна; English has one form). Empty outside 1–99.
std::string NumberWords(Language language, int n, Gender gender);

/// "minute" in the form a count of `n` takes: ru 1 минута, 2–4 минуты, 5–20 минут, 21
/// минута…, 11–14 минут (uk хвилина/хвилини/хвилин, be хвіліна/хвіліны/хвілін); en minute/minutes.
std::string MinutesWord(Language language, int n);

/// Every prompt in every language, and the music: what the install script makes.
std::vector<PromptText> AllPrompts();

/// The prompt ids that make up one announcement (without the language), in order:
/// `first` — the caller has just been queued: "flood" when the line is flooded, else
/// "welcome"; then "position_<n>" (n = calls ahead + 1, or "position_more"), then
/// "wait_<minutes>" (rounded up to kAnnouncedWaitMinutes, "wait_more" beyond an hour, none
/// when no estimate exists), then "offer" when the caller may press 1 for a callback.
std::vector<std::string> Announcement(bool first, bool flood, int ahead,
                                      std::optional<double> estimated_wait_seconds,
                                      bool offer_callback);

/// The file of prompt `id` in `language`: "ru/position_5.wav".
std::string PromptFile(Language language, std::string_view id);

inline constexpr std::string_view kMusicFile = "music.wav";
inline constexpr std::string_view kCallbackConfirmed = "callback_ok";
inline constexpr char kCallbackDigit = '1';

}  // namespace lifeline::contact_centre
