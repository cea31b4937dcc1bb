#pragma once
// Errors are values (STYLE.md): expected failures travel as Result<T>; exceptions are for
// bugs and start-up failures only. server/ maps ErrorCode to an HTTP status in one place.

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace lifeline {

enum class ErrorCode {
  kInvalidInput,  // the caller sent something we cannot accept; message says what
  kNotFound,
  kUnauthenticated,
  kForbidden,
  kConflict,
  kTooLarge,
  kUnavailable,  // overloaded or shutting down; the caller may retry later
  kRateLimited,  // too many attempts; retry after Error::retry_after_seconds
  kIntegrity,    // a stored row failed its tamper check (docs/security.md, "Tamper-evident rows")
  kInternal,
};

/// An expected failure. `message` is shown to people: it never contains personal data.
struct Error {
  ErrorCode code;
  std::string message;
  std::string field = {};       // the input field at fault, e.g. "contact.handle"; empty if none
  int retry_after_seconds = 0;  // for kRateLimited and kUnavailable; 0: unspecified
};

/// Either a value or an Error. Accessing the wrong alternative is a bug (asserted).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : state_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<T>(state_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<T>(state_);
  }
  T&& value() && {
    assert(ok());
    return std::get<T>(std::move(state_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const {
    assert(!ok());
    return std::get<Error>(state_);
  }

 private:
  std::variant<T, Error> state_;
};

/// Result of an operation that returns nothing on success.
using Status = Result<std::monostate>;
inline Status OkStatus() { return std::monostate{}; }

inline Error InvalidInput(std::string message, std::string field = {}) {
  return {ErrorCode::kInvalidInput, std::move(message), std::move(field)};
}
inline Error NotFound(std::string message) { return {ErrorCode::kNotFound, std::move(message)}; }

}  // namespace lifeline
