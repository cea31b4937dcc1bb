#pragma once
// What lifeline counts for Prometheus (/metrics, text format 0.0.4): responses by status
// code and their latency, and whether the store answers. Counts only: no path, no query,
// no address, nothing of a person. Thread-safe: each thread counts in a shard of its own
// (no cache line bounces between cores on every response), and a scrape adds them up.

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace lifeline::server {

class Metrics {
 public:
  /// Upper bounds of the latency histogram's buckets, in seconds.
  static constexpr std::array<double, 10> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,  0.1,    0.25,  1,    5};

  void RecordResponse(int status, double seconds);
  /// A level read when scraped (a queue's length). `name` and `help` are fixed text, never
  /// input; `read` must be thread-safe and outlive this.
  void AddGauge(std::string name, std::string help, std::function<double()> read);
  /// The exposition text; `store_up` is the readiness verdict (app/readiness.hpp), taken by the
  /// caller.
  std::string Render(bool store_up) const;

 private:
  static constexpr int kStatuses = 600;
  static constexpr std::size_t kShards = 16;
  struct alignas(64) Shard {
    std::array<std::atomic<std::uint64_t>, kStatuses> by_status{};
    // Responses per bucket alone (not cumulative: one increment per response); the last
    // one is above every bound.
    std::array<std::atomic<std::uint64_t>, kBuckets.size() + 1> in_bucket{};
    std::atomic<std::uint64_t> sum_microseconds{0};
  };
  static std::size_t ShardOfThisThread();
  std::array<Shard, kShards> shards_{};
  mutable std::atomic<std::uint64_t> store_down_probes_{0};
  struct Gauge {
    std::string name, help;
    std::function<double()> read;
  };
  mutable std::mutex gauges_mutex_;
  std::vector<Gauge> gauges_;  // GUARDED_BY(gauges_mutex_)
};

}  // namespace lifeline::server
