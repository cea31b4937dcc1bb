/* A storage-fault shim for tests, loaded with LD_PRELOAD into lifeline serve: it makes
 * writes or fsyncs of files under one folder fail, the way a full or failing disk does,
 * without root or a real small filesystem.
 *
 *   LIFELINE_FAULT_DIR   the folder whose files fail (an absolute path, e.g. the data folder)
 *   LIFELINE_FAULT_FILE  a control file; while it exists, its first word says what fails:
 *                          full       write/pwrite fail with ENOSPC (the disk is full)
 *                          fsync-eio  fsync/fdatasync fail with EIO (the device lost writes)
 *                        with no such file, everything passes through.
 *
 * The control file is read on every call, so a test turns faults on and off while the
 * server runs. Only for tests: it is never linked into lifeline. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

enum fault { kNone, kFull, kFsyncEio };

static enum fault current_fault(void) {
  const char *control = getenv("LIFELINE_FAULT_FILE");
  if (!control) return kNone;
  /* Raw syscalls: no stdio, and nothing here re-enters the wrapped functions. */
  int fd = (int)syscall(SYS_openat, AT_FDCWD, control, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return kNone;
  char word[32] = {0};
  long n = syscall(SYS_read, fd, word, sizeof word - 1);
  syscall(SYS_close, fd);
  if (n <= 0) return kNone;
  if (strncmp(word, "full", 4) == 0) return kFull;
  if (strncmp(word, "fsync-eio", 9) == 0) return kFsyncEio;
  return kNone;
}

/* Whether `fd` is a file under LIFELINE_FAULT_DIR. */
static int under_fault_dir(int fd) {
  const char *dir = getenv("LIFELINE_FAULT_DIR");
  if (!dir || !*dir) return 0;
  char link[64], target[4096];
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  long n = syscall(SYS_readlinkat, AT_FDCWD, link, target, sizeof target - 1);
  if (n <= 0) return 0;
  target[n] = '\0';
  size_t len = strlen(dir);
  return strncmp(target, dir, len) == 0 && (target[len] == '/' || target[len] == '\0');
}

static int fails(int fd, enum fault fault) {
  return current_fault() == fault && under_fault_dir(fd);
}

/* Declares `var` as libc's own `name` (copied, since ISO C casts no object pointer to a
 * function pointer). */
#define NEXT(name, var)                      \
  __typeof__(&name) var;                     \
  do {                                       \
    void *symbol = dlsym(RTLD_NEXT, #name);  \
    memcpy(&var, &symbol, sizeof var);       \
  } while (0)

ssize_t write(int fd, const void *buf, size_t count) {
  if (fails(fd, kFull)) return errno = ENOSPC, -1;
  NEXT(write, real);
  return real(fd, buf, count);
}

ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset) {
  if (fails(fd, kFull)) return errno = ENOSPC, -1;
  NEXT(pwrite, real);
  return real(fd, buf, count, offset);
}

ssize_t pwrite64(int fd, const void *buf, size_t count, off64_t offset) {
  if (fails(fd, kFull)) return errno = ENOSPC, -1;
  NEXT(pwrite64, real);
  return real(fd, buf, count, offset);
}

int fsync(int fd) {
  if (fails(fd, kFsyncEio)) return errno = EIO, -1;
  NEXT(fsync, real);
  return real(fd);
}

int fdatasync(int fd) {
  if (fails(fd, kFsyncEio)) return errno = EIO, -1;
  NEXT(fdatasync, real);
  return real(fd);
}
