#include "server/cases/case_json.hpp"

namespace lifeline::server {

nlohmann::json SummaryJson(const CaseSummary& c) {
  nlohmann::json j = {
      {"id", c.id},
      {"received_on", FormatIsoDate(c.received_on)},
      {"status", ToString(c.status)},
      {"situation", ToString(c.clear.situation)},
      {"group", {{"kind", ToString(c.clear.group_kind)}, {"size", c.clear.group_size}}},
      {"contact_channel", ToString(c.clear.contact_channel)},
      {"language", ToString(c.clear.language)},
      {"deploy_by", nullptr},
      {"assigned_user_id", nullptr},
  };
  if (c.assigned_user_id) j["assigned_user_id"] = *c.assigned_user_id;
  if (c.clear.deploy_by) j["deploy_by"] = FormatIsoDate(*c.clear.deploy_by);
  // Every person in custody is shown as captured; the true circumstance has its own
  // endpoint for the roles that hold it.
  j["custody"] = c.in_custody ? nlohmann::json(kCustodyShownToAll) : nlohmann::json(nullptr);
  j["group_case_id"] = c.group_case_id ? nlohmann::json(*c.group_case_id) : nlohmann::json(nullptr);
  return j;
}

nlohmann::json DetailsJson(const app::CaseDetails& d) {
  nlohmann::json j = SummaryJson(d.summary);
  j["group_members"] = d.group_members;
  nlohmann::json windows = nlohmann::json::array();
  for (const auto& w : d.fields.safe_windows) windows.push_back(FormatSafeWindow(w));
  j["name"] = d.fields.name;
  j["unit"] = d.fields.unit;
  j["rank"] = d.fields.rank;
  j["location"] = d.fields.location;
  j["message"] = d.fields.message;
  j["contact"] = {{"channel", ToString(d.summary.clear.contact_channel)},
                  {"handle", d.fields.contact_handle},
                  {"safe_windows", windows}};
  j["received_at"] = d.received_at;
  nlohmann::json messages = nlohmann::json::array();
  for (const auto& m : d.messages) {
    messages.push_back({{"written_on", FormatIsoDate(m.written_on)},
                        {"from", m.author_user_id ? "office" : "applicant"},
                        {"author_user_id", m.author_user_id ? nlohmann::json(*m.author_user_id)
                                                            : nlohmann::json(nullptr)},
                        {"text", m.text}});
  }
  j["messages"] = messages;
  j["version"] = d.version;
  nlohmann::json timeline = nlohmann::json::array();
  for (const auto& e : d.timeline) {
    timeline.push_back(
        {{"at", e.at},
         {"actor", e.actor_name},
         {"from", ToString(e.from)},
         {"to", ToString(e.to)},
         {"reason", e.reason.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.reason)}});
  }
  j["timeline"] = timeline;
  nlohmann::json next = nlohmann::json::array();
  for (const auto& t : d.next)
    next.push_back({{"to", ToString(t.to)}, {"reason_required", t.reason_required}});
  j["next"] = next;
  nlohmann::json tasks = nlohmann::json::array();
  for (const auto& t : d.tasks) {
    tasks.push_back(
        {{"id", t.id},
         {"kind", ToString(t.kind)},
         {"due_at", t.due_at},
         {"note", t.note.empty() ? nlohmann::json(nullptr) : nlohmann::json(t.note)},
         {"done_at", t.done_at ? nlohmann::json(*t.done_at) : nlohmann::json(nullptr)}});
  }
  j["tasks"] = tasks;
  j["contact"]["utc_offset"] = FormatUtcOffset(d.fields.utc_offset_minutes);
  nlohmann::json next_windows = nlohmann::json::array();
  for (const auto& w : d.windows) {
    next_windows.push_back(
        {{"start", w.start.time_since_epoch().count()}, {"end", w.end.time_since_epoch().count()}});
  }
  j["contact"]["next_windows"] = next_windows;
  j["contact"]["inside_window_now"] = d.inside_window_now;
  j["merged_into"] = d.merged_into ? nlohmann::json(*d.merged_into) : nlohmann::json(nullptr);
  j["merged_from"] = d.merged_from;
  if (d.screening) {
    nlohmann::json duplicates = nlohmann::json::array();
    for (const auto& p : d.duplicates)
      duplicates.push_back({{"case_id", p.case_id}, {"reasons", p.reasons}});
    j["duplicates"] = duplicates;
    nlohmann::json signals = nlohmann::json::array();
    for (const auto& s : d.screening->signals) {
      signals.push_back({{"code", s.code}, {"weight", s.weight}, {"reason", s.reason}});
    }
    j["screening"] = {{"score", d.screening->score},
                      {"needs_review", d.screening->needs_review},
                      {"signals", signals}};
  }
  return j;
}

nlohmann::json QueuedTaskJson(const QueuedTask& q, std::int64_t now) {
  return {{"id", q.task.id},
          {"case_id", q.task.case_id},
          {"kind", ToString(q.task.kind)},
          {"due_at", q.task.due_at},
          {"overdue", q.task.due_at < now},
          {"case", SummaryJson(q.summary)}};
}

}  // namespace lifeline::server
