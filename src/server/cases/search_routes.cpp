// Search: POST /api/v1/search and the console's search page. The query travels in the body,
// never in a URL, so that no name ends up in a proxy's log or a browser's history.

#include <nlohmann/json.hpp>

#include "server/cases/case_json.hpp"
#include "server/console_pages.hpp"
#include "server/office_route_support.hpp"
#include "server/page.hpp"

namespace lifeline::server::office {
namespace {

using nlohmann::json;

void ApiSearch(Context& ctx, Request& request, Respond respond) {
  // A POST, so that the query is in no URL; the CSRF token guards it too.
  auto post = ReadJsonPost(ctx, request, respond, false, "{\"q\": \"words to search for\"}");
  if (!post) return;
  if (!post->doc.value("q", json()).is_string())
    return respond(JsonError(InvalidInput("q: must be text", "q")));
  const json per_page = post->doc.value("per_page", json(50));
  if (!per_page.is_number_integer())
    return respond(JsonError(InvalidInput("per_page must be a number", "per_page")));
  auto page = ctx.office.Search(post->session.actor, post->doc["q"].get<std::string>(),
                                per_page.get<int>());
  if (!page) return respond(JsonError(page.error()));
  json items = json::array();
  for (const auto& c : page->items) items.push_back(SummaryJson(c));
  respond({200,
           "application/json",
           json{{"items", items}, {"total", page->total}, {"index_complete", page->index_complete}}
               .dump(),
           {}});
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
  router.Add("POST", "/api/v1/search", bind(ApiSearch, {app::Permission::kListCases}));
  router.Add("GET", "/console/search", bind(ConsoleSearchForm));
  router.Add("POST", "/console/search", bind(ConsoleSearch));
}

}  // namespace lifeline::server::office
