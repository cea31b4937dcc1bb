#include "server/camp/camp_json.hpp"

#include "domain/camp/money.hpp"

namespace lifeline::server {
namespace {

using nlohmann::json;

// Optional members: absent keeps the value; a wrong type is an error naming the field.
Status Text(const json& doc, const char* key, std::string& out) {
  if (!doc.contains(key)) return OkStatus();
  if (!doc[key].is_string()) return InvalidInput(std::string(key) + " must be text", key);
  out = doc[key].get<std::string>();
  return OkStatus();
}

Status Whole(const json& doc, const char* key, int& out, int min, int max) {
  if (!doc.contains(key)) return OkStatus();
  const json& v = doc[key];
  if (!v.is_number_integer() || v.get<std::int64_t>() < min || v.get<std::int64_t>() > max) {
    return InvalidInput(std::string(key) + " must be a whole number from " + std::to_string(min) +
                            " to " + std::to_string(max),
                        key);
  }
  out = static_cast<int>(v.get<std::int64_t>());
  return OkStatus();
}

Status Amount(const json& doc, const char* key, std::int64_t& out, bool allow_zero) {
  if (!doc.contains(key)) return OkStatus();
  if (!doc[key].is_string())
    return InvalidInput(std::string(key) + " must be an amount in quotes, like \"10.50\"", key);
  auto parsed = camp::ParseAmount(doc[key].get<std::string>(), key, allow_zero);
  if (!parsed) return parsed.error();
  out = *parsed;
  return OkStatus();
}

}  // namespace

Result<camp::CampRecord> CampFromJson(const json& doc, camp::CampRecord c) {
  if (!doc.is_object()) return InvalidInput("send a JSON object");
  int max_daily_hours = c.labour.max_daily_minutes / 60;
  for (Status s : {Text(doc, "name", c.name), Text(doc, "language", c.language),
                   Amount(doc, "uah_per_chf", c.tariff.kopiyky_per_franc, false),
                   Amount(doc, "working_pay_per_day", c.tariff.working_pay_per_day, false),
                   Amount(doc, "call_charge_per_minute", c.tariff.call_charge_per_minute, true),
                   Whole(doc, "max_daily_hours", max_daily_hours, 1, 12),
                   Whole(doc, "slot_minutes", c.rota.slot_minutes, 1, 240),
                   Whole(doc, "max_call_minutes_per_day", c.rota.max_minutes_per_day, 1, 240),
                   Whole(doc, "letters_per_month", c.mail.letters_per_month, 0, 1000),
                   Whole(doc, "cards_per_month", c.mail.cards_per_month, 0, 1000)}) {
    if (!s) return s.error();
  }
  c.labour.max_daily_minutes = max_daily_hours * 60;
  if (doc.contains("phone_hours")) {
    const json& hours = doc["phone_hours"];
    const Error bad = InvalidInput("phone_hours must be a list like [\"10:00-12:00\"]", "hours");
    if (!hours.is_array()) return bad;
    std::vector<std::string> ranges;
    for (const auto& h : hours) {
      if (!h.is_string()) return bad;
      ranges.push_back(h.get<std::string>());
    }
    auto parsed = camp::ParseOpeningHours(ranges);
    if (!parsed) return parsed.error();
    c.phone_hours = std::move(*parsed);
  }
  if (doc.contains("canteen")) {
    const Error bad = InvalidInput(
        "canteen must be a list of {\"name\", \"price\", \"market_price\"}", "canteen");
    if (!doc["canteen"].is_array()) return bad;
    c.canteen.clear();
    for (const auto& item : doc["canteen"]) {
      if (!item.is_object()) return bad;
      camp::CanteenItem parsed;
      for (Status s : {Text(item, "name", parsed.name), Amount(item, "price", parsed.price, false),
                       Amount(item, "market_price", parsed.local_market_price, false)}) {
        if (!s) return s.error();
      }
      c.canteen.push_back(std::move(parsed));
    }
  }
  return c;
}

json CampJson(const camp::CampRecord& c) {
  json hours = json::array();
  for (const auto& range : c.phone_hours) hours.push_back(camp::FormatOpeningRange(range));
  json canteen = json::array();
  for (const auto& item : c.canteen) {
    canteen.push_back({{"name", item.name},
                       {"price", camp::FormatAmount(item.price)},
                       {"market_price", camp::FormatAmount(item.local_market_price)}});
  }
  json advances = json::object();
  for (auto cls : {camp::AdvanceClass::kI, camp::AdvanceClass::kII, camp::AdvanceClass::kIII,
                   camp::AdvanceClass::kIV, camp::AdvanceClass::kV}) {
    advances[std::string(ToString(cls))] = camp::FormatAmount(camp::AdvanceFor(c.tariff, cls));
  }
  return {{"id", c.id},
          {"name", c.name},
          {"language", c.language},
          {"uah_per_chf", camp::FormatAmount(c.tariff.kopiyky_per_franc)},
          {"working_pay_per_day", camp::FormatAmount(c.tariff.working_pay_per_day)},
          {"minimum_working_pay_per_day",
           camp::FormatAmount(camp::ChfToUahRoundedUp(camp::kMinimumWorkingPayRappen,
                                                      c.tariff.kopiyky_per_franc))},
          {"call_charge_per_minute", camp::FormatAmount(c.tariff.call_charge_per_minute)},
          {"monthly_advances", advances},
          {"max_daily_hours", c.labour.max_daily_minutes / 60},
          {"phone_hours", hours},
          {"slot_minutes", c.rota.slot_minutes},
          {"max_call_minutes_per_day", c.rota.max_minutes_per_day},
          {"letters_per_month", c.mail.letters_per_month},
          {"cards_per_month", c.mail.cards_per_month},
          {"canteen", canteen}};
}

Result<app::PrisonerDraft> PrisonerDraftFromJson(const json& doc, std::int64_t camp_id) {
  if (!doc.is_object()) return InvalidInput("send a JSON object");
  app::PrisonerDraft d;
  d.camp_id = camp_id;
  std::string rank = std::string(camp::ToString(d.rank_category));
  for (Status s : {Text(doc, "rank_category", rank), Text(doc, "health", d.health),
                   Text(doc, "arrived_on", d.arrived_on), Text(doc, "language", d.language)}) {
    if (!s) return s.error();
  }
  auto category = camp::ParseRankCategory(rank);
  if (!category) {
    return InvalidInput(
        "rank_category must be soldier, nco, warrant_officer, junior_officer, senior_officer or "
        "general",
        "rank_category");
  }
  d.rank_category = *category;
  const json fields = doc.value("fields", json::object());
  if (!fields.is_object()) return InvalidInput("fields must be an object", "fields");
  app::PrisonerFields& f = d.fields;
  for (Status s :
       {Text(fields, "surname", f.surname), Text(fields, "first_names", f.first_names),
        Text(fields, "father_name", f.father_name),
        Text(fields, "mother_maiden_name", f.mother_maiden_name), Text(fields, "rank", f.rank),
        Text(fields, "service_number", f.service_number), Text(fields, "birth_date", f.birth_date),
        Text(fields, "birth_place", f.birth_place), Text(fields, "power", f.power),
        Text(fields, "person_to_inform", f.person_to_inform),
        Text(fields, "mail_address", f.mail_address), Text(fields, "captured_on", f.captured_on)}) {
    if (!s) return s.error();
  }
  return d;
}

json PrisonerFieldsJson(const app::PrisonerFields& f) {
  return {{"surname", f.surname},
          {"first_names", f.first_names},
          {"father_name", f.father_name},
          {"mother_maiden_name", f.mother_maiden_name},
          {"rank", f.rank},
          {"service_number", f.service_number},
          {"birth_date", f.birth_date},
          {"birth_place", f.birth_place},
          {"power", f.power},
          {"person_to_inform", f.person_to_inform},
          {"mail_address", f.mail_address},
          {"captured_on", f.captured_on}};
}

json PrisonerJson(const app::Prisoner& p) {
  json out = {{"id", p.stored.id},
              {"number", p.number},
              {"camp_id", p.stored.camp_id},
              {"rank_category", camp::ToString(p.stored.rank)},
              {"health", p.stored.health},
              {"arrived_on", FormatIsoDate(p.stored.arrived_on)},
              {"language", p.stored.language},
              {"status", camp::ToString(p.stored.status)},
              {"custody", "captured"},
              {"balance", camp::FormatAmount(p.stored.balance)},
              {"capture_card_due", FormatIsoDate(p.capture_card_due)},
              {"capture_card_sent_on", p.stored.capture_card_sent_on
                                           ? json(FormatIsoDate(*p.stored.capture_card_sent_on))
                                           : json(nullptr)},
              {"capture_card_overdue", p.capture_card_overdue}};
  if (p.fields) out["fields"] = PrisonerFieldsJson(*p.fields);
  return out;
}

Result<app::LedgerRequest> LedgerRequestFromJson(const json& doc) {
  if (!doc.is_object()) return InvalidInput("send a JSON object");
  app::LedgerRequest r;
  std::string kind;
  int prisoner = 0;
  int reverses = 0;
  for (Status s :
       {Text(doc, "key", r.key), Text(doc, "kind", kind),
        Whole(doc, "prisoner", prisoner, 1, 2'000'000'000), Whole(doc, "days", r.days, 0, 31),
        Amount(doc, "amount", r.amount, false), Text(doc, "item", r.item),
        Whole(doc, "quantity", r.quantity, 0, 100), Whole(doc, "minutes", r.minutes, 0, 1440),
        Whole(doc, "reverses", reverses, 1, 2'000'000'000), Text(doc, "memo", r.memo)}) {
    if (!s) return s.error();
  }
  // The ledger decides who pays a call; a transfer's postings come with the transfer.
  auto parsed = camp::ParsePostingKind(kind);
  if (!parsed || *parsed == camp::PostingKind::kStatePaidCall ||
      *parsed == camp::PostingKind::kTransferOut || *parsed == camp::PostingKind::kTransferIn) {
    return InvalidInput(
        "kind must be working_pay, advance_of_pay, cash_at_capture, canteen_purchase, call_charge, "
        "remittance_out, remittance_in or reversal",
        "kind");
  }
  if (doc.contains("currency")) {
    std::string code;
    if (auto s = Text(doc, "currency", code); !s) return s.error();
    auto currency = camp::ParseCurrency(code);
    if (!currency) return currency.error();
    if (*currency != camp::Currency::kUah)
      return InvalidInput("the camp's books are kept in UAH", "currency");
  }
  r.kind = *parsed;
  r.prisoner_id = prisoner;
  r.reverses = reverses;
  return r;
}

json StatementJson(const app::AccountStatement& s) {
  json entries = json::array();
  for (const auto& e : s.entries) {
    entries.push_back({{"posting", e.posting_id},
                       {"at", e.at},
                       {"kind", camp::ToString(e.kind)},
                       {"memo", e.memo},
                       {"amount", camp::FormatAmount(e.change)}});
  }
  return {{"prisoner", s.number}, {"camp", s.camp_id},
          {"from", s.from},       {"to", s.to},
          {"currency", "UAH"},    {"opening_balance", camp::FormatAmount(s.opening)},
          {"entries", entries},   {"closing_balance", camp::FormatAmount(s.closing)}};
}

}  // namespace lifeline::server
