// The search index alone, on a set from make_set.py (issue 19): reads cases.jsonl into
// memory, builds a plain hash map of the same fields' words (the baseline any index is
// measured against) and then the search index, timing both and the index's memory; then asks
// every word query of queries.jsonl and prints, per query kind, the recall of the intended
// case in the first 20 and p50/p95/p99 of Find. Telephone queries are skipped (the office answers
// them from the contacts' blind index, not this index). With --misses FILE, each query whose
// case is not in the first 20 is written there with the case's name and the names of what
// ranked above it: the tool for tuning the ranking. Each kind's misses are counted apart where
// 20 or more other cases scored as high as the intended one (no ranking by the query alone
// could have put it in the first 20; only where the case matched every word of the query:
// a word not matched at all is the matching's miss, not the ranking's). The figures of
// record come from evaluate.py, through the HTTP API.
//
//   search_replay [--misses FILE] SET_DIR

#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/cases/search_index.hpp"

namespace {

using lifeline::IdentifyingFields;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

IdentifyingFields FieldsOf(const nlohmann::json& record) {
  IdentifyingFields f;
  f.name = record.value("name", "");
  f.unit = record.value("unit", "");
  f.location = record.value("location", "");
  f.message = record.value("message", "");
  return f;
}

// The least any index must do: each space-separated word of the same fields to its cases.
double HashMapSeconds(const std::vector<IdentifyingFields>& cases) {
  const auto start = Clock::now();
  std::unordered_map<std::string, std::vector<std::uint32_t>> index;
  std::uint32_t id = 0;
  for (const auto& f : cases) {
    ++id;
    for (const std::string* text : {&f.name, &f.unit, &f.location, &f.message}) {
      std::size_t from = 0;
      while (from < text->size()) {
        std::size_t to = text->find(' ', from);
        if (to == std::string::npos) to = text->size();
        if (to > from) {
          auto& list = index[text->substr(from, to - from)];
          if (list.empty() || list.back() != id) list.push_back(id);
        }
        from = to + 1;
      }
    }
  }
  return Seconds(start);
}

long RssKiB() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return 0;
}

double Percentile(std::vector<double> ms, double p) {
  if (ms.empty()) return 0;
  std::sort(ms.begin(), ms.end());
  return ms[std::min(ms.size() - 1, static_cast<std::size_t>(static_cast<double>(ms.size()) * p))];
}

}  // namespace

