#include "cli/data_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <stdexcept>

namespace lifeline::cli {

DataFolderLock::DataFolderLock(const std::string& data_dir, Mode mode,
                               const std::string& busy_message) {
  const std::filesystem::path path = std::filesystem::path(data_dir) / "lifeline.lock";
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd_ < 0) throw std::runtime_error("cannot open the data folder " + data_dir);
  const int operation = (mode == Mode::kShared ? LOCK_SH : LOCK_EX) | LOCK_NB;
  if (::flock(fd_, operation) != 0) {
    const int error = errno;
    ::close(fd_);
    fd_ = -1;
    if (error == EWOULDBLOCK) throw std::runtime_error(busy_message);
    throw std::runtime_error("cannot lock the data folder " + data_dir);
  }
}

DataFolderLock::~DataFolderLock() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace lifeline::cli
