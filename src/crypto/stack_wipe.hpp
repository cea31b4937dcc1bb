#pragma once
// Wiping what returned functions left on the stack.

namespace lifeline::crypto {

/// Overwrites the 16 KiB of stack below the caller's frame, where functions it has just
/// called kept their locals (nlohmann's serializer escapes every string through a 512-byte
/// buffer of its own on the stack). Call it right after such a call.
void WipeStackBelow();

}  // namespace lifeline::crypto
