#include "app/intake/application_proof.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>

#include "crypto/crypto.hpp"
#include "crypto/receipt_keys.hpp"
#include "domain/application.hpp"

namespace lifeline::app {
namespace {

constexpr std::string_view kProofHeader = "lifeline proof of application v1";
constexpr std::string_view kLogHeader = "lifeline proof log v1";

template <std::size_t N>
std::string Hex(const std::array<std::uint8_t, N>& bytes) {
  return crypto::ToHex(bytes.data(), bytes.size());
}

template <std::size_t N>
bool FromHexInto(std::string_view hex, std::array<std::uint8_t, N>& out) {
  if (hex.size() != 2 * N) return false;
  const crypto::Bytes bytes = crypto::FromHex(hex);
  if (bytes.size() != N) return false;
  std::copy(bytes.begin(), bytes.end(), out.begin());
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// The non-blank lines of `text`, trimmed.
std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::string_view line = Trim(text.substr(0, end));
    if (!line.empty()) out.push_back(line);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return out;
}

std::optional<std::int64_t> ParseEntryNumber(std::string_view text) {
  std::int64_t n = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (error != std::errc() || end != text.data() + text.size() || n < 1) return std::nullopt;
  return n;
}

// The fields of an entry, in SignedStatement's order, from their texts; false at the first
// that does not read, naming it in `field`.
bool ReadEntry(std::string_view entry, std::string_view logged_on, std::string_view received_on,
               std::string_view commitment, std::string_view previous, std::string_view signature,
               ProofLogEntry& out, std::string& field) {
  auto number = ParseEntryNumber(entry);
  auto logged = ParseIsoDate(logged_on);
  auto received = ParseIsoDate(received_on);
  const auto fail = [&field](std::string_view name) {
    field = name;
    return false;
  };
  if (!number) return fail("entry");
  if (!logged) return fail("logged on");
  if (!received) return fail("received on");
  if (!FromHexInto(commitment, out.statement.commitment)) return fail("commitment");
  if (!FromHexInto(previous, out.statement.previous)) return fail("previous");
  if (!FromHexInto(signature, out.signature)) return fail("signature");
  out.statement.entry = *number;
  out.statement.logged_on = *logged;
  out.statement.received_on = *received;
  return true;
}

bool SameEntry(const ProofLogEntry& a, const ProofLogEntry& b) {
  return SignedStatement(a.statement) == SignedStatement(b.statement) && a.signature == b.signature;
}

bool Signed(const crypto::Key32& key, const ProofLogEntry& entry) {
  return crypto::VerifySignature(key, entry.signature, SignedStatement(entry.statement));
}

}  // namespace

std::string SignedStatement(const ProofStatement& s) {
  return fmt::format("lifeline/proof/v1|{}|{}|{}|{}|{}", s.entry, FormatIsoDate(s.logged_on),
                     FormatIsoDate(s.received_on), Hex(s.commitment), Hex(s.previous));
}

store::Blob32 EntryHash(const ProofLogEntry& entry) {
  return crypto::Hash("lifeline/proof-entry/v1",
                      SignedStatement(entry.statement) + "|" + Hex(entry.signature));
}

std::string ProofText(const ApplicationProof& p) {
  const ProofStatement& s = p.entry.statement;
  return fmt::format(
      "{}\noffice key: {}\nentry: {}\nlogged on: {}\nreceived on: {}\ncommitment: {}\nsalt: "
      "{}\nprevious: {}\nsignature: {}\n",
      kProofHeader, Hex(p.office_key), s.entry, FormatIsoDate(s.logged_on),
      FormatIsoDate(s.received_on), Hex(s.commitment), crypto::ToHex(p.salt), Hex(s.previous),
      Hex(p.entry.signature));
}

Result<ApplicationProof> ParseProofText(std::string_view text) {
  const std::vector<std::string_view> lines = Lines(text);
  if (lines.empty() || lines[0] != kProofHeader)
    return InvalidInput(fmt::format("proof: the first line must be \"{}\"", kProofHeader), "proof");
  static constexpr std::array<std::string_view, 8> kFields = {
      "office key", "entry", "logged on", "received on",
      "commitment", "salt",  "previous",  "signature"};
  std::map<std::string_view, std::string_view> values;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const std::size_t colon = lines[i].find(':');
    const std::string_view name = Trim(lines[i].substr(0, colon));
    if (colon == std::string_view::npos ||
        std::find(kFields.begin(), kFields.end(), name) == kFields.end())
      return InvalidInput(fmt::format("proof: line {} is not a field of a proof", i + 1), "proof");
    if (!values.emplace(name, Trim(lines[i].substr(colon + 1))).second)
      return InvalidInput(fmt::format("proof: \"{}\" is given twice", name), "proof");
  }
  for (std::string_view name : kFields) {
    if (!values.contains(name))
      return InvalidInput(fmt::format("proof: \"{}\" is missing", name), "proof");
  }
  ApplicationProof proof;
  std::string field;
  if (!FromHexInto(values["office key"], proof.office_key)) field = "office key";
  proof.salt = crypto::FromHex(values["salt"]);
  if (field.empty() && proof.salt.size() != crypto::kReceiptSaltBytes) field = "salt";
  if (field.empty())
    ReadEntry(values["entry"], values["logged on"], values["received on"], values["commitment"],
              values["previous"], values["signature"], proof.entry, field);
  if (!field.empty())
    return InvalidInput(fmt::format("proof: \"{}\" cannot be read", field), "proof");
  return proof;
}

