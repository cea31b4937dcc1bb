#pragma once
// Feature codes an operator dials from their phone to run their own day, as a PBX's
// (Asterisk's AgentLogin / pause codes): the proxy passes the dialled user part to lifeline.
//
//   *11           log in to the queue (available)
//   *12           log out
//   *13, *13<d>   pause (break), with the reason of digit d (pause_reason.hpp: 1 rest,
//                 2 meal, 3 debrief, 4 training, 5 technical, 6 admin)
//   *14           back from the pause (available)

#include <optional>
#include <string_view>

#include "domain/contact_centre/queue_engine.hpp"

namespace lifeline::contact_centre {

struct FeatureRequest {
  OperatorState state = OperatorState::kAvailable;
  PauseReason reason = PauseReason::kNone;
};

/// The state a dialled code asks for; nullopt for anything else (another code, a bad
/// reason digit, trailing characters).
std::optional<FeatureRequest> ParseFeatureCode(std::string_view dialled);

}  // namespace lifeline::contact_centre
