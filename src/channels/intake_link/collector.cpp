#include "channels/intake_link/collector.hpp"

#include <iostream>
#include <set>

#include "app/intake/collection.hpp"
#include "channels/http_client.hpp"

namespace lifeline::channels::intake_link {
namespace {

// Views go in requests of about this size at most (the intake takes bodies up to 1 MiB).
constexpr std::size_t kViewBytesPerRequest = 256 * 1024;

std::size_t RoughSize(const store::ApplicantViewUpdate& v) {
  std::size_t bytes = 200;
  for (const auto& m : v.view.messages) bytes += 100 + m.sealed_for_applicant.size() * 4 / 3;
  return bytes;
}

}  // namespace

IntakeCollector::IntakeCollector(store::ApplicationStore& office, crypto::SigningKey key,
                                 const app::Clock& clock, CollectorOptions options)
    : office_(office), key_(std::move(key)), clock_(clock), options_(std::move(options)) {}

IntakeCollector::~IntakeCollector() { Stop(); }

void IntakeCollector::Start() {
  thread_ = std::thread([this] { Run(); });
}

void IntakeCollector::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void IntakeCollector::Run() {
  std::vector<bool> failing(options_.intakes.size(), false);
  for (;;) {
    for (std::size_t i = 0; i < options_.intakes.size(); ++i) {
      auto round = RunOnce(options_.intakes[i]);
      // Said once when it starts failing and once when it recovers; the intake by its place in
      // --collect-from, never its address; the error never holds a record.
      if (!round && !failing[i]) {
        std::cerr << "lifeline: collecting from intake " << i + 1 << " failed ("
                  << round.error().message << "); retrying\n";
      } else if (round && failing[i]) {
        std::cerr << "lifeline: collecting from intake " << i + 1 << " works again\n";
      }
      failing[i] = !round;
    }
    std::unique_lock lock(mutex_);
    if (wake_.wait_for(lock, options_.interval, [this] { return stopping_; })) return;
  }
}

Result<std::string> IntakeCollector::Post(const std::string& url, const SignedRequest& request,
                                          int expect) {
  HttpCall call;
  call.method = "POST";
  call.url = url + std::string(kPath);
  call.content_type = "application/json";
  call.body = request.body;
  call.headers.emplace_back(std::string(kSignatureHeader), request.signature);
  call.proxy = options_.proxy;
  call.timeout = std::chrono::seconds(30);
  call.max_response_bytes = 64 << 20;
  auto reply = Fetch(call);
  if (!reply) return reply.error();
  if (reply->status != expect) {
    return Error{ErrorCode::kUnavailable,
                 "the intake answered HTTP " + std::to_string(reply->status)};
  }
  return std::move(reply->body);
}

Result<RoundCounts> IntakeCollector::RunOnce(const std::string& url) {
  auto& cursor = view_cursor_[url];
  auto answer = Post(url, Collect(options_.batch, cursor, key_, clock_.Now()), 200);
  if (!answer) return answer.error();
  auto reply = DecodeCollectReply(*answer);
  if (!reply) return reply.error();
  auto held = app::StoreCollected(office_, reply->batch);
  if (!held) return held.error();
  // The checks, after the applications they may be of. A lost note is a lost signal, not a
  // lost record: they are erased either way.
  std::vector<store::Blob32> checked;
  std::vector<std::int64_t> checks;
  for (const auto& c : reply->batch.checks) {
    checked.push_back(c.receipt_lookup);
    checks.push_back(c.id);
  }
  if (!checked.empty() && options_.note_checks) {
    if (const std::size_t failed = options_.note_checks(checked))
      std::cerr << "lifeline: " << failed << " status checks could not be noted\n";
  }
  // The proofs asked for: issued (or found issued) now, sent back in the views below. A
  // duress receipt's request, or one for a case gone, is let go without an answer.
  std::vector<std::int64_t> proof_requests;
  std::set<store::Blob32> proved;
  for (const auto& p : reply->batch.proof_requests) {
    proof_requests.push_back(p.id);
    if (!options_.proofs) continue;
    auto proof = options_.proofs->ProofFor(p.receipt_lookup, p.commitment, p.salt);
    if (proof) {
      proved.insert(p.receipt_lookup);
      // The case's duress receipt's view gets its padding in the same round: the two views
      // change together.
      if (auto view = office_.FindByReceiptLookup(p.receipt_lookup); view.ok())
        if (auto duress = office_.DuressReceiptOf(view->case_id); duress.ok() && *duress)
          proved.insert((*duress)->lookup);
    } else if (proof.error().code == ErrorCode::kInternal) {
      std::cerr << "lifeline: proof of application: " << proof.error().message << "\n";
    }
  }

  // The views: of what was collected now (applications, and the cases of the messages) and
  // of this page of what the intake holds.
  std::set<store::Blob32> lookups(reply->view_lookups.begin(), reply->view_lookups.end());
  for (const auto& a : reply->batch.applications) {
    lookups.insert(a.row.receipt_lookup);
    if (a.row.duress) lookups.insert(a.row.duress->lookup);  // its view alike
  }
  // A message's case only if StoreCollected took the message: an intake that names a case
  // that never came to it gets no view of that case.
  lookups.insert(held->message_cases.begin(), held->message_cases.end());
  lookups.insert(proved.begin(), proved.end());
  const std::vector<store::Blob32> wanted(lookups.begin(), lookups.end());
  auto views = app::ViewsFor(office_, wanted, options_.proofs);
  if (!views) return views.error();
  for (std::size_t from = 0; from < views->size();) {
    std::size_t to = from, bytes = 0;
    while (to < views->size() &&
           (to == from || bytes + RoughSize((*views)[to]) <= kViewBytesPerRequest))
      bytes += RoughSize((*views)[to++]);
    const std::span part(views->data() + from, to - from);
    if (auto sent = Post(url, Views(part, key_, clock_.Now()), 204); !sent) return sent.error();
    from = to;
  }
  if (!held->applications.empty() || !held->messages.empty() || !checks.empty() ||
      !proof_requests.empty()) {
    auto erased = Post(
        url, Erase(held->applications, held->messages, checks, proof_requests, key_, clock_.Now()),
        204);
    if (!erased) return erased.error();
  }
  cursor = reply->view_lookups.size() < static_cast<std::size_t>(kViewLookupsPerCollect)
               ? std::nullopt
               : std::optional(reply->view_lookups.back());
  return RoundCounts{held->applications.size(), held->messages.size(), views->size()};
}

}  // namespace lifeline::channels::intake_link
