// POST /api/v1/applications: any body gives a draft or a 400, never a crash; a draft
// re-serialised parses to the same draft; validation keeps its limits.

#include <nlohmann/json.hpp>

#include "application_checks.hpp"
#include "server/intake/application_json.hpp"

using nlohmann::json;

namespace {

json ToJson(const lifeline::ApplicationDraft& d) {
  json doc = {{"situation", d.situation}, {"deploy_by", d.deploy_by}, {"name", d.name},
              {"unit", d.unit},           {"rank", d.rank},           {"location", d.location},
              {"message", d.message},     {"language", d.language}};
  json group = {{"kind", d.group_kind}};
  if (d.group_size) group["size"] = *d.group_size;
  doc["group"] = group;
  doc["contact"] = {{"channel", d.contact_channel},
                    {"handle", d.contact_handle},
                    {"utc_offset", d.utc_offset},
                    {"safe_windows", d.safe_windows}};
  return doc;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto draft = lifeline::server::ParseApplicationJson(lifeline::fuzz::AsText(data, size));
  if (!draft) {
    FUZZ_CHECK(draft.error().code == lifeline::ErrorCode::kInvalidInput &&
               !draft.error().message.empty());
    return 0;
  }
  auto again = lifeline::server::ParseApplicationJson(ToJson(*draft).dump());
  FUZZ_CHECK(again && lifeline::fuzz::SameDraft(*again, *draft));
  lifeline::fuzz::CheckValidation(*draft);
  return 0;
}
