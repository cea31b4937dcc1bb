#include "app/backup.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "app/accounts/setup.hpp"
#include "app/audit/audit_log.hpp"
#include "crypto/backup_cipher.hpp"

namespace lifeline::app {
namespace {

constexpr std::size_t kMaxChunk = (1u << 20) + 64;  // a snapshot chunk plus the stream's tag

void PutU32(std::uint8_t* at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) at[i] = static_cast<std::uint8_t>(v >> (8 * i));
}

std::uint32_t GetU32(const std::uint8_t* at) {
  return std::uint32_t{at[0]} | std::uint32_t{at[1]} << 8 | std::uint32_t{at[2]} << 16 |
         std::uint32_t{at[3]} << 24;
}

// A file created exclusively and written in full, or not at all.
class ExclusiveFile {
 public:
  explicit ExclusiveFile(const std::string& path)
      : fd_(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) {}
  ~ExclusiveFile() {
    if (fd_ >= 0) ::close(fd_);
  }
  bool ok() const { return fd_ >= 0; }
  bool Write(const std::uint8_t* data, std::size_t size) {
    while (size > 0) {
      const ssize_t n = ::write(fd_, data, size);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      data += n;
      size -= static_cast<std::size_t>(n);
    }
    return true;
  }
  bool SyncAndClose() {
    const bool synced = ::fsync(fd_) == 0;
    const bool closed = ::close(fd_) == 0;
    fd_ = -1;
    return synced && closed;
  }

 private:
  int fd_;
};

Error WriteFailed() {
  return Error{ErrorCode::kUnavailable,
               "the backup file could not be written (disk full or not writable?)"};
}

}  // namespace

Status WriteBackup(store::Store& store, const OfficeCredentials& credentials,
                   const std::string& out_path, const Progress& progress) {
  namespace fs = std::filesystem;
  auto office = UnlockOffice(store, credentials);
  if (!office) return office.error();
  const std::string& passphrase = credentials.passphrase;
  if (passphrase.size() < kMinPassphraseLength) {
    return InvalidInput(
        "the backup file needs a passphrase of at least 12 characters (--passphrase-file)",
        "passphrase");
  }
  if (fs::exists(out_path)) return Error{ErrorCode::kConflict, "the backup file already exists"};
  const std::string partial = out_path + ".partial";
  ExclusiveFile file(partial);
  if (!file.ok()) {
    return Error{ErrorCode::kInvalidInput,
                 "cannot create the backup file there (does the folder exist?)"};
  }
  crypto::BackupEncryptor encryptor(passphrase);
  bool written = file.Write(encryptor.header().data(), encryptor.header().size());
  std::uint64_t done = 0;
  auto exported =
      store.ExportSnapshot([&](std::span<const std::uint8_t> chunk, std::uint64_t total) -> Status {
        done += chunk.size();
        const crypto::Bytes sealed = encryptor.Seal(chunk, done == total);
        std::uint8_t length[4];
        PutU32(length, static_cast<std::uint32_t>(sealed.size()));
        written = written && file.Write(length, sizeof length) &&
                  file.Write(sealed.data(), sealed.size());
        if (!written) return WriteFailed();
        if (progress) progress(done, total);
        return OkStatus();
      });
  if (!exported || !written || !file.SyncAndClose()) {
    fs::remove(partial);
    return exported ? Status(WriteFailed()) : exported;
  }
  std::error_code ec;
  fs::rename(partial, out_path, ec);
  if (ec) {
    fs::remove(partial);
    return WriteFailed();
  }
  SystemClock clock;
  AuditLog audit(store, clock, AuditKey(*office));
  return audit.Record({.action = AuditAction::kBackupCreated});
}

Result<std::vector<std::uint8_t>> ReadBackup(const std::string& in_path,
                                             const std::string& passphrase,
                                             const Progress& progress) {
  std::ifstream in(in_path, std::ios::binary);
  if (!in) return Error{ErrorCode::kInvalidInput, "cannot read the backup file"};
  std::error_code ec;
  const std::uint64_t file_size = std::filesystem::file_size(in_path, ec);
  crypto::Bytes header(crypto::kBackupHeaderBytes);
  if (!in.read(reinterpret_cast<char*>(header.data()),
               static_cast<std::streamsize>(header.size()))) {
    return Error{ErrorCode::kInvalidInput, "this file is not a lifeline backup"};
  }
  auto decryptor = crypto::BackupDecryptor::Open(passphrase, header);
  if (!decryptor) return decryptor.error();

  const Error damaged{ErrorCode::kInvalidInput, "the backup is damaged or was altered"};
  std::vector<std::uint8_t> snapshot;
  snapshot.reserve(file_size);  // no reallocation: no stray copies of the data in freed memory
  auto fail = [&](const Error& error) {
    explicit_bzero(snapshot.data(), snapshot.size());
    return error;
  };
  std::uint64_t read = header.size();
  bool last = false;
  while (!last) {
    std::uint8_t length_bytes[4];
    if (!in.read(reinterpret_cast<char*>(length_bytes), 4)) return fail(damaged);  // cut short
    const std::uint32_t length = GetU32(length_bytes);
    if (length == 0 || length > kMaxChunk) return fail(damaged);
    crypto::Bytes sealed(length);
    if (!in.read(reinterpret_cast<char*>(sealed.data()), length)) return fail(damaged);
    auto plain = (*decryptor)->Open(sealed, last);
    if (!plain) return fail(plain.error());
    snapshot.insert(snapshot.end(), plain->data(), plain->data() + plain->size());
    read += 4 + length;
    if (progress) progress(read, file_size);
  }
  if (in.peek() != std::char_traits<char>::eof()) return fail(damaged);  // data after the end
  return snapshot;
}

Status FinishRestore(store::Store& restored, const OfficeCredentials& credentials) {
  auto office = UnlockOffice(restored, credentials);
  if (!office) return office.error();
  SystemClock clock;
  AuditLog audit(restored, clock, AuditKey(*office));
  return audit.Record({.action = AuditAction::kBackupRestored});
}

}  // namespace lifeline::app
