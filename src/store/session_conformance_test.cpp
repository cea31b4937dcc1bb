// The session port (store/sql/session.hpp) behaves the same on both engines: what the SQL
// written once in store/sql/ relies on, checked against real SQLite and PostgreSQL.

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>

#include "store/postgres/session.hpp"
#include "store/sql/session.hpp"
#include "store/sqlite/migrations.hpp"
#include "store/sqlite/session.hpp"
#include "store/test_engines.hpp"

namespace lifeline::store {
namespace {

using sql::Access;
using sql::Params;
using sql::Row;
using sql::Session;
using sql::Transaction;
using testing::Engine;
using testing::PostgresSchema;

class SessionConformance : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    if (GetParam() == Engine::kSqlite) {
      dir_ =
          std::filesystem::temp_directory_path() / ("lifeline-session-" + testing::UniqueSuffix());
      std::filesystem::create_directories(dir_);
      {
        sqlite::Connection c((dir_ / "lifeline.db").string(), true);
        ASSERT_TRUE(sqlite::Migrate(c));
      }
      database_ = std::make_unique<sqlite::Database>((dir_ / "lifeline.db").string());
      sessions_ = std::make_unique<sqlite::SqliteSessions>(*database_);
    } else {
      if (!PostgresSchema::Available())
        GTEST_SKIP() << "no PostgreSQL for this run (ctest's *_postgres entries have one)";
      schema_ = std::make_unique<PostgresSchema>();
      ASSERT_TRUE(schema_->migrated()) << schema_->migrated().error().message;
      sessions_ = std::make_unique<postgres::PgSessions>(schema_->pool());
    }
  }
  void TearDown() override {
    sessions_.reset();
    database_.reset();
    schema_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  std::filesystem::path dir_;
  std::unique_ptr<sqlite::Database> database_;
  std::unique_ptr<PostgresSchema> schema_;
  std::unique_ptr<sql::Sessions> sessions_;
};

TEST_P(SessionConformance, ParametersAreBoundByNumberInAnyOrderAndMoreThanOnce) {
  auto read = sql::Read(*sessions_, [](Session& s) -> Result<std::string> {
    auto rows =
        s.Run("SELECT CAST($2 AS TEXT) || '/' || CAST($1 AS TEXT) || '/' || CAST($2 AS TEXT)",
              Params().Add("a").Add("b"));
    return rows[0].Text(0);
  });
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(*read, "b/a/b");
}

TEST_P(SessionConformance, ValuesComeBackAsTheyWentIn) {
  const std::vector<std::uint8_t> bytes = {0, 1, 0xff, 'x'};
  auto wrote = sql::Write(*sessions_, [&](Session& s) -> Status {
    s.Run("INSERT INTO office_keys (generation, public_key, private_sealed) VALUES ($1, $2, $3)",
          Params().Add(std::int64_t{41}).AddBytes(bytes).Add(std::optional<std::string>{}));
    auto rows = s.Run(
        "SELECT CAST($1 AS BIGINT), CAST($2 AS TEXT), public_key, private_sealed, private_sealed "
        "IS NULL "
        "FROM office_keys WHERE generation = $3",
        Params()
            .Add(std::int64_t{-9007199254740993})
            .Add("Дезертир \"quoted\"")
            .Add(std::int64_t{41}));
    EXPECT_EQ(rows.size(), 1);
    const Row row = rows[0];
    EXPECT_EQ(row.Int(0), -9007199254740993);
    EXPECT_EQ(row.Text(1), "Дезертир \"quoted\"");
    EXPECT_EQ(row.Bytes(2), bytes);
    EXPECT_TRUE(row.IsNull(3));
    EXPECT_EQ(row.OptionalInt(3), std::nullopt);
    EXPECT_EQ(row.Int(4), 1);  // a boolean reads as 1 or 0 on both
    return OkStatus();
  });
  ASSERT_TRUE(wrote) << wrote.error().message;
}

TEST_P(SessionConformance, ReturningGivesTheNewIdAndAffectedCountsChangedRows) {
  auto wrote = sql::Write(*sessions_, [](Session& s) -> Status {
    Transaction tx(s);
    const std::int64_t a = s.Run("INSERT INTO camps (name, rules) VALUES ($1, '{}') RETURNING id",
                                 Params().Add("A"))[0]
                               .Int(0);
    const std::int64_t b = s.Run("INSERT INTO camps (name, rules) VALUES ($1, '{}') RETURNING id",
                                 Params().Add("B"))[0]
                               .Int(0);
    EXPECT_GT(b, a);
    EXPECT_EQ(
        s.Run("UPDATE camps SET name = name || '!' WHERE id >= $1", Params().Add(a)).affected(), 2);
    EXPECT_EQ(s.Run("UPDATE camps SET name = 'x' WHERE id = $1", Params().Add(b + 100)).affected(),
              0);
    EXPECT_EQ(s.Run("SELECT name FROM camps WHERE id >= $1 ORDER BY id", Params().Add(a)).size(),
              2);
    tx.Commit();
    return OkStatus();
  });
  ASSERT_TRUE(wrote) << wrote.error().message;
}

TEST_P(SessionConformance, ATransactionNotCommittedLeavesNothing) {
  auto wrote = sql::Write(*sessions_, [](Session& s) -> Status {
    Transaction tx(s);
    s.Run("INSERT INTO camps (name, rules) VALUES ('gone', '{}')");
    return OkStatus();  // no commit: the guard rolls back
  });
  ASSERT_TRUE(wrote);
  auto count = sql::Read(*sessions_, [](Session& s) -> Result<std::int64_t> {
    return s.Run("SELECT COUNT(*) FROM camps WHERE name = 'gone'")[0].Int(0);
  });
  ASSERT_TRUE(count);
  EXPECT_EQ(*count, 0);
}

TEST_P(SessionConformance, AConstraintViolationIsAConflictAndAnUnreadableValueIsInternal) {
  auto twice = sql::Write(*sessions_, [](Session& s) -> Status {
    s.Run("INSERT INTO camps (id, name, rules) VALUES (77, 'one', '{}')");
    s.Run("INSERT INTO camps (id, name, rules) VALUES (77, 'two', '{}')");
    return OkStatus();
  });
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
  auto corrupt = sql::Read(*sessions_, [](Session& s) -> Result<Date> {
    return s.Run("SELECT 'not a date'")[0].DateAt(0);
  });
  ASSERT_FALSE(corrupt);
  EXPECT_EQ(corrupt.error().code, ErrorCode::kInternal);
}

TEST_P(SessionConformance, AConsistentReadSeesOneSnapshot) {
  auto read = sql::Read(*sessions_, [&](Session& s) -> Status {
    Transaction tx(s, Access::kConsistentRead);
    const auto before = s.Run("SELECT COUNT(*) FROM camps")[0].Int(0);
    auto wrote = sql::Write(*sessions_, [](Session& w) -> Status {
      w.Run("INSERT INTO camps (name, rules) VALUES ('meanwhile', '{}')");
      return OkStatus();
    });
    EXPECT_TRUE(wrote);
    EXPECT_EQ(s.Run("SELECT COUNT(*) FROM camps")[0].Int(0), before);
    tx.Commit();
    return OkStatus();
  });
  ASSERT_TRUE(read) << read.error().message;
}

TEST_P(SessionConformance, AWalkStopsWhenAskedAndTheHooksSpellValidSql) {
  auto done = sql::Write(*sessions_, [](Session& s) -> Status {
    Transaction tx(s);
    const std::int64_t person =
        s.Run(
             "INSERT INTO people_abroad (wanted, needs, updated_at, ephemeral_public, "
             "key_generation, wrapped_key, "
             "sealed_fields) VALUES ('none_known', '', 0, $1, 1, $2, $2) RETURNING id",
             Params()
                 .AddBytes(std::vector<std::uint8_t>(32, 1))
                 .AddBytes(std::vector<std::uint8_t>{2}))[0]
            .Int(0);
    for (int day = 1; day <= 5; ++day) {
      s.Run(
          "INSERT INTO abroad_events (person_id, kind, on_day, risk) VALUES ($1, 'stay_ends', $2, "
          "2)",
          Params().Add(person).Add("2027-01-0" + std::to_string(day)));
    }
    std::vector<std::string> seen;
    s.Walk("SELECT on_day FROM abroad_events" + s.IndexHint("abroad_board") +
               " WHERE risk IS NOT NULL AND on_day >= $1 ORDER BY on_day, risk, person_id",
           Params().Add("2027-01-02"), [&](const Row& row) {
             seen.push_back(row.Text(0));
             return seen.size() < 2;
           });
    EXPECT_EQ(seen, (std::vector<std::string>{"2027-01-02", "2027-01-03"}));
    // A second walk on the same session, after the first stopped early.
    int all = 0;
    s.Walk("SELECT on_day FROM abroad_events WHERE person_id = $1", Params().Add(person),
           [&](const Row&) {
             ++all;
             return true;
           });
    EXPECT_EQ(all, 5);
    EXPECT_EQ(s.Run("SELECT id FROM people_abroad WHERE id = $1" +
                        std::string(s.LockRowsClause(sql::RowLock::kShare)),
                    Params().Add(person))
                  .size(),
              1);
    EXPECT_EQ(s.Run("SELECT id FROM people_abroad WHERE id = $1" +
                        std::string(s.LockRowsClause(sql::RowLock::kUpdate)),
                    Params().Add(person))
                  .size(),
              1);
    s.LockCampBooks(1);
    s.ShareNewCasesLock();
    s.LockGroupChanges();
    s.WaitOutNewCases();  // a session's own shared lock does not hold it back
    tx.Commit();
    return OkStatus();
  });
  ASSERT_TRUE(done) << done.error().message;
}

INSTANTIATE_TEST_SUITE_P(Engines, SessionConformance,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         testing::EngineName);

}  // namespace
}  // namespace lifeline::store
