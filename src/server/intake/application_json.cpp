#include "server/intake/application_json.hpp"

#include <nlohmann/json.hpp>
#include <set>

namespace lifeline::server {
namespace {

using nlohmann::json;

// An unknown member is refused without repeating its name: the name is the sender's text,
// which may be anything (a name typed into the wrong place), and errors carry no personal
// data. `object_field` names the object that holds it ("" for the body itself).
Status CheckKeys(const json& object, const std::set<std::string>& allowed,
                 std::string_view object_field) {
  for (const auto& [key, value] : object.items()) {
    if (!allowed.contains(key)) {
      if (object_field.empty()) return InvalidInput("the body has a field this call does not take");
      return InvalidInput(std::string(object_field) + ": has a field this call does not take",
                          std::string(object_field));
    }
  }
  return OkStatus();
}

// Reads an optional string member; null counts as absent.
Status ReadString(const json& object, const char* key, std::string_view field, std::string& out) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return OkStatus();
  if (!it->is_string())
    return InvalidInput(std::string(field) + ": must be a string", std::string(field));
  out = it->get<std::string>();
  return OkStatus();
}

}  // namespace

Result<ApplicationDraft> ParseApplicationJson(std::string_view body) {
  // nlohmann rejects ill-formed UTF-8 inside strings, so invalid UTF-8 fails here too.
  const json doc = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return InvalidInput("the body is not valid JSON (or not valid UTF-8)");
  if (!doc.is_object()) return InvalidInput("the body must be a JSON object");
  if (auto s = CheckKeys(doc,
                         {"situation", "group", "deploy_by", "contact", "name", "unit", "rank",
                          "location", "message", "language", "duress_receipt", "proof"},
                         "");
      !s) {
    return s.error();
  }
  ApplicationDraft d;
  struct Field {
    const char* key;
    std::string* out;
  };
  for (const Field& f :
       {Field{"situation", &d.situation}, Field{"deploy_by", &d.deploy_by}, Field{"name", &d.name},
        Field{"unit", &d.unit}, Field{"rank", &d.rank}, Field{"location", &d.location},
        Field{"message", &d.message}, Field{"language", &d.language}}) {
    if (auto s = ReadString(doc, f.key, f.key, *f.out); !s) return s.error();
  }
  if (auto group = doc.find("group"); group != doc.end() && !group->is_null()) {
    if (!group->is_object()) return InvalidInput("group: must be an object", "group");
    if (auto s = CheckKeys(*group, {"kind", "size"}, "group"); !s) return s.error();
    if (auto s = ReadString(*group, "kind", "group.kind", d.group_kind); !s) return s.error();
    if (auto size = group->find("size"); size != group->end() && !size->is_null()) {
      if (!size->is_number_integer())
        return InvalidInput("group.size: must be a whole number", "group.size");
      d.group_size = size->get<std::int64_t>();
    }
  }
  for (auto [key, out] :
       {std::pair{"duress_receipt", &d.duress_receipt}, std::pair{"proof", &d.proof}}) {
    auto flag = doc.find(key);
    if (flag == doc.end() || flag->is_null()) continue;
    if (!flag->is_boolean()) return InvalidInput(std::string(key) + ": must be true or false", key);
    *out = flag->get<bool>();
  }
  auto contact = doc.find("contact");
  if (contact == doc.end() || contact->is_null())
    return InvalidInput("contact: required", "contact");
  if (!contact->is_object()) return InvalidInput("contact: must be an object", "contact");
  if (auto s = CheckKeys(*contact, {"channel", "handle", "safe_windows", "utc_offset"}, "contact");
      !s)
    return s.error();
  if (auto s = ReadString(*contact, "channel", "contact.channel", d.contact_channel); !s)
    return s.error();
  if (auto s = ReadString(*contact, "handle", "contact.handle", d.contact_handle); !s)
    return s.error();
  if (auto s = ReadString(*contact, "utc_offset", "contact.utc_offset", d.utc_offset); !s)
    return s.error();
  if (auto windows = contact->find("safe_windows");
      windows != contact->end() && !windows->is_null()) {
    if (!windows->is_array()) {
      return InvalidInput("contact.safe_windows: must be a list of strings",
                          "contact.safe_windows");
    }
    if (windows->size() > ApplicationLimits::kSafeWindows) {
      return InvalidInput("contact.safe_windows: at most 8 windows", "contact.safe_windows");
    }
    for (const auto& w : *windows) {
      if (!w.is_string()) {
        return InvalidInput("contact.safe_windows: must be a list of strings",
                            "contact.safe_windows");
      }
      d.safe_windows.push_back(w.get<std::string>());
    }
  }
  return d;
}

Result<std::string> ParseApplicantStatusJson(std::string_view body) {
  const json doc = json::parse(body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("receipt") ||
      !doc["receipt"].is_string()) {
    return InvalidInput("send {\"receipt\": \"...\"}", "receipt");
  }
  return doc["receipt"].get<std::string>();
}

Result<ApplicantMessageRequest> ParseApplicantMessageJson(std::string_view body) {
  const json doc = json::parse(body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.value("receipt", json()).is_string()) {
    return InvalidInput("send {\"receipt\": \"...\", \"text\": \"...\"}", "receipt");
  }
  if (!doc.value("text", json()).is_string()) return InvalidInput("text: must be a string", "text");
  return ApplicantMessageRequest{doc["receipt"].get<std::string>(), doc["text"].get<std::string>()};
}

}  // namespace lifeline::server
