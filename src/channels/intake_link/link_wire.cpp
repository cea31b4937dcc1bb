#include "channels/intake_link/link_wire.hpp"

#include <cstdint>
#include <nlohmann/json.hpp>

#include "crypto/base64.hpp"
#include "crypto/crypto.hpp"

namespace lifeline::channels::intake_link {
namespace {

using nlohmann::json;
using std::chrono::sys_seconds;

const Error kMalformed{ErrorCode::kInvalidInput, "the link request or answer is malformed"};
const Error kRefused{ErrorCode::kUnauthenticated, "the link request is not the office's"};

std::int64_t Days(const Date& day) { return std::chrono::sys_days{day}.time_since_epoch().count(); }
Date DayOf(std::int64_t days) { return Date{std::chrono::sys_days{std::chrono::days{days}}}; }

std::string B64(std::span<const std::uint8_t> bytes) { return crypto::ToBase64(bytes); }

// The blob under `name` in `j`, or throws (caught as kMalformed below).
Blob BlobAt(const json& j, const char* name) {
  auto bytes = crypto::FromBase64(j.at(name).get<std::string>());
  if (!bytes) throw std::invalid_argument("base64");
  return std::move(*bytes);
}
Blob32 Blob32At(const json& j, const char* name) {
  const Blob bytes = BlobAt(j, name);
  if (bytes.size() != 32) throw std::invalid_argument("length");
  Blob32 out{};
  std::copy(bytes.begin(), bytes.end(), out.begin());
  return out;
}
// A whole number that fits: a float, or an integer beyond int64, is malformed (converting it
// would be undefined).
std::int64_t AsInt(const json& v) {
  if (v.is_number_integer() && !v.is_number_unsigned()) return v.get<std::int64_t>();
  if (v.is_number_unsigned() && v.get<std::uint64_t>() <= std::uint64_t{INT64_MAX})
    return static_cast<std::int64_t>(v.get<std::uint64_t>());
  throw std::invalid_argument("integer");
}
std::int64_t IntAt(const json& j, const char* name) { return AsInt(j.at(name)); }
// A day within a few thousand years of 1970 (beyond, the calendar arithmetic would overflow).
Date DayAt(const json& j, const char* name) {
  const std::int64_t days = IntAt(j, name);
  if (days < -1'000'000 || days > 1'000'000) throw std::invalid_argument("day");
  return DayOf(days);
}
std::vector<std::int64_t> IntsAt(const json& j, const char* name) {
  std::vector<std::int64_t> out;
  for (const auto& v : j.at(name)) out.push_back(AsInt(v));
  return out;
}

template <class T>
T Parsed(std::optional<T> value) {
  if (!value) throw std::invalid_argument("enum");
  return *value;
}

json ApplicationJson(const store::OutboxApplication& a) {
  const auto& r = a.row;
  json duress = r.duress ? json{{"lookup", B64(r.duress->lookup)},
                                {"reply_public", B64(r.duress->reply_public)}}
                         : json(nullptr);
  return {{"id", a.id},
          {"duress", std::move(duress)},
          {"lookup", B64(r.receipt_lookup)},
          {"received_on", Days(r.received_on)},
          {"situation", ToString(r.clear.situation)},
          {"group_kind", ToString(r.clear.group_kind)},
          {"group_size", r.clear.group_size},
          {"contact_channel", ToString(r.clear.contact_channel)},
          {"language", ToString(r.clear.language)},
          {"deploy_by", r.clear.deploy_by ? json(Days(*r.clear.deploy_by)) : json(nullptr)},
          {"reply_public", B64(r.reply_public)},
          {"ephemeral_public", B64(r.ephemeral_public)},
          {"key_generation", r.key_generation},
          {"wrapped_key", B64(r.wrapped_key)},
          {"sealed_fields", B64(r.sealed_fields)}};
}
store::OutboxApplication ApplicationOf(const json& j) {
  store::OutboxApplication a;
  a.id = IntAt(j, "id");
  auto& r = a.row;
  r.receipt_lookup = Blob32At(j, "lookup");
  r.received_on = DayAt(j, "received_on");
  r.clear.situation = Parsed(ParseSituation(j.at("situation").get<std::string>()));
  r.clear.group_kind = Parsed(ParseGroupKind(j.at("group_kind").get<std::string>()));
  const std::int64_t group_size = IntAt(j, "group_size");
  if (group_size < 1 || group_size > 1'000'000) throw std::invalid_argument("size");
  r.clear.group_size = static_cast<int>(group_size);
  r.clear.contact_channel = Parsed(ParseContactChannel(j.at("contact_channel").get<std::string>()));
  r.clear.language = Parsed(ParseLanguage(j.at("language").get<std::string>()));
  if (!j.at("deploy_by").is_null()) r.clear.deploy_by = DayAt(j, "deploy_by");
  r.reply_public = Blob32At(j, "reply_public");
  r.ephemeral_public = Blob32At(j, "ephemeral_public");
  r.key_generation = IntAt(j, "key_generation");
  r.wrapped_key = BlobAt(j, "wrapped_key");
  r.sealed_fields = BlobAt(j, "sealed_fields");
  if (auto duress = j.find("duress"); duress != j.end() && !duress->is_null())
    r.duress = store::DuressReceipt{Blob32At(*duress, "lookup"), Blob32At(*duress, "reply_public")};
  return a;
}

json MessageJson(const store::OutboxMessage& m) {
  const auto& n = m.message;
  return {{"id", m.id},
          {"case_id", n.case_id},
          {"lookup", B64(m.receipt_lookup)},
          {"created_on", Days(n.created_on)},
          {"sealed_for_applicant", B64(n.sealed_for_applicant)},
          {"sealed_for_office", B64(n.sealed_for_office)},
          {"key_generation", n.wrapping ? n.wrapping->key_generation : 0},
          {"ephemeral_public", B64(n.wrapping ? n.wrapping->ephemeral_public : Blob32{})},
          {"wrapped_key", B64(n.wrapping ? n.wrapping->wrapped_key : Blob{})}};
}
store::OutboxMessage MessageOf(const json& j) {
  store::OutboxMessage m;
  m.id = IntAt(j, "id");
  m.message.case_id = IntAt(j, "case_id");
  m.receipt_lookup = Blob32At(j, "lookup");
  m.message.created_on = DayAt(j, "created_on");
  m.message.sealed_for_applicant = BlobAt(j, "sealed_for_applicant");
  m.message.sealed_for_office = BlobAt(j, "sealed_for_office");
  m.message.wrapping = store::OfficeWrapping{
      IntAt(j, "key_generation"), Blob32At(j, "ephemeral_public"), BlobAt(j, "wrapped_key")};
  return m;
}

// A view carries what the outbox keeps of it, no more: the sealed stage, the day, and each
// message's day, direction and sealed text (store/sqlite/outbox_store.hpp).
json ViewJson(const store::ApplicantViewUpdate& v) {
  if (v.gone) return {{"lookup", B64(v.receipt_lookup)}, {"gone", true}};  // nothing else to say
  json messages = json::array();
  for (const auto& m : v.view.messages) {
    messages.push_back({{"created_on", Days(m.created_on)},
                        {"from_applicant", !m.author_user_id.has_value()},
                        {"sealed", B64(m.sealed_for_applicant)}});
  }
  return {{"lookup", B64(v.receipt_lookup)},
          {"gone", v.gone},
          {"case_id", v.view.case_id},
          {"sealed_stage", B64(v.view.sealed_stage)},
          {"sealed_proof",
           v.view.sealed_proof.empty() ? json(nullptr) : json(B64(v.view.sealed_proof))},
          {"received_on", Days(v.view.received_on)},
          {"messages", messages}};
}
store::ApplicantViewUpdate ViewOf(const json& j) {
  store::ApplicantViewUpdate v;
  v.receipt_lookup = Blob32At(j, "lookup");
  v.gone = j.at("gone").get<bool>();
  if (v.gone) return v;
  v.view.case_id = IntAt(j, "case_id");
  v.view.sealed_stage = BlobAt(j, "sealed_stage");
  if (auto proof = j.find("sealed_proof"); proof != j.end() && !proof->is_null())
    v.view.sealed_proof = BlobAt(j, "sealed_proof");
  v.view.received_on = DayAt(j, "received_on");
  for (const auto& m : j.at("messages")) {
    store::StoredMessage message;
    message.case_id = v.view.case_id;
    message.created_on = DayAt(m, "created_on");
    if (!m.at("from_applicant").get<bool>()) message.author_user_id = 0;
    message.sealed_for_applicant = BlobAt(m, "sealed");
    v.view.messages.push_back(std::move(message));
  }
  return v;
}

SignedRequest Signed(json request, std::string_view op, const crypto::SigningKey& key,
                     sys_seconds now) {
  request["op"] = op;
  request["at"] = now.time_since_epoch().count();
  request["nonce"] = crypto::RandomToken();
  SignedRequest out{request.dump(), {}};
  out.signature = B64(crypto::Sign(key, out.body));
  return out;
}

}  // namespace

SignedRequest Collect(int limit, const std::optional<store::Blob32>& views_after,
                      const crypto::SigningKey& key, sys_seconds now) {
  return Signed(
      {{"limit", limit}, {"views_after", views_after ? json(B64(*views_after)) : json(nullptr)}},
      "collect", key, now);
}

SignedRequest Erase(std::span<const std::int64_t> applications,
                    std::span<const std::int64_t> messages, std::span<const std::int64_t> checks,
                    std::span<const std::int64_t> proof_requests, const crypto::SigningKey& key,
                    sys_seconds now) {
  return Signed(
      {{"applications", std::vector<std::int64_t>(applications.begin(), applications.end())},
       {"messages", std::vector<std::int64_t>(messages.begin(), messages.end())},
       {"checks", std::vector<std::int64_t>(checks.begin(), checks.end())},
       {"proof_requests", std::vector<std::int64_t>(proof_requests.begin(), proof_requests.end())}},
      "erase", key, now);
}

SignedRequest Views(std::span<const store::ApplicantViewUpdate> views,
                    const crypto::SigningKey& key, sys_seconds now) {
  json list = json::array();
  for (const auto& v : views) list.push_back(ViewJson(v));
  return Signed({{"views", list}}, "views", key, now);
}

RequestVerifier::RequestVerifier(crypto::Key32 office_link_public)
    : office_link_public_(office_link_public) {}

Result<LinkRequest> RequestVerifier::Verify(std::string_view body, std::string_view signature,
                                            sys_seconds now) {
  const auto bytes = crypto::FromBase64(signature);
  if (!bytes || bytes->size() != crypto::Signature{}.size()) return kRefused;
  crypto::Signature sig{};
  std::copy(bytes->begin(), bytes->end(), sig.begin());
  if (!crypto::VerifySignature(office_link_public_, sig, body)) return kRefused;
  try {
    const json j = json::parse(body);
    const sys_seconds at{std::chrono::seconds{IntAt(j, "at")}};
    if (at < now - kClockSkew || at > now + kClockSkew) return kRefused;
    const std::string nonce = j.at("nonce").get<std::string>();
    {
      std::lock_guard lock(mutex_);
      std::erase_if(seen_, [&](const auto& item) { return item.second < now - 2 * kClockSkew; });
      if (!seen_.emplace(nonce, at).second) return kRefused;  // a replay
    }
    LinkRequest request;
    const std::string op = j.at("op").get<std::string>();
    if (op == "collect") {
      request.op = LinkRequest::Op::kCollect;
      const std::int64_t limit = IntAt(j, "limit");
      if (limit < 1 || limit > 1000) return kMalformed;
      request.limit = static_cast<int>(limit);
      if (!j.at("views_after").is_null()) request.views_after = Blob32At(j, "views_after");
    } else if (op == "erase") {
      request.op = LinkRequest::Op::kErase;
      request.applications = IntsAt(j, "applications");
      request.messages = IntsAt(j, "messages");
      if (j.contains("checks")) request.checks = IntsAt(j, "checks");  // absent from older offices
      if (j.contains("proof_requests")) request.proof_requests = IntsAt(j, "proof_requests");
    } else if (op == "views") {
      request.op = LinkRequest::Op::kViews;
      for (const auto& v : j.at("views")) request.views.push_back(ViewOf(v));
    } else {
      return kMalformed;
    }
    return request;
  } catch (const std::exception&) {  // json's parse, type and out_of_range errors, ours
    return kMalformed;
  }
}

std::string EncodeCollectReply(const CollectReply& reply) {
  json applications = json::array();
  for (const auto& a : reply.batch.applications) applications.push_back(ApplicationJson(a));
  json messages = json::array();
  for (const auto& m : reply.batch.messages) messages.push_back(MessageJson(m));
  json lookups = json::array();
  for (const auto& l : reply.view_lookups) lookups.push_back(B64(l));
  json checks = json::array();
  for (const auto& c : reply.batch.checks)
    checks.push_back({{"id", c.id}, {"lookup", B64(c.receipt_lookup)}});
  json proofs = json::array();
  for (const auto& p : reply.batch.proof_requests)
    proofs.push_back({{"id", p.id},
                      {"lookup", B64(p.receipt_lookup)},
                      {"commitment", B64(p.commitment)},
                      {"salt", B64(p.salt)}});
  return json{{"applications", applications},
              {"messages", messages},
              {"checks", checks},
              {"proof_requests", proofs},
              {"view_lookups", lookups}}
      .dump();
}

Result<CollectReply> DecodeCollectReply(std::string_view body) {
  try {
    const json j = json::parse(body);
    CollectReply reply;
    for (const auto& a : j.at("applications")) reply.batch.applications.push_back(ApplicationOf(a));
    for (const auto& m : j.at("messages")) reply.batch.messages.push_back(MessageOf(m));
    if (auto checks = j.find("checks"); checks != j.end())  // absent from older intakes
      for (const auto& c : *checks)
        reply.batch.checks.push_back({IntAt(c, "id"), Blob32At(c, "lookup")});
    if (auto proofs = j.find("proof_requests"); proofs != j.end())  // absent from older intakes
      for (const auto& p : *proofs) {
        store::OutboxProofRequest request{IntAt(p, "id"), Blob32At(p, "lookup"),
                                          Blob32At(p, "commitment"), BlobAt(p, "salt")};
        if (request.salt.size() != 16) return kMalformed;
        reply.batch.proof_requests.push_back(std::move(request));
      }
    for (const auto& l : j.at("view_lookups")) {
      auto bytes = crypto::FromBase64(l.get<std::string>());
      if (!bytes || bytes->size() != 32) return kMalformed;
      store::Blob32 lookup{};
      std::copy(bytes->begin(), bytes->end(), lookup.begin());
      reply.view_lookups.push_back(lookup);
    }
    return reply;
  } catch (const std::exception&) {
    return kMalformed;
  }
}

}  // namespace lifeline::channels::intake_link
