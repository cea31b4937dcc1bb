#pragma once
// What every fuzz target shares: a property check that stops the run with the input saved
// (libFuzzer keeps it as a crash artifact), and the input as text.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

/// Stops the run when a property of the parser does not hold: libFuzzer then saves the input.
#define FUZZ_CHECK(condition)                                                                     \
  do {                                                                                            \
    if (!(condition)) {                                                                           \
      std::fprintf(stderr, "fuzz property failed: %s (%s:%d)\n", #condition, __FILE__, __LINE__); \
      std::abort();                                                                               \
    }                                                                                             \
  } while (false)

namespace lifeline::fuzz {

inline std::string_view AsText(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace lifeline::fuzz
