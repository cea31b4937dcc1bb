#pragma once
// A proof of application the applicant holds (docs/security.md, "Proof of application").
//
// On request the office signs a short statement: entry N of its proof log was written on day
// D, for an application received on day R, committed to by C. C is CommitToReceipt(receipt,
// salt) (crypto/receipt_keys.hpp): it tells nothing without the receipt, and with the
// receipt anyone can check that the statement is that application's. Each statement names
// the hash of the entry before it, so the log is a hash chain: the office cannot put an
// entry back in time (every later entry, and every proof people hold, would have to change)
// or drop one without the published head showing it. `lifeline proof verify` checks a proof
// offline against the receipt, and against an exported log when one is given.
//
// The proof as the person holds it is plain text, one field a line:
//
//   lifeline proof of application v1
//   office key: <64 hex>       the office's Ed25519 public key
//   entry: <N>                 its place in the log, from 1
//   logged on: <YYYY-MM-DD>    the day entry N was written (UTC): applied no later
//   received on: <YYYY-MM-DD>  the day the office received the application
//   commitment: <64 hex>
//   salt: <32 hex>
//   previous: <64 hex>         entry N-1's hash; zeros for entry 1
//   signature: <128 hex>       over SignedStatement
//
// The exported log has a header ("lifeline proof log v1", "office key: <hex>") and then one
// line per entry: "<N> <logged on> <received on> <commitment> <previous> <signature>" (no
// salt: the log alone cannot be opened by trying receipts against it any faster than the
// lookup hashes can).

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/bytes.hpp"
#include "crypto/signature.hpp"
#include "domain/result.hpp"
#include "store/records.hpp"

namespace lifeline::app {

struct ProofStatement {
  std::int64_t entry = 0;
  std::chrono::year_month_day logged_on;
  std::chrono::year_month_day received_on;
  store::Blob32 commitment{};
  store::Blob32 previous{};
};

/// One entry of the public log: the statement and the office's signature over it.
struct ProofLogEntry {
  ProofStatement statement;
  crypto::Signature signature{};
};

/// What the applicant holds: an entry, the key that signed it and the commitment's salt.
struct ApplicationProof {
  ProofLogEntry entry;
  crypto::Key32 office_key{};
  crypto::Bytes salt;
};

struct ProofLog {
  crypto::Key32 office_key{};
  std::vector<ProofLogEntry> entries;  // entry 1 first
};

/// The exact bytes the signature covers.
std::string SignedStatement(const ProofStatement& statement);
/// What the next entry names as `previous`.
store::Blob32 EntryHash(const ProofLogEntry& entry);

std::string ProofText(const ApplicationProof& proof);
/// Reads a proof as ProofText wrote it, forgiving blank lines, spaces and CRLF (it may have
/// been copied from a page or a message). kInvalidInput naming the first field at fault.
Result<ApplicationProof> ParseProofText(std::string_view text);

std::string ProofLogText(const ProofLog& log);
/// One entry's line of the exported log (without the newline).
std::string ProofLogLine(const ProofLogEntry& entry);
/// kInvalidInput naming the first line at fault.
Result<ProofLog> ParseProofLogText(std::string_view text);

/// Whether `proof` is signed by its office key (and that key is `expected_office_key`, when
/// one is given), and opens with `receipt_digits`. kInvalidInput saying which check failed.
/// Costs one Argon2id run.
Status VerifyProof(const ApplicationProof& proof, std::string_view receipt_digits,
                   const crypto::Key32* expected_office_key = nullptr);

/// Whether `log` is one unbroken chain: entries 1..n in order, each signed by the log's
/// office key and naming the hash of the one before. kInvalidInput naming the first entry
/// at fault.
Status VerifyProofLog(const ProofLog& log);

/// Whether `proof`'s entry is in `log`, as signed, under the same key. kInvalidInput if not.
Status ProofIsInLog(const ApplicationProof& proof, const ProofLog& log);

/// The hash of the log's newest entry (zeros for an empty log): what the office publishes.
store::Blob32 ProofLogHead(const ProofLog& log);

/// The entry of a stored record, and back.
ProofLogEntry EntryOf(const store::ProofRecord& record);

}  // namespace lifeline::app
