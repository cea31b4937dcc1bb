#pragma once
// Enums and their wire names, as one table per enum: ToString and Parse look them up here,
// so that a name is written once.

#include <array>
#include <optional>
#include <string_view>
#include <utility>

namespace lifeline {

template <typename E, std::size_t N>
using NameTable = std::array<std::pair<E, std::string_view>, N>;

/// The value's name, or "?" for a value the table lacks.
template <typename E, std::size_t N>
constexpr std::string_view NameOf(const NameTable<E, N>& table, E value) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return "?";
}

/// The value named `name`, or nullopt.
template <typename E, std::size_t N>
constexpr std::optional<E> ValueOf(const NameTable<E, N>& table, std::string_view name) {
  for (const auto& [v, n] : table) {
    if (n == name) return v;
  }
  return std::nullopt;
}

}  // namespace lifeline