std::string ProofLogText(const ProofLog& log) {
  std::string out = fmt::format("{}\noffice key: {}\n", kLogHeader, Hex(log.office_key));
  for (const ProofLogEntry& e : log.entries) out += ProofLogLine(e) + "\n";
  return out;
}

std::string ProofLogLine(const ProofLogEntry& e) {
  const ProofStatement& s = e.statement;
  return fmt::format("{} {} {} {} {} {}", s.entry, FormatIsoDate(s.logged_on),
                     FormatIsoDate(s.received_on), Hex(s.commitment), Hex(s.previous),
                     Hex(e.signature));
}

Result<ProofLog> ParseProofLogText(std::string_view text) {
  const std::vector<std::string_view> lines = Lines(text);
  ProofLog log;
  constexpr std::string_view kKey = "office key:";
  if (lines.size() < 2 || lines[0] != kLogHeader || !lines[1].starts_with(kKey) ||
      !FromHexInto(Trim(lines[1].substr(kKey.size())), log.office_key))
    return InvalidInput(
        fmt::format("log: it must begin with \"{}\" and the office key", kLogHeader), "log");
  for (std::size_t i = 2; i < lines.size(); ++i) {
    std::vector<std::string_view> words;
    for (std::string_view rest = lines[i]; !rest.empty();) {
      const std::size_t space = rest.find(' ');
      if (space != 0) words.push_back(rest.substr(0, space));
      if (space == std::string_view::npos) break;
      rest.remove_prefix(space + 1);
    }
    ProofLogEntry entry;
    std::string field = "the number of fields";
    if (words.size() != 6 ||
        !ReadEntry(words[0], words[1], words[2], words[3], words[4], words[5], entry, field))
      return InvalidInput(fmt::format("log: line {} cannot be read ({})", i + 1, field), "log");
    log.entries.push_back(entry);
  }
  return log;
}

Status VerifyProof(const ApplicationProof& proof, std::string_view receipt_digits,
                   const crypto::Key32* expected_office_key) {
  if (expected_office_key && *expected_office_key != proof.office_key)
    return InvalidInput("the proof is signed by another key than the office's", "office_key");
  if (!Signed(proof.office_key, proof.entry))
    return InvalidInput("the signature does not match the statement: it was changed or forged",
                        "signature");
  if (proof.salt.size() != crypto::kReceiptSaltBytes)
    return InvalidInput("the proof's salt has the wrong length", "salt");
  const crypto::Key32 commitment = crypto::CommitToReceipt(receipt_digits, proof.salt);
  if (!crypto::ConstantTimeEquals(commitment.data(), proof.entry.statement.commitment.data(),
                                  commitment.size()))
    return InvalidInput("the receipt does not open this proof", "receipt");
  return OkStatus();
}

Status VerifyProofLog(const ProofLog& log) {
  store::Blob32 previous{};
  for (std::size_t i = 0; i < log.entries.size(); ++i) {
    const ProofLogEntry& e = log.entries[i];
    const auto at = [&](std::string_view what) {
      return InvalidInput(fmt::format("log: entry {} {}", i + 1, what), "log");
    };
    if (e.statement.entry != static_cast<std::int64_t>(i + 1))
      return at(
          fmt::format("is numbered {}: an entry is missing or out of order", e.statement.entry));
    if (e.statement.previous != previous)
      return at("does not name the entry before it: the chain was cut or rewritten");
    if (i > 0 && e.statement.logged_on < log.entries[i - 1].statement.logged_on)
      return at("is dated before the entry before it");
    if (!Signed(log.office_key, e)) return at("is not signed by the office key");
    previous = EntryHash(e);
  }
  return OkStatus();
}

Status ProofIsInLog(const ApplicationProof& proof, const ProofLog& log) {
  if (proof.office_key != log.office_key)
    return InvalidInput("the log is another office key's than the proof's", "log");
  const std::int64_t n = proof.entry.statement.entry;
  if (n < 1 || n > static_cast<std::int64_t>(log.entries.size()))
    return InvalidInput(fmt::format("the log has no entry {}", n), "log");
  if (!SameEntry(log.entries[static_cast<std::size_t>(n - 1)], proof.entry))
    return InvalidInput(fmt::format("the log's entry {} is not the proof's", n), "log");
  return OkStatus();
}

store::Blob32 ProofLogHead(const ProofLog& log) {
  return log.entries.empty() ? store::Blob32{} : EntryHash(log.entries.back());
}

ProofLogEntry EntryOf(const store::ProofRecord& r) {
  ProofLogEntry e{{r.seq, r.logged_on, r.received_on, r.commitment, r.previous}, {}};
  if (r.signature.size() == e.signature.size())
    std::copy(r.signature.begin(), r.signature.end(), e.signature.begin());
  return e;
}

}  // namespace lifeline::app