int main(int argc, char** argv) {
  std::string misses_path, set_dir;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--misses" && i + 1 < argc) {
      misses_path = argv[++i];
    } else {
      set_dir = arg;
    }
  }
  if (set_dir.empty()) {
    std::fprintf(stderr, "usage: search_replay [--misses FILE] SET_DIR\n");
    return 2;
  }
  std::vector<IdentifyingFields> cases;
  {
    std::ifstream in(set_dir + "/cases.jsonl");
    for (std::string line; std::getline(in, line);)
      cases.push_back(FieldsOf(nlohmann::json::parse(line)));
  }
  const double hash_map_s = HashMapSeconds(cases);
  ::malloc_trim(0);  // the baseline's memory back before the index's is measured
  lifeline::app::SearchIndex index;
  const long rss_before = RssKiB();
  const auto start = Clock::now();
  for (std::size_t i = 0; i < cases.size(); ++i)
    index.Add(static_cast<std::int64_t>(i + 1), cases[i]);
  index.Compact();
  const double build_s = Seconds(start);
  ::malloc_trim(0);  // as the office does once its start-up backlog is indexed
  const long rss_after = RssKiB();
  std::printf(
      "indexed %zu cases, %zu words in %.1f s; a hash map of the same words in %.1f s "
      "(ratio %.2f); the index's memory %.0f MiB\n",
      index.cases(), index.words(), build_s, hash_map_s, build_s / hash_map_s,
      static_cast<double>(rss_after - rss_before) / 1024.0);
  std::vector<std::string> names{""};  // by case id
  for (auto& f : cases) names.push_back(std::move(f.name));
  cases = {};

  struct Kind {
    int asked = 0, found = 0, tied = 0;
    std::vector<double> ms;
  };
  std::map<std::string, Kind> kinds;
  std::ofstream misses;
  if (!misses_path.empty()) misses.open(misses_path);
  std::ifstream queries(set_dir + "/queries.jsonl");
  struct Miss {
    std::string kind, text;
    std::int64_t wanted;
  };
  std::vector<Miss> missed;
  for (std::string line; std::getline(queries, line);) {
    const auto q = nlohmann::json::parse(line);
    const std::string kind = q.at("kind"), text = q.at("q");
    if (kind == "phone") continue;
    const std::int64_t wanted = q.at("case");
    const auto asked_at = Clock::now();
    auto result = index.Find(text, 20);
    const double ms = Seconds(asked_at) * 1000;
    auto& k = kinds[kind];
    ++k.asked;
    k.ms.push_back(ms);
    bool found = false;
    if (result) {
      for (const auto& hit : result->hits) found = found || hit.case_id == wanted;
    }
    k.found += found;
    if (!found) missed.push_back({kind, text, wanted});
  }
  // After every query is timed (a deep search's memory would weigh on the next one): where
  // each missed case ranked, and whether the query could tell it apart at all. A miss is
  // "tied" when it matched every word of the query and 20 or more other cases score as high
  // (the same kinds, fields and closeness as written), so that no order by the query alone
  // puts it first.
  for (const auto& [kind, text, wanted] : missed) {
    auto deep = index.Find(text, 100000);
    if (!deep) continue;
    std::size_t rank = 0, as_high = 0;
    int score = -1;
    bool complete = false;  // the case matched every word of the query
    for (const auto& hit : deep->hits) {
      if (hit.case_id == wanted) {
        score = hit.score;
        complete = static_cast<std::size_t>(hit.words_matched) == deep->query_words;
        break;
      }
      ++rank;
    }
    for (const auto& hit : deep->hits)
      if (hit.case_id != wanted && hit.score >= score) ++as_high;
    if (score >= 0 && complete && as_high >= 20) ++kinds[kind].tied;
    if (misses.is_open()) {
      misses << kind << "\t" << text << "\twanted " << names[static_cast<std::size_t>(wanted)]
             << "\trank " << rank << " score " << score << " as high " << as_high << "\ttotal "
             << deep->total << "\n";
      for (std::size_t i = 0; i < std::min<std::size_t>(20, deep->hits.size()); ++i)
        misses << "\t" << deep->hits[i].score << "\t"
               << names[static_cast<std::size_t>(deep->hits[i].case_id)] << "\n";
    }
  }
  std::printf(
      "| query kind (n) | recall@20 | p50/p95/p99 ms | misses tied with 20 or more |\n"
      "|---|---|---|---|\n");
  Kind all;
  for (const auto& [name, k] : kinds) {
    std::printf("| %s (%d) | %.1f%% | %.2f/%.2f/%.2f | %d of %d |\n", name.c_str(), k.asked,
                100.0 * k.found / std::max(1, k.asked), Percentile(k.ms, 0.5),
                Percentile(k.ms, 0.95), Percentile(k.ms, 0.99), k.tied, k.asked - k.found);
    all.asked += k.asked;
    all.found += k.found;
    all.tied += k.tied;
    all.ms.insert(all.ms.end(), k.ms.begin(), k.ms.end());
  }
  std::printf("| all (%d) | %.1f%% | %.2f/%.2f/%.2f | %d of %d |\n", all.asked,
              100.0 * all.found / std::max(1, all.asked), Percentile(all.ms, 0.5),
              Percentile(all.ms, 0.95), Percentile(all.ms, 0.99), all.tied, all.asked - all.found);
  return 0;
}
