// The console's help-abroad pages, each one call (abroad.hpp): the person's page, the
// countries' and the partners'.

#include "app/abroad/abroad.hpp"

namespace lifeline::app {

Result<AbroadService::PersonFile> AbroadService::GetPersonFile(const Actor& actor,
                                                               std::int64_t id) {
  auto person = Person(actor, id);
  if (!person) return person.error();
  auto proceedings = Proceedings(actor, id);
  if (!proceedings) return proceedings.error();
  auto pathways = Pathways(actor, id);
  if (!pathways) return pathways.error();
  auto partners = Partners(actor);
  if (!partners) return partners.error();
  auto referrals = Referrals(actor, id);
  if (!referrals) return referrals.error();
  auto countries = Countries(actor);
  if (!countries) return countries.error();
  auto approval = ReferralApproval(actor, id);
  if (!approval) return approval.error();
  return PersonFile{std::move(*person),   std::move(*proceedings), std::move(*pathways),
                    std::move(*partners), std::move(*referrals),   std::move(*countries),
                    std::move(*approval)};
}

Result<AbroadService::CountriesFile> AbroadService::GetCountriesFile(const Actor& actor) {
  auto countries = Countries(actor);
  if (!countries) return countries.error();
  auto lead_times = LeadTimes(actor);
  if (!lead_times) return lead_times.error();
  return CountriesFile{std::move(*countries), *lead_times};
}

Result<AbroadService::PartnersFile> AbroadService::GetPartnersFile(const Actor& actor) {
  auto partners = Partners(actor);
  if (!partners) return partners.error();
  auto signing_key = ReferralSigningKey(actor);
  if (!signing_key) return signing_key.error();
  return PartnersFile{std::move(*partners), std::move(*signing_key)};
}

}  // namespace lifeline::app
