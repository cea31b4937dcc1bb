#include "store/sqlite/wiping_allocator.hpp"

#include <malloc.h>
#include <sqlite3.h>
#include <string.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <mutex>

namespace lifeline::store::sqlite {
namespace {

void* Allocate(int bytes) { return std::malloc(static_cast<std::size_t>(bytes)); }

void Free(void* block) {
  if (!block) return;
  explicit_bzero(block, malloc_usable_size(block));
  std::free(block);
}

// Always a new block: glibc's realloc may move the data and free the old block unwiped.
void* Reallocate(void* block, int bytes) {
  if (!block) return Allocate(bytes);
  void* grown = Allocate(bytes);
  if (!grown) return nullptr;
  std::memcpy(grown, block, std::min(malloc_usable_size(block), static_cast<std::size_t>(bytes)));
  Free(block);
  return grown;
}

int Size(void* block) { return block ? static_cast<int>(malloc_usable_size(block)) : 0; }
int Roundup(int bytes) { return (bytes + 7) & ~7; }
int Init(void*) { return SQLITE_OK; }
void Shutdown(void*) {}

}  // namespace

void UseWipingAllocator() {
  static std::once_flag once;
  std::call_once(once, [] {
    static const sqlite3_mem_methods kMethods{Allocate, Free, Reallocate, Size,
                                              Roundup,  Init, Shutdown,   nullptr};
    // SQLITE_MISUSE if SQLite was initialised already (only a test could have): then SQLite
    // keeps its own allocator.
    sqlite3_config(SQLITE_CONFIG_MALLOC, &kMethods);
  });
}

}  // namespace lifeline::store::sqlite
