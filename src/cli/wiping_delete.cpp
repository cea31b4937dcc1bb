// Freed memory is wiped before it goes back to the allocator (docs/security.md, "Memory").
//
// What an applicant sends passes through many short-lived buffers that no code of ours owns:
// the HTTP read buffer, the request body, the JSON parser's strings, the text assembled for
// sealing. Wiping each by hand would miss some (a seized, still running intake host kept 16
// of 30 applicants' fields 33 s after they were sent). Replacing the global operator delete
// wipes every one of them as it is freed, whichever library allocated it with operator new.
// The cost is one memset per freed block, small beside the Argon2id of each submission.
//
// Not under AddressSanitizer, which must keep its own operator delete to track frees; the
// memory test runs in the normal build.

#include <malloc.h>
#include <string.h>

#include <cstdlib>
#include <new>

#if !defined(__SANITIZE_ADDRESS__)

namespace {

void WipeAndFree(void* block) noexcept {
  if (block == nullptr) return;
  explicit_bzero(block, malloc_usable_size(block));
  std::free(block);
}

}  // namespace

// libstdc++'s operator new takes its blocks from malloc (aligned ones from aligned_alloc),
// so free() is the matching release for every form below.
void operator delete(void* block) noexcept { WipeAndFree(block); }
void operator delete[](void* block) noexcept { WipeAndFree(block); }
void operator delete(void* block, std::size_t) noexcept { WipeAndFree(block); }
void operator delete[](void* block, std::size_t) noexcept { WipeAndFree(block); }
void operator delete(void* block, const std::nothrow_t&) noexcept { WipeAndFree(block); }
void operator delete[](void* block, const std::nothrow_t&) noexcept { WipeAndFree(block); }
void operator delete(void* block, std::align_val_t) noexcept { WipeAndFree(block); }
void operator delete[](void* block, std::align_val_t) noexcept { WipeAndFree(block); }
void operator delete(void* block, std::size_t, std::align_val_t) noexcept { WipeAndFree(block); }
void operator delete[](void* block, std::size_t, std::align_val_t) noexcept { WipeAndFree(block); }
void operator delete(void* block, std::align_val_t, const std::nothrow_t&) noexcept {
  WipeAndFree(block);
}
void operator delete[](void* block, std::align_val_t, const std::nothrow_t&) noexcept {
  WipeAndFree(block);
}

#endif
