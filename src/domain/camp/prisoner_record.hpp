#pragma once
// A prisoner as the camp's registry keeps him (docs/camp.md): the clear fields the rules need
// and his identifying fields sealed like a case's.

#include <cstdint>
#include <optional>
#include <string>

#include "domain/camp/gc3.hpp"
#include "domain/camp/prisoner_status.hpp"
#include "domain/record_values.hpp"

namespace lifeline::camp {

/// A prisoner's clear fields (what the rules need) and his sealed identifying fields.
struct NewPrisoner {
  std::int64_t camp_id = 0;
  std::optional<std::int64_t> case_id;  // the hotline case he came from, if any
  camp::RankCategory rank = camp::RankCategory::kSoldier;
  std::string health = "good";  // Annex IV's words: good, not_wounded, recovered, …
  Date arrived_on;              // at this camp (Art. 70's week runs from here)
  std::string language = "ru";  // his, for the capture card
  Blob32 ephemeral_public{};
  std::int64_t key_generation = 1;
  Blob wrapped_key;
  Blob sealed_fields;
};

struct StoredPrisoner : NewPrisoner {
  std::int64_t id = 0;
  PrisonerStatus status = PrisonerStatus::kHeld;
  std::optional<Date> capture_card_sent_on;
  std::int64_t balance = 0;  // what his account holds, in kopiyky
};

}  // namespace lifeline::camp
