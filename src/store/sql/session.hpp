#pragma once
// The port between the store's SQL, written once in src/store/sql/, and the two engines'
// drivers (store/sqlite, store/postgres). A Session runs one statement at a time on one
// connection, with `$1`, `$2`, … parameters, which both engines read the same way; the few
// places where SQLite and PostgreSQL must be spoken to differently are the named hooks at
// the end of Session, each saying why. Sessions lends a session to a body of work and turns
// the engine's errors into Error values at that boundary (src/README.md, "Storage").
//
// A driver's exceptions pass through the SQL written here untouched: the code above this
// port never catches them, so a failed statement always leaves through Sessions, which
// maps it (constraint → kConflict, lost server → kUnavailable, …) as each engine did before.

#include <array>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "domain/result.hpp"
#include "store/records.hpp"
#include "store/row_mac.hpp"

namespace lifeline::store::sql {

/// A statement's parameters, $1 first: integers, text, bytes, doubles or NULL.
class Params {
 public:
  // A plain struct rather than a std::variant: g++ 12 warns falsely (-Wmaybe-uninitialized)
  // about moving variants of strings.
  struct Value {
    enum class Kind { kNull, kInt, kDouble, kText, kBytes } kind = Kind::kNull;
    std::int64_t integer = 0;
    double real = 0;
    std::string data;  // the text, or the bytes
  };

  Params& Add(std::int64_t value) { return Push({Value::Kind::kInt, value, 0, {}}); }
  Params& Add(std::string_view text) { return Push({Value::Kind::kText, 0, 0, std::string(text)}); }
  Params& Add(const char* text) { return Add(std::string_view(text)); }
  Params& Add(const std::string& text) { return Add(std::string_view(text)); }
  Params& AddDouble(double value) { return Push({Value::Kind::kDouble, 0, value, {}}); }
  Params& AddBytes(std::span<const std::uint8_t> bytes) {
    return Push({Value::Kind::kBytes, 0, 0, std::string(bytes.begin(), bytes.end())});
  }
  Params& AddNull() { return Push({}); }
  /// The bytes, or NULL when there are none (an optional sealed field left out).
  Params& AddBytesOrNull(const std::vector<std::uint8_t>& bytes) {
    return bytes.empty() ? AddNull() : AddBytes(bytes);
  }
  /// The bytes, or NULL when absent (present but empty stays bytes).
  template <std::size_t N>
  Params& AddBytesOrNull(const std::optional<std::array<std::uint8_t, N>>& bytes) {
    return bytes ? AddBytes(*bytes) : AddNull();
  }
  Params& AddBytesOrNull(const std::optional<std::vector<std::uint8_t>>& bytes) {
    return bytes ? AddBytes(*bytes) : AddNull();
  }
  template <typename T>
  Params& Add(const std::optional<T>& value) {
    return value ? Add(*value) : AddNull();
  }

  const std::vector<Value>& values() const { return values_; }

 private:
  Params& Push(Value value) {
    values_.push_back(std::move(value));
    return *this;
  }
  std::vector<Value> values_;
};

/// What a driver hands back for a statement: every row it produced, already read.
class RowSource {
 public:
  virtual ~RowSource() = default;
  virtual int rows() const = 0;
  virtual bool IsNull(int row, int column) const = 0;
  virtual std::int64_t Int(int row, int column) const = 0;
  virtual double Double(int row, int column) const = 0;
  virtual std::string Text(int row, int column) const = 0;
  virtual std::vector<std::uint8_t> Bytes(int row, int column) const = 0;
  /// Rows an INSERT, UPDATE or DELETE changed.
  virtual std::int64_t affected() const = 0;
  /// Throws the engine's error for a stored value this version cannot read (a corrupt row,
  /// reported as kInternal); never returns.
  [[noreturn]] virtual void Corrupt(const char* what) const = 0;
};

/// One row of a statement's result.
class Row {
 public:
  Row(const RowSource& source, int index) : source_(&source), index_(index) {}

