#include "app/abroad/abroad_record.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace lifeline::app {
namespace {

using nlohmann::json;

const Error kNotUnderstood{ErrorCode::kInternal, "this person's record is not understood"};

// Each entry of the array `key` (absent: none), which must hold objects.
const json& Entries(const json& doc, const char* key) {
  static const json kNone = json::array();
  auto it = doc.find(key);
  if (it == doc.end()) return kNone;
  if (!it->is_array()) throw std::invalid_argument("not a list");
  return *it;
}

}  // namespace

std::string EncodeStoredPerson(const PersonAbroadFields& f) {
  json stays = json::array();
  for (const auto& s : f.earlier_stays)
    stays.push_back({{"country", s.country}, {"entered", s.entered}, {"left", s.left}});
  json documents = json::array();
  for (const auto& d : f.documents)
    documents.push_back({{"kind", abroad::ToString(d.kind)}, {"expires", d.expires}});
  json cases = json::array();
  for (const auto& c : f.cases) cases.push_back({{"article", c.article}, {"status", c.status}});
  json family = json::array();
  for (const auto& m : f.family)
    family.push_back({{"relation", m.relation}, {"name", m.name}, {"where", m.where}});
  return json{{"v", kStoredPersonVersion}, {"name", f.name},         {"contact", f.contact},
              {"country", f.country},      {"city", f.city},         {"arrived_on", f.arrived_on},
              {"earlier_stays", stays},    {"documents", documents}, {"cases", cases},
              {"family", family},          {"notes", f.notes}}
      .dump();
}

// Versions 0 and 1 hold the same keys; a later version that renames one reads it here by
// its version, and this lifeline goes on opening the older ones.
Result<PersonAbroadFields> DecodeStoredPerson(std::string_view text) {
  const json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return kNotUnderstood;
  try {
    const int version = doc.value("v", 0);
    if (version < 0 || version > kStoredPersonVersion) return kNotUnderstood;
    PersonAbroadFields f;
    f.name = doc.value("name", "");
    f.contact = doc.value("contact", "");
    f.country = doc.value("country", "");
    f.city = doc.value("city", "");
    f.arrived_on = doc.value("arrived_on", "");
    f.notes = doc.value("notes", "");
    for (const json& s : Entries(doc, "earlier_stays"))
      f.earlier_stays.push_back(
          {s.value("country", ""), s.value("entered", ""), s.value("left", "")});
    for (const json& d : Entries(doc, "documents")) {
      auto kind = abroad::ParseDocumentKind(d.value("kind", ""));
      if (!kind) return kNotUnderstood;
      f.documents.push_back({*kind, d.value("expires", "")});
    }
    for (const json& c : Entries(doc, "cases"))
      f.cases.push_back({c.value("article", ""), c.value("status", "")});
    for (const json& m : Entries(doc, "family"))
      f.family.push_back({m.value("relation", ""), m.value("name", ""), m.value("where", "")});
    return f;
  } catch (const std::exception&) {
    return kNotUnderstood;  // a value of the wrong type (nlohmann's type_error, or Entries')
  }
}

}  // namespace lifeline::app
