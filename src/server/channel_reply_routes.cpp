// Operators' replies over SMS and messengers (app::ChannelConversations, docs/channels.md):
//   POST /api/v1/cases/{id}/channel-replies {"text"} → 201 with the queued reply's view
//   GET  /api/v1/cases/{id}/channel-replies          → 200 {"replies": [views, oldest first]}
// A view never carries the text (the case's conversation has it). 404 when the server runs
// no channels or the case has no SMS or messenger conversation; 409 when the applicant sent
// STOP or is blocked.

#include <nlohmann/json.hpp>

#include "app/channel_conversations.hpp"
#include "server/office_route_support.hpp"

namespace lifeline::server::office {
namespace {

using nlohmann::json;

const Error kNoChannels{ErrorCode::kNotFound, "this server runs no SMS or messenger channel"};

json ViewJson(const app::QueuedReplyView& view) {
  return json{{"id", view.id},
              {"state", store::ToString(view.state)},
              {"not_before", view.not_before ? json(*view.not_before) : json(nullptr)},
              {"created_at", view.created_at}};
}

void ApiQueueChannelReply(Context& ctx, Request& request, Respond respond) {
  auto post = ApiWriter(ctx, request, respond, ctx.options.conversations != nullptr, kNoChannels, true,
                        "{\"text\": \"...\"}");
  if (!post) return;
  if (!post->doc.value("text", json()).is_string()) {
    return respond(JsonError(InvalidInput("text must be the reply's text", "text")));
  }
  auto queued = ctx.options.conversations->Reply(post->session.actor, post->id, post->doc["text"].get<std::string>());
  if (!queued) return respond(JsonError(queued.error()));
  respond({201, "application/json", ViewJson(*queued).dump(), {}});
}

void ApiListChannelReplies(Context& ctx, Request& request, Respond respond) {
  auto session = ApiReader(ctx, request, respond, ctx.options.conversations != nullptr, kNoChannels);
  if (!session) return;
  auto id = ApiPathId(request, respond, "case");
  if (!id) return;
  auto replies = ctx.options.conversations->ListReplies(session->actor, *id);
  if (!replies) return respond(JsonError(replies.error()));
  json list = json::array();
  for (const auto& view : *replies) list.push_back(ViewJson(view));
  respond({200, "application/json", json{{"replies", list}}.dump(), {}});
}

}  // namespace

void AddChannelReplyRoutes(Router& router, const Bind& bind) {
  router.Add("POST", "/api/v1/cases/{id}/channel-replies", bind(ApiQueueChannelReply));
  router.Add("GET", "/api/v1/cases/{id}/channel-replies", bind(ApiListChannelReplies));
}

}  // namespace lifeline::server::office
