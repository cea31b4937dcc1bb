// The Prometheus counts: what several threads record is all in the scrape, and the
// histogram's buckets are cumulative.
#include "server/metrics.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace lifeline::server {
namespace {

TEST(Metrics, CountsFromEveryThreadAddUpAndBucketsAreCumulative) {
  Metrics metrics;
  std::vector<std::thread> threads;
  for (int t = 0; t < 20; ++t) {  // more threads than shards
    threads.emplace_back([&] {
      for (int i = 0; i < 100; ++i) {
        metrics.RecordResponse(200, 0.0005);  // the first bucket
        metrics.RecordResponse(503, 0.2);     // le=0.25 and above
      }
      metrics.RecordResponse(201, 9.0);  // above every bound
    });
  }
  for (auto& t : threads) t.join();
  const std::string text = metrics.Render(true);
  EXPECT_NE(text.find("lifeline_http_responses_total{code=\"200\"} 2000\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find("lifeline_http_responses_total{code=\"503\"} 2000\n"), std::string::npos);
  EXPECT_NE(text.find("lifeline_http_responses_total{code=\"201\"} 20\n"), std::string::npos);
  EXPECT_NE(text.find("_bucket{le=\"0.001\"} 2000\n"), std::string::npos);
  EXPECT_NE(text.find("_bucket{le=\"0.1\"} 2000\n"), std::string::npos);
  EXPECT_NE(text.find("_bucket{le=\"0.25\"} 4000\n"), std::string::npos);
  EXPECT_NE(text.find("_bucket{le=\"5\"} 4000\n"), std::string::npos);
  EXPECT_NE(text.find("_bucket{le=\"+Inf\"} 4020\n"), std::string::npos);
  EXPECT_NE(text.find("_count 4020\n"), std::string::npos);
  EXPECT_NE(text.find("_sum 581.000000\n"),
            std::string::npos);  // 2000 × 0.0005 + 2000 × 0.2 + 20 × 9
  EXPECT_NE(text.find("lifeline_store_up 1\n"), std::string::npos);
}

TEST(Metrics, GaugesAreReadAtEachScrape) {
  Metrics metrics;
  int waiting = 3;
  metrics.AddGauge("lifeline_calls_waiting", "Calls waiting for an operator.",
                   [&] { return waiting; });
  EXPECT_NE(metrics.Render(true).find("lifeline_calls_waiting 3\n"), std::string::npos);
  waiting = 0;
  const std::string text = metrics.Render(false);
  EXPECT_NE(text.find("# TYPE lifeline_calls_waiting gauge\nlifeline_calls_waiting 0\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("lifeline_store_down_probes_total 1\n"), std::string::npos);
}

}  // namespace
}  // namespace lifeline::server
