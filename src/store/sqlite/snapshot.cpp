// Store snapshots: taking one from a live store (SqliteStore::ExportSnapshot) and restoring
// one into a new data folder.

#include "store/sqlite/snapshot.hpp"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <memory>

#include "store/sqlite/connection.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace lifeline::store {

using sqlite::Connection;
using sqlite::SqliteError;

namespace sqlite {

Status ExportSnapshotOf(Connection& reader, const SnapshotStore::SnapshotSink& sink) {
  sqlite3* memory = nullptr;
  if (sqlite3_open(":memory:", &memory) != SQLITE_OK) {
    sqlite3_close(memory);
    return Error{ErrorCode::kInternal, "out of memory for the snapshot"};
  }
  std::unique_ptr<sqlite3, int (*)(sqlite3*)> memory_guard(memory, sqlite3_close);
  // One backup step copies every page under one read transaction: a consistent snapshot
  // while writers go on (WAL).
  sqlite3_backup* backup = sqlite3_backup_init(memory, "main", reader.raw(), "main");
  if (!backup) return Error{ErrorCode::kInternal, "the snapshot could not start"};
  const int step = sqlite3_backup_step(backup, -1);
  sqlite3_backup_finish(backup);
  if (step != SQLITE_DONE) return Error{ErrorCode::kUnavailable, "the snapshot could not be taken"};
  sqlite3_int64 size = 0;
  unsigned char* image = sqlite3_serialize(memory, "main", &size, 0);
  if (!image) return Error{ErrorCode::kInternal, "out of memory for the snapshot"};
  std::unique_ptr<unsigned char, void (*)(unsigned char*)> image_guard(
      image, [](unsigned char* p) { sqlite3_free(p); });
  // Header bytes 18-19 say "WAL" (2) as copied from the live file; a snapshot is a plain
  // rollback-journal image (1), or it cannot be read back from memory.
  if (size > 19) image[18] = image[19] = 1;
  constexpr std::size_t kChunk = 1 << 20;
  const auto total = static_cast<std::uint64_t>(size);
  Status status = OkStatus();
  for (std::uint64_t at = 0; at < total && status.ok(); at += kChunk) {
    status = sink(
        {image + at, static_cast<std::size_t>(std::min<std::uint64_t>(kChunk, total - at))}, total);
  }
  explicit_bzero(image, static_cast<std::size_t>(size));
  return status;
}

}  // namespace sqlite

Status RestoreSqliteStore(const std::string& data_dir, std::span<const std::uint8_t> snapshot) {
  namespace fs = std::filesystem;
  const fs::path dir(data_dir);
  const fs::path target = dir / "lifeline.db";
  if (fs::exists(target))
    return Error{ErrorCode::kConflict, "the data folder already holds a store"};
  fs::create_directories(dir);
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace);
  const fs::path aside = dir / "lifeline.db.restoring";
  fs::remove(aside);

  sqlite3* memory = nullptr;
  sqlite3_open(":memory:", &memory);
  std::unique_ptr<sqlite3, int (*)(sqlite3*)> memory_guard(memory, sqlite3_close);
  auto* copy = static_cast<unsigned char*>(sqlite3_malloc64(snapshot.size()));
  if (!copy) return Error{ErrorCode::kInternal, "out of memory for the restore"};
  std::memcpy(copy, snapshot.data(), snapshot.size());
  if (snapshot.size() > 19) copy[18] = copy[19] = 1;  // see ExportSnapshot
  if (sqlite3_deserialize(memory, "main", copy, static_cast<sqlite3_int64>(snapshot.size()),
                          static_cast<sqlite3_int64>(snapshot.size()),
                          SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY) !=
      SQLITE_OK) {
    return InvalidInput("the backup does not hold a lifeline database");
  }
  char* message = nullptr;
  std::string verdict;
  sqlite3_exec(
      memory, "PRAGMA integrity_check",
      [](void* out, int, char** values, char**) {
        *static_cast<std::string*>(out) = values[0] ? values[0] : "";
        return 0;
      },
      &verdict, &message);
  sqlite3_free(message);
  if (verdict != "ok") return InvalidInput("the backup does not hold a sound lifeline database");

  try {
    {
      Connection file(aside.string(), true);
      sqlite3_backup* backup = sqlite3_backup_init(file.raw(), "main", memory, "main");
      const int step = backup ? sqlite3_backup_step(backup, -1) : SQLITE_ERROR;
      sqlite3_backup_finish(backup);
      if (step != SQLITE_DONE)
        return Error{ErrorCode::kInternal, "the restored database could not be written"};
      file.Execute("PRAGMA journal_mode=WAL");
      file.Execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    fs::remove(fs::path(aside.string() + "-wal"));
    fs::remove(fs::path(aside.string() + "-shm"));
    fs::rename(aside, target);
  } catch (const SqliteError& e) {
    fs::remove(aside);
    return sqlite::ToError(e);
  }
  return OkStatus();
}

}  // namespace lifeline::store
