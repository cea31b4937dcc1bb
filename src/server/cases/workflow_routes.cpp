// Case workflow transitions: POST /api/v1/cases/{id}/status and the console's status form.
// The app layer checks the move against domain/workflow.hpp and the version the caller saw.

#include <nlohmann/json.hpp>

#include "server/console_common.hpp"
#include "server/console_pages.hpp"
#include "server/office_route_support.hpp"
#include "server/page.hpp"

namespace lifeline::server::office {
namespace {

using nlohmann::json;

// Reads the change from its text fields; kInvalidInput naming the bad one.
Result<app::StatusChange> ChangeFrom(const std::string& to, const std::string& version,
                                     std::string reason, const std::string& circumstance) {
  app::StatusChange change;
  auto status = ParseCaseStatus(to);
  if (!status) return InvalidInput("unknown status", "to");
  change.to = *status;
  auto parsed = ParseVersion(version);
  if (!parsed) return InvalidInput("version must be the case's version as last read", "version");
  change.expected_version = *parsed;
  change.reason = std::move(reason);
  if (!circumstance.empty()) {
    change.circumstance = ParseCustodyCircumstance(circumstance);
    if (!change.circumstance) {
      return InvalidInput("circumstance must be \"captured\" or \"voluntary_surrender\"",
                          "circumstance");
    }
  }
  return change;
}

void ApiChangeStatus(Context& ctx, Request& request, Respond respond) {
  auto post = ReadJsonPost(
      ctx, request, respond, true,
      "{\"to\": \"<status>\", \"version\": <number>, \"reason\": \"...\" (when needed)}");
  if (!post) return;
  const json& doc = post->doc;
  if (!doc.value("to", json()).is_string())
    return respond(JsonError(InvalidInput("to: must be a status name", "to")));
  if (!doc.value("version", json()).is_number_integer()) {
    return respond(
        JsonError(InvalidInput("version: must be the case's version as last read", "version")));
  }
  for (const char* optional : {"reason", "circumstance"}) {
    if (!doc.value(optional, json("")).is_string()) {
      return respond(
          JsonError(InvalidInput(std::string(optional) + ": must be a string", optional)));
    }
  }
  auto change =
      ChangeFrom(doc["to"].get<std::string>(), std::to_string(doc["version"].get<std::int64_t>()),
                 doc.value("reason", std::string()), doc.value("circumstance", std::string()));
  if (!change) return respond(JsonError(change.error()));
  auto version = ctx.office.ChangeStatus(post->session.actor, post->id, *change);
  if (!version) return respond(JsonError(version.error()));
  respond({200,
           "application/json",
           json{{"status", ToString(change->to)}, {"version", *version}}.dump(),
           {}});
}

void ApiMerge(Context& ctx, Request& request, Respond respond) {
  auto post =
      ReadJsonPost(ctx, request, respond, true, "{\"into\": <case number>, \"version\": <number>}");
  if (!post) return;
  if (!post->doc.value("into", json()).is_number_integer()) {
    return respond(JsonError(InvalidInput("into: must be a case number", "into")));
  }
  if (!post->doc.value("version", json()).is_number_integer()) {
    return respond(
        JsonError(InvalidInput("version: must be the case's version as last read", "version")));
  }
  auto version =
      ctx.office.MergeCase(post->session.actor, post->id, post->doc["into"].get<std::int64_t>(),
                           post->doc["version"].get<std::int64_t>());
  if (!version) return respond(JsonError(version.error()));
  respond(
      {200, "application/json", json{{"status", "duplicate"}, {"version", *version}}.dump(), {}});
}

void ConsoleMerge(Context& ctx, Request& request, Respond respond) {
  auto post = ReadCaseFormPost(ctx, request, respond);
  if (!post) return;
  auto into = ParseId(FormField(post->form, "into"));
  auto version = ParseVersion(FormField(post->form, "version"));
  Result<std::int64_t> merged = InvalidInput("choose the case to merge into", "into");
  if (into && version)
    merged = ctx.office.MergeCase(post->session.actor, post->id, *into, *version);
  if (merged) return respond(Redirect("/console/cases/" + std::to_string(*into)));
  auto details = ctx.office.GetCase(post->session.actor, post->id);
  if (!details) return respond(Redirect("/console/"));
  respond(HtmlResponse(
      HttpStatusOf(merged.error().code),
      ConsoleCasePage(post->session, *details, console::ConsoleErrorRu(merged.error()))));
}

void ConsoleChangeStatus(Context& ctx, Request& request, Respond respond) {
  auto post = ReadCaseFormPost(ctx, request, respond);
  if (!post) return;
  auto change = ChangeFrom(FormField(post->form, "to"), FormField(post->form, "version"),
                           FormField(post->form, "reason"), FormField(post->form, "circumstance"));
  Result<std::int64_t> version =
      change ? ctx.office.ChangeStatus(post->session.actor, post->id, *change)
             : Result<std::int64_t>(change.error());
  if (version) return respond(Redirect("/console/cases/" + std::to_string(post->id)));
  auto details = ctx.office.GetCase(post->session.actor, post->id);
  if (!details) return respond(Redirect("/console/"));
  respond(HtmlResponse(
      HttpStatusOf(version.error().code),
      ConsoleCasePage(post->session, *details, console::ConsoleErrorRu(version.error()))));
}

}  // namespace

void AddWorkflowRoutes(Router& router, const Bind& bind) {
  router.Add("POST", "/api/v1/cases/{id}/status",
             bind(ApiChangeStatus, {app::Permission::kReadCase}));
  router.Add("POST", "/console/cases/{id}/status", bind(ConsoleChangeStatus));
  router.Add("POST", "/api/v1/cases/{id}/merge", bind(ApiMerge, {app::Permission::kMergeCases}));
  router.Add("POST", "/console/cases/{id}/merge", bind(ConsoleMerge));
}

}  // namespace lifeline::server::office
