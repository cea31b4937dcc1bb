// Search at 1,000,000 synthetic cases with 20-80-word messages: query latency percentiles
// over a mix of exact, transliterated, misspelt, two-word and unit queries, the index's
// memory, and the time to build it. Baselines in the same run: one exact word looked up in a
// hash map of the same vocabulary, the least any search must do; and a plain hash map of the
// same words built from the same cases, the least any index must do.

#include <benchmark/benchmark.h>
#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <random>
#include <unordered_map>

#include "app/cases/search_index.hpp"
#include "text/skeleton.hpp"

namespace {

using namespace lifeline;

constexpr int kCases = 1'000'000;
const char* const kSyllables[] = {"ка", "ро", "ми", "ла", "то", "не", "ва", "си", "ру", "го",
                                  "зе", "ду", "бо", "пе", "ли", "хо", "че", "ша", "ны", "ю"};
// The same syllables as a passport writes them (ICAO 9303).
const char* const kLatinSyllables[] = {"ka", "ro",  "mi",  "la",  "to", "ne", "va",
                                       "si", "ru",  "go",  "ze",  "du", "bo", "pe",
                                       "li", "kho", "che", "sha", "ny", "iu"};
const char* const kFirstNames[] = {"Синтет", "Пробан", "Макет",   "Образец",
                                   "Демон",  "Тестон", "Вымысел", "Шаблон"};
const char* const kWords[] = {"прошу",    "помочь",  "связаться", "вечером", "часть",  "отправка",
                              "переход",  "сдаться", "семья",     "телефон", "неделя", "срочно",
                              "командир", "приказ",  "сосед",     "граница"};

// A surname in Cyrillic and in Latin letters.
std::pair<std::string, std::string> Surname(std::mt19937& rng) {
  std::string cyrillic, latin;
  for (int i = 0; i < 3; ++i) {
    const auto syllable = rng() % std::size(kSyllables);
    cyrillic += kSyllables[syllable];
    latin += kLatinSyllables[syllable];
  }
  return {cyrillic + "ов", latin + "ov"};
}

long RssKiB() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return 0;
}

// The plain baseline for building: each whitespace-separated word of the same fields to
// the cases that have it, in a hash map, as the least any index must do.
std::size_t BuildHashMapIndex(const std::vector<IdentifyingFields>& cases) {
  std::unordered_map<std::string, std::vector<std::uint32_t>> index;
  std::uint32_t id = 0;
  for (const auto& f : cases) {
    ++id;
    for (const std::string* text : {&f.name, &f.unit, &f.location, &f.message}) {
      std::size_t start = 0;
      while (start < text->size()) {
        std::size_t end = text->find(' ', start);
        if (end == std::string::npos) end = text->size();
        if (end > start) {
          auto& list = index[text->substr(start, end - start)];
          if (list.empty() || list.back() != id) list.push_back(id);
        }
        start = end + 1;
      }
    }
  }
  return index.size();
}

struct Fixture {
  app::SearchIndex index;
  std::vector<std::pair<std::string, std::string>> surnames;  // every 1,000th case's, for queries
  long rss_before = 0, rss_after = 0;
  double build_seconds = 0, hash_map_seconds = 0;

  Fixture() {
    std::mt19937 rng(42);
    std::vector<IdentifyingFields> cases;
    cases.reserve(kCases);
    for (int id = 1; id <= kCases; ++id) {
      IdentifyingFields f;
      const auto surname = Surname(rng);
      f.name = std::string(kFirstNames[rng() % std::size(kFirstNames)]) + " " + surname.first;
      f.unit = "часть-пример " + std::to_string(rng() % 5000);
      f.location = "пункт-пример " + std::to_string(rng() % 20000);
      const int words = 20 + static_cast<int>(rng() % 61);  // 20 to 80 words
      for (int w = 0; w < words; ++w) {
        if (w % 20 == 7) {  // now and then a rare word, so that the vocabulary grows as real
          for (int k = 0; k < 3; ++k) f.message += kSyllables[rng() % std::size(kSyllables)];
          f.message += "к ";
        } else {
          f.message += std::string(kWords[rng() % std::size(kWords)]) + " ";
        }
      }
      if (id % 1000 == 0) surnames.push_back(surname);
      cases.push_back(std::move(f));
    }
    auto start = std::chrono::steady_clock::now();
    benchmark::DoNotOptimize(BuildHashMapIndex(cases));
    hash_map_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ::malloc_trim(0);  // give the baseline's memory back before measuring the index's
    rss_before = RssKiB();
    start = std::chrono::steady_clock::now();
    for (int id = 1; id <= kCases; ++id) index.Add(id, cases[static_cast<std::size_t>(id - 1)]);
    build_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    rss_after = RssKiB();
  }
};

Fixture& Shared() {
  static Fixture f;
  return f;
}

// Reports p50 and p95 of single-query latency over `queries`, cycling.
void RunQueries(benchmark::State& state, const std::vector<std::string>& queries) {
  auto& f = Shared();
  std::vector<double> ms;
  std::size_t i = 0, found = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    auto found_now = f.index.Find(queries[i++ % queries.size()], 50);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                     .count());
    found += found_now ? found_now->total : 0;
  }
  std::sort(ms.begin(), ms.end());
  state.counters["p50_ms"] = ms[ms.size() / 2];
  state.counters["p95_ms"] = ms[ms.size() * 95 / 100];
  state.counters["mean_matches"] = static_cast<double>(found) / static_cast<double>(ms.size());
  state.counters["index_MiB"] = static_cast<double>(f.rss_after - f.rss_before) / 1024.0;
  state.counters["build_s"] = f.build_seconds;
  state.counters["hash_map_build_s"] = f.hash_map_seconds;
  state.counters["build_ratio"] = f.build_seconds / f.hash_map_seconds;
}

void BM_SearchMix(benchmark::State& state) {
  auto& f = Shared();
  std::vector<std::string> queries;
  std::mt19937 rng(7);
  for (const auto& [cyrillic, latin] : f.surnames) {
    queries.push_back(cyrillic);  // exact, Cyrillic
    queries.push_back(latin);     // the same in Latin letters
    std::string typo = latin;
    typo[typo.size() / 2] = typo[typo.size() / 2] == 'a' ? 'o' : 'a';
    queries.push_back(typo);                  // one typo
    queries.push_back("Синтет " + cyrillic);  // two words
    queries.push_back("часть-пример " +
                      std::to_string(rng() % 5000));  // a unit: "chast" matches every case
  }
  RunQueries(state, queries);
}
BENCHMARK(BM_SearchMix)->Unit(benchmark::kMillisecond)->Iterations(2000);

// Baseline: an exact lookup of one word in a hash map, as any index must do at least.
void BM_HashLookupBaseline(benchmark::State& state) {
  auto& f = Shared();
  std::unordered_map<std::string, int> vocabulary;
  for (std::size_t i = 0; i < f.surnames.size(); ++i)
    vocabulary[text::Skeleton(f.surnames[i].second)] = static_cast<int>(i);
  std::vector<double> ms;
  std::size_t i = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    benchmark::DoNotOptimize(
        vocabulary.find(text::Skeleton(f.surnames[i++ % f.surnames.size()].second)));
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                     .count());
  }
  std::sort(ms.begin(), ms.end());
  state.counters["p50_ms"] = ms[ms.size() / 2];
  state.counters["p95_ms"] = ms[ms.size() * 95 / 100];
}
BENCHMARK(BM_HashLookupBaseline)->Unit(benchmark::kMillisecond)->Iterations(2000);

}  // namespace
