#pragma once
// Reading lifeline's rows on PostgreSQL: a value this version does not understand is a
// corrupt row (PgError XX000). Internal to store/postgres.

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "store/postgres/pg.hpp"
#include "store/records.hpp"

namespace lifeline::store::postgres::rows {

template <typename T>
T OrCorrupt(std::optional<T> value) {
  if (!value) throw PgError("XX000", "a stored value is unknown to this version");
  return std::move(*value);
}

inline Date ReadDate(const PgResult& r, int row, int column) {
  return OrCorrupt(ParseIsoDate(r.Text(row, column)));
}

inline std::optional<Date> ReadOptionalDate(const PgResult& r, int row, int column) {
  if (r.IsNull(row, column)) return std::nullopt;
  return ReadDate(r, row, column);
}

inline Blob32 ReadBlob32(const PgResult& r, int row, int column) {
  const auto bytes = r.Bytes(row, column);
  Blob32 out{};
  if (bytes.size() != out.size()) throw PgError("XX000", "a stored key has the wrong size");
  std::copy(bytes.begin(), bytes.end(), out.begin());
  return out;
}

}  // namespace lifeline::store::postgres::rows
