#pragma once
// `lifeline serve --voice-prompts DIR`: the voice line of the contact centre (issue 16).

#include <memory>

#include "app/cases/office.hpp"
#include "app/channels/channel_conversations.hpp"
#include "app/contact_centre/contact_centre.hpp"
#include "app/contact_centre/contact_centre_dtmf.hpp"
#include "app/contact_centre/contact_centre_voice.hpp"
#include "cli/serve.hpp"

namespace lifeline::cli {

/// Opens the voice line on `centre` (every prompt must exist under options.voice_prompts),
/// its callbacks scheduled by `office` (never for a number blocked on SMS, `conversations`),
/// and the UDP listener for rtpengine's DTMF reports;
/// prints the listener's address. Throws std::runtime_error (a start-up failure) otherwise.
void StartVoiceLine(const ServeOptions& options, const app::Clock& clock,
                    app::ContactCentreService& centre, app::OfficeService& office,
                    app::ChannelConversations& conversations,
                    std::unique_ptr<app::VoiceLine>& voice,
                    std::unique_ptr<app::DtmfListener>& dtmf);

}  // namespace lifeline::cli
