#pragma once
// SQLite's own memory, wiped when it is freed (docs/security.md "Memory"). The lifeline
// binary wipes every block its C++ code frees (cli/wiping_delete.cpp), but SQLite allocates
// with malloc: the rows it reads and writes (sealed records, lookups) would stay in freed
// heap until reused, and a seized intake's core image would hold records the office has long
// collected. This gives SQLite an allocator that clears each block before freeing it.

namespace lifeline::store::sqlite {

/// Installs the wiping allocator, once, before SQLite first initialises; a no-op afterwards.
/// Thread-safe.
void UseWipingAllocator();

}  // namespace lifeline::store::sqlite
