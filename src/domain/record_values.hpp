#pragma once
// The plain values records are made of, shared by the layers that keep them and use them:
// byte strings (sealed fields, wrapped keys, MACs, public keys) and calendar dates.

#include <array>
#include <chrono>
#include <cstdint>
#include <vector>

namespace lifeline {

using Blob = std::vector<std::uint8_t>;
using Blob32 = std::array<std::uint8_t, 32>;
using Date = std::chrono::year_month_day;

}  // namespace lifeline
