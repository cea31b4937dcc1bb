#include "app/audit/audit_anchor.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "crypto/crypto.hpp"

namespace lifeline::app {
namespace {

template <std::size_t N>
std::optional<std::array<std::uint8_t, N>> FixedFromHex(const nlohmann::json& value) {
  if (!value.is_string() || value.get_ref<const std::string&>().size() != 2 * N)
    return std::nullopt;
  const crypto::Bytes bytes = crypto::FromHex(value.get<std::string>());
  if (bytes.size() != N) return std::nullopt;
  std::array<std::uint8_t, N> out{};
  std::copy(bytes.begin(), bytes.end(), out.begin());
  return out;
}

std::optional<AuditCheckpoint> ParseLine(const std::string& line) {
  const auto doc = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object() || doc.value("v", nlohmann::json()) != 1)
    return std::nullopt;  // never a typed default: it throws
  if (!doc.contains("seq") || !doc["seq"].is_number_integer()) return std::nullopt;
  if (!doc.contains("at") || !doc["at"].is_number_integer()) return std::nullopt;
  auto head = FixedFromHex<32>(doc.value("head", nlohmann::json()));
  auto signature = FixedFromHex<64>(doc.value("sig", nlohmann::json()));
  if (!head || !signature) return std::nullopt;
  return AuditCheckpoint{doc["seq"].get<std::int64_t>(), *head, doc["at"].get<std::int64_t>(),
                         *signature};
}

}  // namespace

crypto::SigningKey AuditCheckpointKey(const crypto::OfficeOpener& office) {
  return crypto::SigningKeyFromSeed(office.DeriveSubkey("lifeline/audit-checkpoint/v1"));
}

std::string CheckpointStatement(std::int64_t seq, const store::Blob32& head, std::int64_t at) {
  return fmt::format("lifeline/audit-checkpoint/v1|{}|{}|{}", seq,
                     crypto::ToHex(head.data(), head.size()), at);
}

std::string CheckpointLine(const AuditCheckpoint& c) {
  return nlohmann::json{{"v", 1},
                        {"seq", c.seq},
                        {"head", crypto::ToHex(c.head.data(), c.head.size())},
                        {"at", c.at},
                        {"sig", crypto::ToHex(c.signature.data(), c.signature.size())}}
      .dump();
}

AuditAnchor::AuditAnchor(std::string path, crypto::SigningKey key)
    : path_(std::move(path)), key_(std::move(key)) {
  fd_ = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd_ < 0) {
    throw std::runtime_error(
        fmt::format("cannot open the audit checkpoint file {}: {}", path_, std::strerror(errno)));
  }
}

AuditAnchor::~AuditAnchor() {
  if (fd_ >= 0) ::close(fd_);
}

Status AuditAnchor::Append(std::int64_t seq, const store::Blob32& head, std::int64_t at) {
  AuditCheckpoint checkpoint{seq, head, at, crypto::Sign(key_, CheckpointStatement(seq, head, at))};
  const std::string line = CheckpointLine(checkpoint) + "\n";
  std::lock_guard lock(mutex_);
  // One write() per line: with O_APPEND, lines from several processes never interleave.
  const ssize_t written = ::write(fd_, line.data(), line.size());
  if (written != static_cast<ssize_t>(line.size()) || ::fdatasync(fd_) != 0) {
    return Error{ErrorCode::kUnavailable, "the audit checkpoint could not be written; try again"};
  }
  latest_ = checkpoint;
  return OkStatus();
}

std::optional<AuditCheckpoint> AuditAnchor::Latest() const {
  std::lock_guard lock(mutex_);
  return latest_;
}

Result<CheckpointFile> ReadCheckpoints(const std::string& path, const crypto::Key32& public_key) {
  std::ifstream in(path);
  if (!in) return NotFound(fmt::format("there is no audit checkpoint file at {}", path));
  CheckpointFile file;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.empty()) continue;
    auto checkpoint = ParseLine(line);
    if (!checkpoint ||
        !crypto::VerifySignature(
            public_key, checkpoint->signature,
            CheckpointStatement(checkpoint->seq, checkpoint->head, checkpoint->at))) {
      file.bad_lines.push_back(number);
      continue;
    }
    file.checkpoints.push_back(*checkpoint);
  }
  return file;
}

}  // namespace lifeline::app
