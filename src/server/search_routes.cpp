// Search: POST /api/v1/search and the console's search page. The query travels in the body,
// never in a URL, so that no name ends up in a proxy's log or a browser's history.

#include <nlohmann/json.hpp>

#include "server/case_json.hpp"
#include "server/console_pages.hpp"
#include "server/office_route_support.hpp"
#include "server/page.hpp"

namespace lifeline::server::office {
namespace {

using nlohmann::json;

void ApiSearch(Context& ctx, Request& request, Respond respond) {
  auto session = ApiAuth(ctx, request, true);  // a POST: the CSRF token guards it too
  if (!session) return respond(JsonError(session.error()));
  if (!HasMediaType(request, "application/json")) {
    return respond(JsonError(415, "unsupported_media_type", "send the body as application/json"));
  }
  const json doc = json::parse(request.body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.value("q", json()).is_string()) {
    return respond(JsonError(InvalidInput("send {\"q\": \"words to search for\"}", "q")));
  }
  const json per_page = doc.value("per_page", json(50));
  if (!per_page.is_number_integer()) return respond(JsonError(InvalidInput("per_page must be a number", "per_page")));
  auto page = ctx.office.Search(session->actor, doc["q"].get<std::string>(), per_page.get<int>());
  if (!page) return respond(JsonError(page.error()));
  json items = json::array();
  for (const auto& c : page->items) items.push_back(SummaryJson(c));
  respond({200, "application/json",
           json{{"items", items}, {"total", page->total}, {"index_complete", page->index_complete}}.dump(), {}});
}

void ConsoleSearchForm(Context& ctx, Request& request, Respond respond) {
  auto session = ctx.sessions.Authenticate(request.Cookie(kCookie));
  if (!session) return respond(Redirect("/console/"));
  if (session->must_enrol_second_factor) return respond(Redirect("/console/security"));
  respond(HtmlResponse(200, ConsoleSearchPage(*session, "", nullptr, "")));
}

void ConsoleSearch(Context& ctx, Request& request, Respond respond) {
  std::multimap<std::string, std::string> form;
  auto session = ConsoleAuth(ctx, request, &form);
  if (!session) return respond(Redirect("/console/"));
  if (session->must_enrol_second_factor) return respond(Redirect("/console/security"));
  const std::string query = FormField(form, "q");
  auto page = ctx.office.Search(session->actor, query, 50);
  if (!page) {
    return respond(HtmlResponse(HttpStatusOf(page.error().code),
                                ConsoleSearchPage(*session, query, nullptr, page.error().message)));
  }
  respond(HtmlResponse(200, ConsoleSearchPage(*session, query, &*page, "")));
}

}  // namespace

void AddSearchRoutes(Router& router, const Bind& bind) {
  router.Add("POST", "/api/v1/search", bind(ApiSearch));
  router.Add("GET", "/console/search", bind(ConsoleSearchForm));
  router.Add("POST", "/console/search", bind(ConsoleSearch));
}

}  // namespace lifeline::server::office
