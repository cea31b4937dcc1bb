// Search: POST /api/v1/search and the console's search page. The query travels in the body,
// never in a URL, so that no name ends up in a proxy's log or a browser's history.

#include <algorithm>
#include <nlohmann/json.hpp>

#include "server/cases/case_json.hpp"
#include "server/console_common.hpp"
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
  app::SearchQuery query{post->doc["q"].get<std::string>()};
  for (auto [name, value] : {std::pair{"per_page", &query.limit}, {"offset", &query.offset}}) {
    const json given = post->doc.value(name, json(*value));
    if (!given.is_number_integer() || given.get<std::int64_t>() < 0 ||
        given.get<std::int64_t>() > 1'000'000) {
      return respond(JsonError(InvalidInput(std::string(name) + ": must be a number", name)));
    }
    *value = given.get<int>();
  }
  auto page = ctx.office.Search(post->session.actor, query);
  if (!page) return respond(JsonError(page.error()));
  json items = json::array();
  for (const auto& item : page->items) {
    json j = SummaryJson(item.summary);
    json words = json::array();
    for (const auto& m : item.words) {
      words.push_back(m ? json{{"field", app::ToString(m->field)}, {"kind", app::ToString(m->kind)}}
                        : json(nullptr));
    }
    j["match"] = {{"contact", item.by_contact}, {"words", words}};
    items.push_back(std::move(j));
  }
  respond({200,
           "application/json",
           json{{"items", items},
                {"total", page->total},
                {"complete", page->complete},
                {"offset", query.offset},
                {"index_complete", page->index_complete},
                {"indexed_cases", page->indexed_cases}}
               .dump(),
           {}});
}

void ConsoleSearchForm(Context& ctx, Request& request, Respond respond) {
  auto session = ctx.sessions.Authenticate(request.Cookie(kCookie));
  if (!session) return respond(Redirect("/console/"));
  if (session->must_enrol_second_factor) return respond(Redirect("/console/security"));
  respond(HtmlResponse(200, ConsoleSearchPage(*session, {}, nullptr, "")));
}

void ConsoleSearch(Context& ctx, Request& request, Respond respond) {
  std::multimap<std::string, std::string> form;
  auto session = ConsoleAuth(ctx, request, &form);
  if (!session) return respond(Redirect("/console/"));
  if (session->must_enrol_second_factor) return respond(Redirect("/console/security"));
  app::SearchQuery query{FormField(form, "q")};
  if (const std::string from = FormField(form, "offset"); !from.empty()) {
    // The console's own "next page" button sends it; anything else starts from the top.
    query.offset =
        from.size() <= 5 && std::all_of(from.begin(), from.end(),
                                        [](unsigned char c) { return c >= '0' && c <= '9'; })
            ? std::stoi(from)
            : 0;
  }
  auto page = ctx.office.Search(session->actor, query);
  if (!page) {
    return respond(HtmlResponse(
        HttpStatusOf(page.error().code),
        ConsoleSearchPage(*session, query, nullptr, console::ConsoleErrorRu(page.error()))));
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
