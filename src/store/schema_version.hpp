#pragma once
// The schema version this lifeline writes and understands, shared by every store: a schema
// change is written once, in store/sql/schema.cpp's kLaterChanges, and raises this number.

namespace lifeline::store {

inline constexpr int kSchemaVersion = 28;

}  // namespace lifeline::store
