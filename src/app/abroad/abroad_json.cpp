#include "app/abroad/abroad_json.hpp"

namespace lifeline::app {
namespace {

using nlohmann::json;

// Reads `key` of `doc` as text ("" when absent); kInvalidInput when it is not text.
Result<std::string> Text(const json& doc, const char* key, const std::string& field) {
  auto it = doc.find(key);
  if (it == doc.end() || it->is_null()) return std::string();
  if (!it->is_string()) return InvalidInput(field + " must be text", field);
  return it->get<std::string>();
}

// Calls `each` on every object in the array `key` (absent: none).
template <typename F>
Status EachObject(const json& doc, const char* key, F&& each) {
  auto it = doc.find(key);
  if (it == doc.end() || it->is_null()) return OkStatus();
  if (!it->is_array()) return InvalidInput(std::string(key) + " must be a list", key);
  for (const json& item : *it) {
    if (!item.is_object())
      return InvalidInput(std::string(key) + " must be a list of objects", key);
    if (auto ok = each(item); !ok) return ok;
  }
  return OkStatus();
}

}  // namespace

json ToJson(const PersonAbroadFields& f) {
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
  return {{"name", f.name},
          {"contact", f.contact},
          {"country", f.country},
          {"city", f.city},
          {"arrived_on", f.arrived_on},
          {"earlier_stays", stays},
          {"documents", documents},
          {"cases", cases},
          {"family", family},
          {"notes", f.notes}};
}

Result<PersonAbroadFields> PersonFieldsFromJson(const json& doc) {
  if (!doc.is_object()) return InvalidInput("the person's fields must be an object", "fields");
  PersonAbroadFields f;
  for (auto [key, target] : {std::pair{"name", &f.name},
                             {"contact", &f.contact},
                             {"country", &f.country},
                             {"city", &f.city},
                             {"arrived_on", &f.arrived_on},
                             {"notes", &f.notes}}) {
    auto value = Text(doc, key, key);
    if (!value) return value.error();
    *target = std::move(*value);
  }
  auto stays = EachObject(doc, "earlier_stays", [&](const json& item) -> Status {
    StayEntry s;
    for (auto [key, target] :
         {std::pair{"country", &s.country}, {"entered", &s.entered}, {"left", &s.left}}) {
      auto value = Text(item, key, std::string("earlier_stays.") + key);
      if (!value) return value.error();
      *target = std::move(*value);
    }
    f.earlier_stays.push_back(std::move(s));
    return OkStatus();
  });
  if (!stays) return stays.error();
  auto documents = EachObject(doc, "documents", [&](const json& item) -> Status {
    auto kind = Text(item, "kind", "documents.kind");
    if (!kind) return kind.error();
    auto parsed = abroad::ParseDocumentKind(*kind);
    if (!parsed) {
      return InvalidInput(
          "a document is internal_passport, international_passport, temporary_travel_document, "
          "residence_permit or visa",
          "documents.kind");
    }
    auto expires = Text(item, "expires", "documents.expires");
    if (!expires) return expires.error();
    f.documents.push_back({*parsed, std::move(*expires)});
    return OkStatus();
  });
  if (!documents) return documents.error();
  auto cases = EachObject(doc, "cases", [&](const json& item) -> Status {
    auto article = Text(item, "article", "cases.article");
    if (!article) return article.error();
    auto status = Text(item, "status", "cases.status");
    if (!status) return status.error();
    f.cases.push_back({std::move(*article), std::move(*status)});
    return OkStatus();
  });
  if (!cases) return cases.error();
  auto family = EachObject(doc, "family", [&](const json& item) -> Status {
    FamilyMember m;
    for (auto [key, target] :
         {std::pair{"relation", &m.relation}, {"name", &m.name}, {"where", &m.where}}) {
      auto value = Text(item, key, std::string("family.") + key);
      if (!value) return value.error();
      *target = std::move(*value);
    }
    f.family.push_back(std::move(m));
    return OkStatus();
  });
  if (!family) return family.error();
  return f;
}

}  // namespace lifeline::app
