#pragma once
// Screening for provocations: explainable signals, each with a weight and a reason a
// verifier can check. Signals never reject anyone; a case whose score reaches
// kReviewThreshold, or whose contact handle appears in another case, goes to a verifier's
// review queue. Pure: the office gathers the inputs (app/cases/office_screening.cpp).

#include <cstdint>
#include <string>
#include <vector>

#include "domain/application.hpp"

namespace lifeline {

inline constexpr int kReviewThreshold = 40;

struct Signal {
  std::string code;  // stable: "reused_contact", "burst", "inconsistent", "marker"
  int weight = 0;
  std::string reason;  // for staff; names cases by number, never a person
};

struct ScreeningInputs {
  ClearFields clear;
  IdentifyingFields fields;
  std::vector<std::int64_t> same_handle_cases;  // other cases whose handle has the same blind index
  std::int64_t similar_same_day =
      0;  // applications alike in clear fields that day, this one included
  double similar_daily_average = 0;          // the same over the previous 28 days
  std::vector<std::string> matched_markers;  // verifiers' notes of the markers this case matches
};

/// The signals that fire for these inputs, strongest first.
std::vector<Signal> ScreeningSignals(const ScreeningInputs& inputs);
int ScreeningScore(const std::vector<Signal>& signals);

/// The contact handle as the blind index sees it: phone numbers as their digits, user
/// names lower-case without "@" or spaces, so that one contact typed two ways still matches.
std::string NormaliseHandle(std::string_view handle);

}  // namespace lifeline
