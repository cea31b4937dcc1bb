#include "store/postgres/pg.hpp"

#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <optional>
#include <thread>

namespace lifeline::store::postgres {
namespace {

std::string ErrorOf(PGconn* conn) {
  std::string message = PQerrorMessage(conn);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return message;
}

// The primary message and the SQLSTATE only: DETAIL may quote the values of a row.
[[noreturn]] void Throw(PGresult* result, PGconn* conn) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const char* primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  PgError error(state ? state : "08006", primary ? primary : ErrorOf(conn));
  PQclear(result);
  throw error;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

Error ToError(const PgError& e) {
  const std::string& s = e.sqlstate;
  if (s == "23505" || s == "23503" || s == "40001" || s == "40P01") {
    return Error{ErrorCode::kConflict, s == "23505" ? "a record with this key exists"
                                                    : "the change conflicts with another"};
  }
  // 08: connection exceptions; 25006: read-only transaction; 57P: shutdown; 53: resources;
  // 57014: cancelled (a commit that waited too long for a synchronous standby).
  // Their messages name hosts and ports, which are for the server's log, not for whoever
  // sent the request; others' primary messages can quote a bound value, so only their
  // SQLSTATE is logged.
  if (s.rfind("08", 0) == 0 || s == "25006" || s.rfind("57P", 0) == 0 || s.rfind("53", 0) == 0 ||
      s == "57014") {
    std::fprintf(stderr, "database unavailable (SQLSTATE %s): %s\n", s.c_str(), e.what());
    return Error{ErrorCode::kUnavailable, "the database is unavailable; try again shortly", {}, 1};
  }
  std::fprintf(stderr, "database error (SQLSTATE %s)\n", s.c_str());
  return Error{ErrorCode::kInternal, "a database error occurred"};
}

Params& Params::Add(std::int64_t value) {
  values_.push_back(std::to_string(value));
  null_.push_back(false);
  lengths_.push_back(0);
  formats_.push_back(0);
  return *this;
}

Params& Params::Add(std::string_view text) {
  values_.emplace_back(text);
  null_.push_back(false);
  lengths_.push_back(static_cast<int>(text.size()));
  formats_.push_back(0);
  return *this;
}

Params& Params::AddDouble(double value) {
  char text[32];
  auto [end, ec] = std::to_chars(text, text + sizeof text, value);  // shortest exact form
  return Add(std::string_view(text, static_cast<std::size_t>(end - text)));
}

Params& Params::AddBytes(std::span<const std::uint8_t> bytes) {
  values_.emplace_back(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  null_.push_back(false);
  lengths_.push_back(static_cast<int>(bytes.size()));
  formats_.push_back(1);  // binary: no escaping, any byte
  return *this;
}

Params& Params::AddNull() {
  values_.emplace_back();
  null_.push_back(true);
  lengths_.push_back(0);
  formats_.push_back(0);
  return *this;
}

const char* const* Params::values() const {
  pointers_.clear();
  for (std::size_t i = 0; i < values_.size(); ++i)
    pointers_.push_back(null_[i] ? nullptr : values_[i].data());
  return pointers_.data();
}

std::string PgResult::Text(int row, int column) const {
  return std::string(PQgetvalue(result_, row, column),
                     static_cast<std::size_t>(PQgetlength(result_, row, column)));
}

std::int64_t PgResult::Int(int row, int column) const {
  const char* text = PQgetvalue(result_, row, column);
  const char* end = text + PQgetlength(result_, row, column);
  std::int64_t value = 0;
  if (*text == 't' || *text == 'f') return *text == 't';  // booleans
  auto [ptr, ec] = std::from_chars(text, end, value);
  if (ec != std::errc() || ptr != end) throw PgError("XX000", "a stored number is malformed");
  return value;
}

double PgResult::Double(int row, int column) const {
  const char* text = PQgetvalue(result_, row, column);
  const char* end = text + PQgetlength(result_, row, column);
  double value = 0;
  auto [ptr, ec] = std::from_chars(text, end, value);
  if (ec != std::errc() || ptr != end) throw PgError("XX000", "a stored number is malformed");
  return value;
}

std::optional<std::int64_t> PgResult::OptionalInt(int row, int column) const {
  if (IsNull(row, column)) return std::nullopt;
  return Int(row, column);
}

std::optional<std::string> PgResult::OptionalText(int row, int column) const {
  if (IsNull(row, column)) return std::nullopt;
  return Text(row, column);
}

std::vector<std::uint8_t> PgResult::Bytes(int row, int column) const {
  if (IsNull(row, column)) return {};
  const char* text = PQgetvalue(result_, row, column);
  const int length = PQgetlength(result_, row, column);
  if (length < 2 || text[0] != '\\' || text[1] != 'x' || length % 2 != 0) {
    throw PgError("XX000", "a stored byte string is not in hex form");
  }
  std::vector<std::uint8_t> out;
  out.reserve(static_cast<std::size_t>(length - 2) / 2);
  for (int i = 2; i < length; i += 2) {
    const int hi = HexValue(text[i]);
    const int lo = HexValue(text[i + 1]);
    if (hi < 0 || lo < 0) throw PgError("XX000", "a stored byte string is not in hex form");
    out.push_back(static_cast<std::uint8_t>(hi * 16 + lo));
  }
  return out;
}

std::int64_t PgResult::affected() const {
  const char* count = PQcmdTuples(result_);
  return *count ? std::stoll(count) : 0;
}

bool ConninfoHasPassword(const std::string& conninfo) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
  if (!options) {
    std::string message = error ? error : "the connection string cannot be read";
    PQfreemem(error);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    throw PgError("08001", message);
  }
  bool has = false;
  for (PQconninfoOption* o = options; o->keyword; ++o) {
    if (std::string_view(o->keyword) == "password" && o->val && *o->val) has = true;
  }
  PQconninfoFree(options);
  return has;
}

std::unique_ptr<PgConnection> ConnectWithRetry(
    const std::string& conninfo, int wait_seconds,
    const std::function<void(const PgError&, double)>& retrying) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(wait_seconds);
  double pause = 0.5;
  for (;;) {
    try {
      return std::make_unique<PgConnection>(conninfo);
    } catch (const PgError& e) {
      const auto resume = std::chrono::steady_clock::now() + std::chrono::duration<double>(pause);
      if (resume > deadline) throw;
      if (retrying) retrying(e, pause);
      std::this_thread::sleep_until(resume);
      pause = std::min(pause * 2, 8.0);
    }
  }
}

PgConnection::PgConnection(const std::string& conninfo) : conn_(PQconnectdb(conninfo.c_str())) {
  if (PQstatus(conn_) != CONNECTION_OK) {
    const std::string message = ErrorOf(conn_);
    PQfinish(conn_);
    conn_ = nullptr;
    throw PgError("08001", message);
  }
  try {
    // Bytes() reads bytea in hex form, whatever the server's default.
    Execute("SET client_min_messages = warning; SET bytea_output = hex");
  } catch (...) {
    PQfinish(conn_);
    throw;
  }
}

PgConnection::~PgConnection() {
  if (conn_) PQfinish(conn_);
}

void PgConnection::ExecuteWithin(std::string_view sql, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  if (!PQsendQuery(conn_, std::string(sql).c_str())) throw PgError("08006", ErrorOf(conn_));
  std::optional<PgError> failure;
  for (;;) {
    while (PQisBusy(conn_)) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      pollfd ready{PQsocket(conn_), POLLIN, 0};
      const int polled = left.count() > 0 ? poll(&ready, 1, static_cast<int>(left.count())) : 0;
      if (polled == 0) {
        char reason[256];
        if (PGcancel* cancel = PQgetCancel(conn_)) {
          PQcancel(cancel, reason, sizeof reason);
          PQfreeCancel(cancel);
        }
        PQfinish(conn_);
        conn_ = nullptr;
        throw PgError("57014", "the statement did not finish in time and was cancelled");
      }
      if (polled < 0 && errno != EINTR) throw PgError("08006", "waiting for the server failed");
      if (!PQconsumeInput(conn_)) throw PgError("08006", ErrorOf(conn_));
    }
    PGresult* result = PQgetResult(conn_);
    if (!result) break;
    const auto status = PQresultStatus(result);
    if (!failure && status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
      failure.emplace(state ? state : "08006", "the statement failed");
    }
    PQclear(result);
  }
  if (failure) throw *failure;
}

