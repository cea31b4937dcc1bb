#pragma once
// A lock on the data folder (`lifeline.lock`, flock). Servers share it; commands that must
// not run beside a server (office key rotation) take it alone. The kernel releases it when
// the process ends, even on kill -9, so it never goes stale.

#include <string>

namespace lifeline::cli {

class DataFolderLock {
 public:
  enum class Mode { kShared, kExclusive };
  /// Takes the lock without waiting; throws std::runtime_error with `busy_message` if it is
  /// held in a conflicting mode, or a plain message if the folder cannot be opened.
  DataFolderLock(const std::string& data_dir, Mode mode, const std::string& busy_message);
  ~DataFolderLock();
  DataFolderLock(const DataFolderLock&) = delete;
  DataFolderLock& operator=(const DataFolderLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace lifeline::cli
