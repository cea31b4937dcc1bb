// The main() of every lifeline benchmark: libsodium first, then Google Benchmark.

#include <benchmark/benchmark.h>

#include "crypto/crypto.hpp"

int main(int argc, char** argv) {
  lifeline::crypto::Initialise();
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  return 0;
}
