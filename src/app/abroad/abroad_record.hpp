#pragma once
// A person abroad's fields as they are sealed and stored: a versioned JSON document of its
// own, apart from the API's (app/abroad/abroad_json.hpp), so that changing what the API takes or
// gives never changes what is stored, and records sealed by older lifelines still open.
//
// Version 1 is the layout below, with "v": 1. Version 0 is a record sealed before the stored
// form had a version of its own (it was the API's JSON then): the same keys without "v".

#include <string>
#include <string_view>

#include "app/abroad/abroad.hpp"

namespace lifeline::app {

/// The version EncodeStoredPerson writes.
inline constexpr int kStoredPersonVersion = 1;

/// The document to seal.
std::string EncodeStoredPerson(const PersonAbroadFields& fields);

/// A record opened from its seal, of any version up to kStoredPersonVersion. kInternal
/// ("this person's record is not understood") for anything else: a newer version, a value
/// of the wrong type, a document kind unknown to this lifeline.
Result<PersonAbroadFields> DecodeStoredPerson(std::string_view text);

}  // namespace lifeline::app
