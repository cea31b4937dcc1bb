#pragma once
// The readiness probe's write (docs/api.md, /readyz), written once for both engines: one row,
// its counter bumped by every probe, so that a probe is a real committed (and, on PostgreSQL,
// replicated) write that holds nothing about anyone.

#include <string_view>

namespace lifeline::store::readiness_sql {

inline constexpr std::string_view kCreateTable =
    "CREATE TABLE readiness (id BIGINT PRIMARY KEY CHECK (id = 1), probes BIGINT NOT NULL);";
inline constexpr std::string_view kProbe =
    "INSERT INTO readiness (id, probes) VALUES (1, 1) "
    "ON CONFLICT (id) DO UPDATE SET probes = readiness.probes + 1";

}  // namespace lifeline::store::readiness_sql