PgResult PgConnection::Exec(std::string_view sql, const Params& params) {
  std::string text(sql);
  auto prepared = prepared_.find(text);
  if (prepared == prepared_.end() && prepared_.size() < kMaxPrepared) {
    std::string name = "lifeline_" + std::to_string(prepared_.size());
    PGresult* made = PQprepare(conn_, name.c_str(), text.c_str(), params.size(), nullptr);
    if (!made || PQresultStatus(made) != PGRES_COMMAND_OK) Throw(made, conn_);
    PQclear(made);
    prepared = prepared_.emplace(std::move(text), std::move(name)).first;
  }
  PGresult* result = prepared != prepared_.end()
                         ? PQexecPrepared(conn_, prepared->second.c_str(), params.size(),
                                          params.values(), params.lengths(), params.formats(), 0)
                         : PQexecParams(conn_, text.c_str(), params.size(), nullptr,
                                        params.values(), params.lengths(), params.formats(), 0);
  const auto status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) Throw(result, conn_);
  return PgResult(result);
}

void PgConnection::Execute(std::string_view sql) {
  const std::string text(sql);
  PGresult* result = PQexec(conn_, text.c_str());
  const auto status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) Throw(result, conn_);
  PQclear(result);
}

PgTransaction::PgTransaction(PgConnection& c, Isolation isolation) : c_(c) {
  switch (isolation) {
    case Isolation::kReadCommitted:
      c_.Execute("BEGIN");
      break;
    case Isolation::kRepeatableRead:
      c_.Execute("BEGIN ISOLATION LEVEL REPEATABLE READ");
      break;
    case Isolation::kSerializable:
      c_.Execute("BEGIN ISOLATION LEVEL SERIALIZABLE");
      break;
  }
}

PgTransaction::~PgTransaction() {
  if (done_) return;
  try {
    c_.Execute("ROLLBACK");
  } catch (const PgError&) {
    // The connection is gone; the server rolls back by itself.
  }
}

void PgTransaction::Commit() {
  c_.Execute("COMMIT");
  done_ = true;
}

}  // namespace lifeline::store::postgres
