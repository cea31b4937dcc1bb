// SMS and messenger conversations on the office side (docs/channels.md):
//   GET  /api/v1/cases/{id}/channel           the case's conversation: channel, STOP, block,
//   replies GET  /api/v1/cases/{id}/channel-replies   its replies to the phone and their states
//   POST /api/v1/cases/{id}/channel-replies   an answer, queued for his safe window
//   POST /api/v1/cases/{id}/block-sender      his messages are dropped unanswered from now on
//   POST /api/v1/sms-parts                    how many SMS parts a text costs (the console's
//   counter) POST /console/cases/{id}/block-sender     the console's block button
// The console's own reply form and POST /api/v1/cases/{id}/replies go through
// ReplyToApplicant, so an operator answers a case the same way however it came in.

#include <nlohmann/json.hpp>

#include "domain/channels/sms_segments.hpp"
#include "domain/utf8.hpp"
#include "server/office_route_support.hpp"
#include "server/page.hpp"

namespace lifeline::server::office {
namespace {

using nlohmann::json;

const Error kNoConversations{ErrorCode::kNotFound,
                             "SMS and messenger conversations do not run on this server"};
const Error kNoConversation{ErrorCode::kNotFound, "this case has no SMS or messenger conversation"};

json ReplyJson(const app::QueuedReplyView& r) {
  return json{{"id", r.id},
              {"state", channels::ToString(r.state)},
              {"not_before", r.not_before ? json(*r.not_before) : json()},
              {"created_at", r.created_at}};
}

void ApiConversation(Context& ctx, Request& request, Respond respond) {
  auto session =
      ApiReader(ctx, request, respond, ctx.options.conversations != nullptr, kNoConversations);
  if (!session) return;
  auto id = ApiPathId(request, respond, "case");
  if (!id) return;
  auto conversation = ctx.options.conversations->Conversation(session->actor, *id);
  if (!conversation) return respond(JsonError(conversation.error()));
  if (!*conversation) return respond(JsonError(kNoConversation));
  json replies = json::array();
  for (const auto& r : (*conversation)->replies) replies.push_back(ReplyJson(r));
  respond({200,
           "application/json",
           json{{"channel", ToString((*conversation)->channel)},
                {"stopped", (*conversation)->stopped},
                {"blocked", (*conversation)->blocked},
                {"replies", replies}}
               .dump(),
           {}});
}

void ApiListReplies(Context& ctx, Request& request, Respond respond) {
  auto session =
      ApiReader(ctx, request, respond, ctx.options.conversations != nullptr, kNoConversations);
  if (!session) return;
  auto id = ApiPathId(request, respond, "case");
  if (!id) return;
  auto replies = ctx.options.conversations->ListReplies(session->actor, *id);
  if (!replies) return respond(JsonError(replies.error()));
  json out = json::array();
  for (const auto& r : *replies) out.push_back(ReplyJson(r));
  respond({200, "application/json", json{{"replies", out}}.dump(), {}});
}

void ApiQueueReply(Context& ctx, Request& request, Respond respond) {
  auto post = ApiWriter(ctx, request, respond, ctx.options.conversations != nullptr,
                        kNoConversations, true, "{\"text\": \"...\"}");
  if (!post) return;
  if (!post->doc.value("text", json()).is_string()) {
    return respond(JsonError(InvalidInput("send {\"text\": \"...\"}", "text")));
  }
  auto queued = ctx.options.conversations->Reply(post->session.actor, post->id,
                                                 post->doc["text"].get<std::string>());
  if (!queued) return respond(JsonError(queued.error()));
  respond({201, "application/json", ReplyJson(*queued).dump(), {}});
}

void ApiBlockSender(Context& ctx, Request& request, Respond respond) {
  auto post = ApiWriter(ctx, request, respond, ctx.options.conversations != nullptr,
                        kNoConversations, true, "{}");
  if (!post) return;
  if (auto blocked = ctx.options.conversations->BlockSender(post->session.actor, post->id);
      !blocked) {
    return respond(JsonError(blocked.error()));
  }
  respond({204, "application/json", "", {}});
}

// The counter under the reply box asks here as the operator types, so that the rule is kept
// in one place (domain/channels/sms_segments). The text is counted and forgotten.
void ApiSmsParts(Context& ctx, Request& request, Respond respond) {
  auto post = ReadJsonPost(ctx, request, respond, false, "{\"text\": \"...\"}");
  if (!post) return;
  const json text = post->doc.value("text", json());
  if (!text.is_string())
    return respond(JsonError(InvalidInput("send {\"text\": \"...\"}", "text")));
  const std::string value = text.get<std::string>();
  if (!IsValidUtf8(value)) return respond(JsonError(InvalidInput("text must be UTF-8", "text")));
  const auto parts = channels::CountSmsSegments(value);
  respond({200,
           "application/json",
           json{{"parts", parts.parts},
                {"coding", parts.coding == channels::SmsCoding::kGsm7 ? "gsm7" : "ucs2"},
                {"units", parts.units},
                {"units_left", parts.units_left}}
               .dump(),
           {}});
}

void ConsoleBlockSender(Context& ctx, Request& request, Respond respond) {
  auto post = ReadCaseFormPost(ctx, request, respond);
  if (!post) return;
  const std::string back = "/console/cases/" + std::to_string(post->id);
  if (!ctx.options.conversations) return respond(Redirect(back));
  if (auto blocked = ctx.options.conversations->BlockSender(post->session.actor, post->id);
      !blocked) {
    return respond(ConsoleRefusal(blocked.error()));
  }
  respond(Redirect(back));
}

}  // namespace

Status ReplyToApplicant(Context& ctx, const app::Actor& actor, std::int64_t case_id,
                        std::string_view text) {
  if (ctx.options.conversations) {
    auto conversation = ctx.options.conversations->Conversation(actor, case_id);
    if (conversation && *conversation) {
      auto queued = ctx.options.conversations->Reply(actor, case_id, text);
      if (!queued) return queued.error();
      return OkStatus();
    }
  }
  return ctx.office.Reply(actor, case_id, text);
}

std::optional<app::ConversationView> ConversationOf(Context& ctx, const app::Actor& actor,
                                                    std::int64_t case_id) {
  if (!ctx.options.conversations) return std::nullopt;
  auto conversation = ctx.options.conversations->Conversation(actor, case_id);
  if (!conversation) return std::nullopt;
  return std::move(*conversation);
}

void AddChannelRoutes(Router& router, const Bind& bind) {
  router.Add("GET", "/api/v1/cases/{id}/channel",
             bind(ApiConversation, {app::Permission::kReplyToApplicant}));
  router.Add("GET", "/api/v1/cases/{id}/channel-replies",
             bind(ApiListReplies, {app::Permission::kReplyToApplicant}));
  router.Add("POST", "/api/v1/cases/{id}/channel-replies",
             bind(ApiQueueReply, {app::Permission::kReplyToApplicant}));
  router.Add("POST", "/api/v1/cases/{id}/block-sender",
             bind(ApiBlockSender, {app::Permission::kReviewScreening}));
  router.Add("POST", "/api/v1/sms-parts", bind(ApiSmsParts, {app::Permission::kReplyToApplicant}));
  router.Add("POST", "/console/cases/{id}/block-sender", bind(ConsoleBlockSender));
}

}  // namespace lifeline::server::office
