// Operators' replies over SMS and messengers (docs/channels.md, "Operators"):
//   POST /api/v1/cases/{id}/channel-replies {"text"} -> 201 the queued reply
//   GET  /api/v1/cases/{id}/channel-replies          -> 200 {"replies": [...]}, oldest first
// A reply is written into the case's conversation and queued for his phone or messenger until
// his next safe window (app::ChannelConversations::Reply). Neither answer carries the text or
// the address: the conversation shows the text, the address never leaves the store sealed.

#include <nlohmann/json.hpp>

#include "app/channel_conversations.hpp"
#include "server/office_route_support.hpp"

namespace lifeline::server::office {
namespace {

using nlohmann::json;

const Error kNotRunning{ErrorCode::kNotFound, "channel conversations are not running"};

json ReplyJson(const app::QueuedReplyView& reply) {
  return {{"id", reply.id},
          {"state", store::ToString(reply.state)},
          {"not_before", reply.not_before ? json(*reply.not_before) : json(nullptr)},
          {"created_at", reply.created_at}};
}

void ApiQueueChannelReply(Context& ctx, Request& request, Respond respond) {
  auto post = ApiWriter(ctx, request, respond, ctx.options.conversations != nullptr, kNotRunning, true,
                        "{\"text\": \"...\"}");
  if (!post) return;
  if (!post->doc.value("text", json()).is_string()) {
    return respond(JsonError(InvalidInput("send {\"text\": \"...\"}", "text")));
  }
  auto queued = ctx.options.conversations->Reply(post->session.actor, post->id, post->doc["text"].get<std::string>());
  if (!queued) return respond(JsonError(queued.error()));
  respond({201, "application/json", ReplyJson(*queued).dump(), {}});
}

void ApiListChannelReplies(Context& ctx, Request& request, Respond respond) {
  auto session = ApiReader(ctx, request, respond, ctx.options.conversations != nullptr, kNotRunning);
  if (!session) return;
  auto id = ApiPathId(request, respond, "case");
  if (!id) return;
  auto replies = ctx.options.conversations->ListReplies(session->actor, *id);
  if (!replies) return respond(JsonError(replies.error()));
  json out = json::array();
  for (const auto& reply : *replies) out.push_back(ReplyJson(reply));
  respond({200, "application/json", json{{"replies", out}}.dump(), {}});
}

}  // namespace

void AddChannelReplyRoutes(Router& router, const Bind& bind) {
  router.Add("POST", "/api/v1/cases/{id}/channel-replies", bind(ApiQueueChannelReply));
  router.Add("GET", "/api/v1/cases/{id}/channel-replies", bind(ApiListChannelReplies));
}

}  // namespace lifeline::server::office
