#include "app/contact_centre/contact_centre_voice.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <cstring>
#include <fstream>

#include "domain/contact_centre/sip_hints.hpp"
#include "domain/contact_centre/voice_prompts.hpp"

namespace lifeline::app {
namespace {

constexpr std::size_t kMaxPlayedCalls = 10'000;  // the record of prompts played, for diagnostics
constexpr std::size_t kMaxPlayedPerCall = 100;
constexpr std::string_view kMusic = "music";

std::uint32_t Le32(const char* p) {
  const auto* b = reinterpret_cast<const unsigned char*>(p);
  return b[0] | (b[1] << 8) | (b[2] << 16) | (static_cast<std::uint32_t>(b[3]) << 24);
}

}  // namespace

std::optional<double> WavSeconds(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char header[12];
  if (!in.read(header, sizeof header) || std::memcmp(header, "RIFF", 4) != 0 ||
      std::memcmp(header + 8, "WAVE", 4) != 0) {
    return std::nullopt;
  }
  std::uint32_t byte_rate = 0;
  char chunk[8];
  while (in.read(chunk, sizeof chunk)) {
    std::uint32_t size = Le32(chunk + 4);
    if (std::memcmp(chunk, "fmt ", 4) == 0 && size >= 16) {
      char fmt_chunk[16];
      if (!in.read(fmt_chunk, sizeof fmt_chunk)) return std::nullopt;
      byte_rate = Le32(fmt_chunk + 8);
      size -= 16;
    } else if (std::memcmp(chunk, "data", 4) == 0) {
      // espeak-ng writing to a pipe leaves the size at 0x7fffffff: take the file's rest then.
      const auto here = in.tellg();
      in.seekg(0, std::ios::end);
      const auto rest = static_cast<std::uint64_t>(in.tellg() - here);
      if (byte_rate == 0) return std::nullopt;
      return static_cast<double>(std::min<std::uint64_t>(size, rest)) / byte_rate;
    }
    in.seekg(size + (size & 1), std::ios::cur);
  }
  return std::nullopt;
}

Result<std::unique_ptr<VoiceLine>> VoiceLine::Open(ContactCentreService& centre, const Clock& clock,
                                                   VoiceOptions options,
                                                   RequestCallbackFn request_callback) {
  std::map<std::string, double> lengths;
  std::vector<std::string> files{std::string(contact_centre::kMusicFile)};
  for (const auto& p : contact_centre::AllPrompts()) files.push_back(p.file);
  for (const auto& file : files) {
    auto seconds = WavSeconds(options.prompt_dir + "/" + file);
    if (!seconds) {
      return InvalidInput(
          fmt::format("the voice prompt {} is missing or not a WAV file under {}: run "
                      "scripts/make-voice-prompts.sh",
                      file, options.prompt_dir),
          "voice-prompts");
    }
    lengths[file] = *seconds;
  }
  return std::unique_ptr<VoiceLine>(new VoiceLine(centre, clock, std::move(options),
                                                  std::move(request_callback), std::move(lengths)));
}

VoiceLine::VoiceLine(ContactCentreService& centre, const Clock& clock, VoiceOptions options,
                     RequestCallbackFn request_callback, std::map<std::string, double> lengths)
    : centre_(centre),
      clock_(clock),
      options_(std::move(options)),
      request_callback_(std::move(request_callback)),
      lengths_(std::move(lengths)) {}

double VoiceLine::LengthOf(const std::string& file) const {
  auto it = lengths_.find(file);
  return it == lengths_.end() ? 0 : it->second;
}

Status VoiceLine::Start(const HeldCaller& caller) {
  auto position = centre_.PositionOf(caller.call);
  if (!position) return position.error();
  Held held;
  held.language =
      contact_centre::LanguageFromAcceptLanguage(caller.accept_language).value_or(Language::kRu);
  held.callback = {caller.number, caller.windows, caller.utc_offset,
                   std::string(ToString(held.language))};
  // Offered only when a callback could be scheduled (the number and windows are valid), and
  // not to a number blocked on SMS: a block holds across the channels that share the address.
  held.offer = contact_centre::ValidateCallback(held.callback).ok() &&
               !(options_.blocked_number && options_.blocked_number(caller.number));
  held.next_at = held.announce_at = clock_.NowSeconds();
  std::lock_guard lock(mutex_);
  held_[caller.call] = std::move(held);
  return OkStatus();
}

std::optional<VoicePlay> VoiceLine::Next() {
  const double now = clock_.NowSeconds();
  const bool flooded = centre_.Flooded();
  std::vector<std::string> release;
  std::optional<VoicePlay> play;
  {
    std::lock_guard lock(mutex_);
    for (auto it = held_.begin(); it != held_.end() && !play;) {
      const std::string& call = it->first;
      Held& held = it->second;
      if (held.release_at && now >= *held.release_at) {
        release.push_back(call);
        it = held_.erase(it);
        continue;
      }
      auto position = centre_.PositionOf(call);
      if (!position) {  // ringing, answered, given up or released: no longer held
        it = held_.erase(it);
        continue;
      }
      if (!held.release_at && held.pending.empty() && now >= held.announce_at) {
        for (auto& id :
             contact_centre::Announcement(held.first, flooded, position->ahead,
                                          position->estimated_wait_seconds, held.offer)) {
          held.pending.push_back(std::move(id));
        }
        held.pending.emplace_back(kMusic);
        held.first = false;
        held.next_at = now;
      }
      if (!held.pending.empty() && now >= held.next_at) {
        const std::string id = held.pending.front();
        held.pending.pop_front();
        const std::string file = id == kMusic ? std::string(contact_centre::kMusicFile)
                                              : contact_centre::PromptFile(held.language, id);
        const double length = LengthOf(file);
        held.next_at = now + length;
        if (held.pending.empty() && !held.release_at)
          held.announce_at = now + options_.announce_every_seconds;
        const std::string prompt =
            id == kMusic ? std::string(kMusic) : fmt::format("{}/{}", ToString(held.language), id);
        Record(call, prompt);
        play = VoicePlay{call, options_.prompt_dir + "/" + file, prompt};
      }
      ++it;
    }
  }
  for (const auto& call : release)
    (void)centre_.ChooseCallback(call);  // gone meanwhile: nothing to release
  return play;
}

Status VoiceLine::Digit(const std::string& call, int event) {
  std::lock_guard lock(mutex_);
  auto it = held_.find(call);
  if (it == held_.end()) return Error{ErrorCode::kNotFound, "no such call on the voice line"};
  Held& held = it->second;
  if (event != contact_centre::kCallbackDigit - '0' || !held.offer || held.release_at)
    return OkStatus();
  auto scheduled = request_callback_(held.callback);
  std::fill(held.callback.number.begin(), held.callback.number.end(), '\0');
  held.callback.number.clear();
  held.offer = false;
  if (!scheduled) return scheduled.error();
  const std::string file =
      contact_centre::PromptFile(held.language, contact_centre::kCallbackConfirmed);
  held.pending.assign({std::string(contact_centre::kCallbackConfirmed)});
  held.next_at = clock_.NowSeconds();
  held.release_at = held.next_at + LengthOf(file);
  return OkStatus();
}

std::vector<std::string> VoiceLine::Played(const std::string& call) const {
  std::lock_guard lock(mutex_);
  auto it = played_.find(call);
  return it == played_.end() ? std::vector<std::string>{} : it->second;
}

void VoiceLine::Record(const std::string& call, const std::string& prompt) {
  auto [it, added] = played_.try_emplace(call);
  if (added) {
    played_order_.push_back(call);
    if (played_order_.size() > kMaxPlayedCalls) {
      played_.erase(played_order_.front());
      played_order_.pop_front();
    }
  }
  if (it->second.size() < kMaxPlayedPerCall) it->second.push_back(prompt);
}

}  // namespace lifeline::app
