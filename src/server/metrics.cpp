#include "server/metrics.hpp"

#include <fmt/format.h>

namespace lifeline::server {

std::size_t Metrics::ShardOfThisThread() {
  static std::atomic<std::size_t> next{0};
  thread_local const std::size_t shard = next.fetch_add(1, std::memory_order_relaxed) % kShards;
  return shard;
}

void Metrics::RecordResponse(int status, double seconds) {
  Shard& shard = shards_[ShardOfThisThread()];
  if (status >= 100 && status < kStatuses) {
    shard.by_status[static_cast<std::size_t>(status)].fetch_add(1, std::memory_order_relaxed);
  }
  std::size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
  shard.in_bucket[bucket].fetch_add(1, std::memory_order_relaxed);
  shard.sum_microseconds.fetch_add(static_cast<std::uint64_t>(seconds * 1e6),
                                   std::memory_order_relaxed);
}

void Metrics::AddGauge(std::string name, std::string help, std::function<double()> read) {
  std::lock_guard lock(gauges_mutex_);
  gauges_.push_back({std::move(name), std::move(help), std::move(read)});
}

std::string Metrics::Render(bool store_up) const {
  std::string out =
      "# HELP lifeline_http_responses_total HTTP responses by status code.\n"
      "# TYPE lifeline_http_responses_total counter\n";
  auto total = [&](auto field) {
    std::uint64_t sum = 0;
    for (const auto& shard : shards_) sum += field(shard).load(std::memory_order_relaxed);
    return sum;
  };
  for (int status = 100; status < kStatuses; ++status) {
    const auto n = total([&](const Shard& s) -> const auto& {
      return s.by_status[static_cast<std::size_t>(status)];
    });
    if (n > 0) out += fmt::format("lifeline_http_responses_total{{code=\"{}\"}} {}\n", status, n);
  }
  out +=
      "# HELP lifeline_http_request_duration_seconds Time from a request's dispatch to its "
      "response.\n"
      "# TYPE lifeline_http_request_duration_seconds histogram\n";
  std::uint64_t count = 0;  // cumulative, as Prometheus' buckets are
  for (std::size_t i = 0; i <= kBuckets.size(); ++i) {
    count += total([&](const Shard& s) -> const auto& { return s.in_bucket[i]; });
    if (i < kBuckets.size()) {
      out += fmt::format("lifeline_http_request_duration_seconds_bucket{{le=\"{}\"}} {}\n",
                         kBuckets[i], count);
    }
  }
  out += fmt::format("lifeline_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {}\n", count);
  out += fmt::format(
      "lifeline_http_request_duration_seconds_sum {:.6f}\n",
      static_cast<double>(total([](const Shard& s) -> const auto& { return s.sum_microseconds; })) /
          1e6);
  out += fmt::format("lifeline_http_request_duration_seconds_count {}\n", count);
  out +=
      "# HELP lifeline_store_up Whether a write can commit now (1) or not (0), as /readyz says.\n"
      "# TYPE lifeline_store_up gauge\n";
  out += fmt::format("lifeline_store_up {}\n", store_up ? 1 : 0);
  if (!store_up) store_down_probes_.fetch_add(1, std::memory_order_relaxed);
  out +=
      "# HELP lifeline_store_down_probes_total Scrapes at which a write could not commit.\n"
      "# TYPE lifeline_store_down_probes_total counter\n";
  out += fmt::format("lifeline_store_down_probes_total {}\n",
                     store_down_probes_.load(std::memory_order_relaxed));
  std::lock_guard lock(gauges_mutex_);
  for (const auto& gauge : gauges_) {
    out += fmt::format("# HELP {0} {1}\n# TYPE {0} gauge\n{0} {2}\n", gauge.name, gauge.help,
                       gauge.read());
  }
  return out;
}

}  // namespace lifeline::server
