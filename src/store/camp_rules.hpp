#pragma once
// A camp's rules as the stores keep them: one JSON document, since they change together and
// are read together. Whatever the engine. DecodeCampRules returns nullopt for a document
// this version does not understand (the engine reports a corrupt row).

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "store/camp_store.hpp"

namespace lifeline::store::camp_rules {

inline std::string Encode(const CampRecord& c) {
  using nlohmann::json;
  json hours = json::array();
  for (const auto& [from, to] : c.phone_hours) hours.push_back({from, to});
  json canteen = json::array();
  for (const auto& item : c.canteen)
    canteen.push_back({item.name, item.price, item.local_market_price});
  return json{{"language", c.language},
              {"canteen", canteen},
              {"kopiyky_per_franc", c.tariff.kopiyky_per_franc},
              {"working_pay_per_day", c.tariff.working_pay_per_day},
              {"call_charge_per_minute", c.tariff.call_charge_per_minute},
              {"advance_per_month", c.tariff.advance_per_month},
              {"max_daily_minutes", c.labour.max_daily_minutes},
              {"slot_minutes", c.rota.slot_minutes},
              {"max_call_minutes_per_day", c.rota.max_minutes_per_day},
              {"cut_call_keeps_turn_below", c.rota.cut_call_keeps_turn_below},
              {"phone_hours", hours},
              {"letters_per_month", c.mail.letters_per_month},
              {"cards_per_month", c.mail.cards_per_month}}
      .dump();
}

inline std::optional<CampRecord> Decode(std::int64_t id, std::string name,
                                        const std::string& rules) {
  using nlohmann::json;
  const json doc = json::parse(rules, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return std::nullopt;
  CampRecord c;
  c.id = id;
  c.name = std::move(name);
  try {
    c.language = doc.at("language").get<std::string>();
    c.tariff.kopiyky_per_franc = doc.at("kopiyky_per_franc").get<std::int64_t>();
    c.tariff.working_pay_per_day = doc.at("working_pay_per_day").get<std::int64_t>();
    c.tariff.call_charge_per_minute = doc.at("call_charge_per_minute").get<std::int64_t>();
    c.tariff.advance_per_month = doc.at("advance_per_month").get<std::array<std::int64_t, 5>>();
    c.labour.max_daily_minutes = doc.at("max_daily_minutes").get<int>();
    c.rota.slot_minutes = doc.at("slot_minutes").get<int>();
    c.rota.max_minutes_per_day = doc.at("max_call_minutes_per_day").get<int>();
    c.rota.cut_call_keeps_turn_below = doc.at("cut_call_keeps_turn_below").get<int>();
    for (const auto& h : doc.at("phone_hours"))
      c.phone_hours.emplace_back(h.at(0).get<int>(), h.at(1).get<int>());
    c.mail.letters_per_month = doc.at("letters_per_month").get<int>();
    c.mail.cards_per_month = doc.at("cards_per_month").get<int>();
    for (const auto& item : doc.at("canteen")) {
      c.canteen.push_back({item.at(0).get<std::string>(), item.at(1).get<std::int64_t>(),
                           item.at(2).get<std::int64_t>()});
    }
  } catch (const json::exception&) {
    return std::nullopt;
  }
  return c;
}

}  // namespace lifeline::store::camp_rules