  bool IsNull(int column) const { return source_->IsNull(index_, column); }
  std::int64_t Int(int column) const { return source_->Int(index_, column); }
  double Double(int column) const { return source_->Double(index_, column); }
  std::string Text(int column) const { return source_->Text(index_, column); }
  std::vector<std::uint8_t> Bytes(int column) const { return source_->Bytes(index_, column); }
  std::optional<std::int64_t> OptionalInt(int column) const {
    return IsNull(column) ? std::nullopt : std::optional(Int(column));
  }
  std::optional<std::string> OptionalText(int column) const {
    return IsNull(column) ? std::nullopt : std::optional(Text(column));
  }
  Date DateAt(int column) const {
    return Valid(ParseIsoDate(Text(column)), "a stored date is malformed");
  }
  std::optional<Date> OptionalDate(int column) const {
    return IsNull(column) ? std::nullopt : std::optional(DateAt(column));
  }
  Blob32 Blob32At(int column) const;
  /// Throws the engine's corrupt-row error (with `what`): what is stored cannot be read.
  [[noreturn]] void Corrupt(const char* what) const {
    source_->Corrupt(what);
    std::abort();  // not reached: Corrupt throws (g++ does not carry [[noreturn]] through a virtual
                   // call)
  }
  /// `value`, or the engine's corrupt-row error (with `what`) when it is empty.
  template <typename T>
  T Valid(std::optional<T> value,
          const char* what = "a stored value is unknown to this version") const {
    if (!value) source_->Corrupt(what);
    return std::move(*value);
  }

 private:
  const RowSource* source_;
  int index_;
};

/// A statement's result: its rows, in order.
class Rows {
 public:
  explicit Rows(std::unique_ptr<RowSource> source) : source_(std::move(source)) {}

  int size() const { return source_->rows(); }
  bool empty() const { return size() == 0; }
  Row operator[](int index) const { return Row(*source_, index); }
  std::int64_t affected() const { return source_->affected(); }

  class Iterator {
   public:
    Iterator(const RowSource& source, int index) : source_(&source), index_(index) {}
    Row operator*() const { return Row(*source_, index_); }
    Iterator& operator++() {
      ++index_;
      return *this;
    }
    bool operator==(const Iterator& other) const { return index_ == other.index_; }

   private:
    const RowSource* source_;
    int index_;
  };
  Iterator begin() const { return Iterator(*source_, 0); }
  Iterator end() const { return Iterator(*source_, size()); }

 private:
  std::unique_ptr<RowSource> source_;
};

/// How a transaction uses the store.
enum class Access {
  kWrite,           // reads and writes; its writes commit together or not at all
  kConsistentRead,  // reads only, all from one snapshot of the store
};

/// How a SELECT locks the rows it reads (Session::LockRowsClause).
enum class RowLock { kShare, kUpdate };

/// One connection, lent by Sessions to one body of work. Not thread-safe.
class Session {
 public:
  virtual ~Session() = default;

  /// Runs one statement and reads all its rows. Throws the engine's error on failure.
  virtual Rows Run(std::string_view sql, const Params& params = {}) = 0;
  /// Calls `each` with the statement's rows in order until it returns false, reading them
  /// as it goes, so that a walk that stops early does not read the rest. Inside a
  /// transaction: PostgreSQL reads through a cursor (batches of 256), SQLite steps the
  /// statement.
  virtual void Walk(std::string_view sql, const Params& params,
                    const std::function<bool(const Row&)>& each) = 0;
  virtual void Begin(Access access) = 0;
  virtual void Commit() = 0;
  /// Rolls back the open transaction; errors are dropped (the connection's pool or the next
  /// BEGIN deals with a connection that went bad).
  virtual void Rollback() noexcept = 0;
  /// The sealer that writes on this session reseal their rows with (store/row_mac.hpp), or
  /// null for a store that keeps no MACs (the intake role).
  virtual const RowSealer* row_sealer() const = 0;

