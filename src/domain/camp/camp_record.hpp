#pragma once
// A camp and the rules it keeps (docs/camp.md): its tariff, labour, phone rota and hours,
// mail limits and canteen, as the office keeps them.

#include <cstdint>
#include <string>
#include <vector>

#include "domain/camp/correspondence.hpp"
#include "domain/camp/labour.hpp"
#include "domain/camp/ledger.hpp"
#include "domain/camp/rota.hpp"

namespace lifeline::camp {

struct CampRecord {
  std::int64_t id = 0;
  std::string name;             // e.g. "Camp No. 1": an institution, not a person
  std::string language = "uk";  // the detaining power's, for capture cards
  camp::CampTariff tariff;
  camp::LabourRules labour;
  camp::RotaRules rota;
  camp::OpeningHours phone_hours;
  camp::MailLimit mail;
  std::vector<camp::CanteenItem> canteen;  // the price list (Art. 28)
};

}  // namespace lifeline::camp
