#pragma once
// The office's end of the intake link (link_wire.hpp; docs/security.md "Intake on its own
// store"). Every interval, for each intake host in turn, one round:
//   1. collect: what waits there, and a page of the lookups it holds views for;
//   2. store it (app::StoreCollected: each record once however often it arrives);
//   3. views: what each applicant may see, for what was just collected and for that page;
//   4. erase: what the office now holds.
// A failure at any step ends the round and leaves the records where they are; the next round
// starts over. Views go before the erase so that an applicant's message never vanishes from
// their status page in between (the outbox does not show twice a waiting message its view
// already holds). The intake never connects to the office.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "app/clock.hpp"
#include "app/intake/proof_issuer.hpp"
#include "channels/intake_link/link_wire.hpp"
#include "store/store.hpp"

namespace lifeline::channels::intake_link {

struct CollectorOptions {
  std::vector<std::string> intakes;  // base URLs: http://127.0.0.1:8080, or an onion's
  std::string proxy;                 // e.g. socks5h://127.0.0.1:9050 for onion addresses
  std::chrono::milliseconds interval{1000};
  int batch = 100;  // records a round takes at most, of each kind
  // Notes the lookups of the status checks an intake answered (OfficeService::
  // NoteStatusChecks: the office alone tells a duress receipt's); how many failed. None: the
  // checks are erased unnoted.
  std::function<std::size_t(std::span<const store::Blob32>)> note_checks;
  // Issues the proofs of application the intakes' applicants asked for, and puts each in its
  // receipt's view (app/intake/collection.hpp). None: requests are erased unanswered.
  app::ProofIssuer* proofs = nullptr;
};

struct RoundCounts {
  std::size_t applications = 0;  // newly held (or found held) and erased
  std::size_t messages = 0;
  std::size_t views = 0;
};

class IntakeCollector {
 public:
  /// `office` and `clock` must outlive the collector.
  IntakeCollector(store::ApplicationStore& office, crypto::SigningKey key, const app::Clock& clock,
                  CollectorOptions options);
  ~IntakeCollector();
  IntakeCollector(const IntakeCollector&) = delete;
  IntakeCollector& operator=(const IntakeCollector&) = delete;

  /// Runs rounds on a thread of its own until Stop.
  void Start();
  /// Finishes the round under way, then returns. Idempotent.
  void Stop();

  /// One round against the intake at `url` (not while the thread runs).
  Result<RoundCounts> RunOnce(const std::string& url);

 private:
  Result<std::string> Post(const std::string& url, const SignedRequest& request, int expect);
  void Run();

  store::ApplicationStore& office_;
  const crypto::SigningKey key_;
  const app::Clock& clock_;
  const CollectorOptions options_;
  std::map<std::string, std::optional<store::Blob32>> view_cursor_;  // per intake
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;  // GUARDED_BY(mutex_)
  std::thread thread_;
};

}  // namespace lifeline::channels::intake_link
