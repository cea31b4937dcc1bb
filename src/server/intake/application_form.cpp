#include "server/intake/application_form.hpp"

#include <algorithm>

namespace lifeline::server {

std::string FormValue(const std::multimap<std::string, std::string>& form, const std::string& key) {
  auto it = form.find(key);
  return it == form.end() ? std::string() : it->second;
}

Result<ApplicationDraft> DraftFromForm(const std::multimap<std::string, std::string>& form) {
  ApplicationDraft d;
  d.situation = FormValue(form, "situation");
  d.group_kind = FormValue(form, "group_kind");
  const std::string size = FormValue(form, "group_size");
  if (!size.empty()) {
    if (size.size() > 9 || size.find_first_not_of("0123456789") != std::string::npos) {
      return InvalidInput("group.size: must be a whole number", "group.size");
    }
    d.group_size = std::stoll(size);
  }
  d.deploy_by = FormValue(form, "deploy_by");
  d.contact_channel = FormValue(form, "contact_channel");
  d.contact_handle = FormValue(form, "contact_handle");
  d.utc_offset = FormValue(form, "utc_offset");
  const std::string all = FormValue(form, "safe_windows");
  std::size_t start = 0;
  while (start <= all.size()) {
    const auto end = std::min(all.find(';', start), all.size());
    std::string item = all.substr(start, end - start);
    if (item.find_first_not_of(" \t") != std::string::npos) d.safe_windows.push_back(item);
    start = end + 1;
  }
  d.name = FormValue(form, "name");
  d.unit = FormValue(form, "unit");
  d.rank = FormValue(form, "rank");
  d.location = FormValue(form, "location");
  d.message = FormValue(form, "message");
  d.language = FormValue(form, "language");
  d.duress_receipt = FormValue(form, "duress_receipt") == "yes";
  d.proof = FormValue(form, "proof") == "yes";
  return d;
}

}  // namespace lifeline::server