  // --- Where the engines differ ---------------------------------------------------------
  /// Serialises the writers of one camp's books (postings, calls, rota) until the
  /// transaction ends, so balance checks and idempotency keys hold under concurrent writers.
  /// SQLite has one writer, which holds the store's write lock for the whole transaction, so
  /// there is nothing more to take; PostgreSQL takes a transaction-scoped advisory lock.
  virtual void LockCampBooks(std::int64_t camp_id) = 0;
  /// Appended to a SELECT, so that concurrent writers of the rows it reads wait until the
  /// transaction ends: kUpdate for rows the transaction goes on to change (PostgreSQL's
  /// "FOR NO KEY UPDATE": rows that merely refer to them do not wait), kShare for rows that
  /// must not change meanwhile ("FOR SHARE"). SQLite's single writer needs nothing ("").
  virtual std::string_view LockRowsClause(RowLock lock) const = 0;
  /// Appended to a table's name in FROM, naming the index a walk must use: SQLite's
  /// planner, which has no statistics here, may otherwise sort a whole table rather than
  /// walk the index in its order and stop early (" INDEXED BY name"); PostgreSQL plans
  /// from its statistics ("").
  virtual std::string IndexHint(std::string_view index) const = 0;
  /// Makes every other writer of these tables wait until the transaction ends (readers go
  /// on), e.g. while the rows without a MAC are sealed, so that a row written meanwhile is
  /// sealed by its own writer. SQLite's single writer already excludes them; PostgreSQL
  /// locks the tables in SHARE ROW EXCLUSIVE mode.
  virtual void LockTablesAgainstWriters(const std::vector<std::string_view>& tables) = 0;
  /// Taken by every transaction that inserts cases, before it draws their ids. The search
  /// index walks case ids upwards from the highest it has seen, so it must never see a case
  /// while a lower id is still uncommitted: PostgreSQL draws ids at insert but commits in
  /// any order, so its inserters share an advisory lock that the walk takes exclusively;
  /// SQLite's single writer commits in id order and needs nothing.
  virtual void ShareNewCasesLock() = 0;
  /// Taken by that walk, in a write transaction, before it reads the ids: waits until every
  /// transaction that took ShareNewCasesLock has committed, and holds new ones off until
  /// this transaction ends. PostgreSQL takes the same advisory lock exclusively; SQLite's
  /// single writer needs nothing.
  virtual void WaitOutNewCases() = 0;
  /// Makes group (unit) changes take turns until the transaction ends: their nesting check
  /// reads rows that other group changes write, which a compare-and-set on one row cannot
  /// guard. SQLite's single writer already serialises them; PostgreSQL takes a
  /// transaction-scoped advisory lock.
  virtual void LockGroupChanges() = 0;
  /// Marks tables (named in kErasableTables of postgres/erasure.hpp) whose deleted or
  /// overwritten rows must not stay readable in the files, inside the transaction; the
  /// caller then calls Sessions::FinishErasure after the commit. PostgreSQL keeps old row
  /// versions until VACUUM FULL, so it records the mark; SQLite overwrites them at once
  /// (secure_delete) and records nothing.
  virtual void MarkForErasure(std::initializer_list<std::string_view> tables) = 0;
};

/// BEGIN on construction; ROLLBACK on destruction unless committed.
class Transaction {
 public:
  explicit Transaction(Session& session, Access access = Access::kWrite) : session_(session) {
    session_.Begin(access);
  }
  ~Transaction() {
    if (!done_) session_.Rollback();
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void Commit() {
    session_.Commit();
    done_ = true;
  }

 private:
  Session& session_;
  bool done_ = false;
};

/// An engine's connections. Each call lends one session to `body` and returns the engine's
/// error, mapped to an Error, if a statement failed (body's own result is then dropped).
class Sessions {
 public:
  virtual ~Sessions() = default;
  /// A session that may write (SQLite: the writer, holding its lock; PostgreSQL: a pooled
  /// connection, and `body` runs again after a serialization failure or deadlock).
  virtual Status RunWrite(const std::function<void(Session&)>& body) = 0;
  /// A session for reading (SQLite: a reader beside the writer, thanks to WAL).
  virtual Status RunRead(const std::function<void(Session&)>& body) = 0;
  /// After a commit that marked tables for erasure: SQLite truncates its write-ahead log
  /// (the old rows' last copy), retrying for about a second while readers hold it back;
  /// PostgreSQL rewrites the marked tables (VACUUM FULL), or leaves the mark for its next
  /// sweep. kUnavailable when the copies could not be erased yet (SQLite says
  /// `retry_message`); the change itself is committed either way.
  virtual Status FinishErasure(std::string_view retry_message) = 0;
};

namespace detail {
template <typename F>
using BodyResult = std::invoke_result_t<F&, Session&>;

template <typename F>
BodyResult<F> Lend(Sessions& sessions, bool write, F& body) {
  std::optional<BodyResult<F>> result;
  auto run = [&](Session& session) { result.emplace(body(session)); };
  Status ran = write ? sessions.RunWrite(run) : sessions.RunRead(run);
  if (!ran) return ran.error();
  return std::move(*result);
}
}  // namespace detail

/// Runs `body(Session&)`, which returns a Result or Status, on a session that may write.
template <typename F>
detail::BodyResult<F> Write(Sessions& sessions, F&& body) {
  return detail::Lend(sessions, true, body);
}

/// Runs `body(Session&)` on a session for reading.
template <typename F>
detail::BodyResult<F> Read(Sessions& sessions, F&& body) {
  return detail::Lend(sessions, false, body);
}

}  // namespace lifeline::store::sql
