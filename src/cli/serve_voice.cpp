#include "cli/serve_voice.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace lifeline::cli {

void StartVoiceLine(const ServeOptions& options, const app::Clock& clock,
                    app::ContactCentreService& centre, app::OfficeService& office,
                    app::ChannelConversations& conversations,
                    std::unique_ptr<app::VoiceLine>& voice,
                    std::unique_ptr<app::DtmfListener>& dtmf) {
  auto opened = app::VoiceLine::Open(
      centre, clock,
      {options.voice_prompts, static_cast<double>(options.voice_announce_every),
       [&conversations](std::string_view number) { return conversations.IsBlockedNumber(number); }},
      [&office](const contact_centre::CallbackDraft& draft) -> Result<std::int64_t> {
        auto scheduled = office.RequestCallback(draft);
        if (!scheduled) return scheduled.error();
        return scheduled->id;
      });
  if (!opened) throw std::runtime_error(opened.error().message);
  voice = std::move(*opened);
  const std::string& listen = options.voice_dtmf_listen;
  const auto colon = listen.rfind(':');
  int port = -1;
  if (colon != std::string::npos) {
    try {
      port = std::stoi(listen.substr(colon + 1));
    } catch (const std::exception&) {
    }
  }
  if (port < 0 || port > 65535)
    throw std::runtime_error("--voice-dtmf-listen must be HOST:PORT, e.g. 127.0.0.1:22223");
  auto listener = app::DtmfListener::Start(*voice, listen.substr(0, colon), port);
  if (!listener) throw std::runtime_error(listener.error().message);
  dtmf = std::move(*listener);
  centre.SetVoiceLine(voice.get());
  // On stderr: stdout's first line is the HTTP address, which scripts read.
  fmt::print(stderr, "lifeline voice line: DTMF from rtpengine on udp {}:{}\n",
             listen.substr(0, colon), dtmf->port());
}

}  // namespace lifeline::cli
