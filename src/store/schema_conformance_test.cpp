// The schema is declared once (store/sql/schema.hpp) and spelled for each engine; databases
// made by older lifelines reach it through each engine's frozen history of steps. These
// tests prove that all of them hold the same schema: the same tables, columns (by kind of
// value and nullability), primary keys, foreign keys, unique constraints and indexes, and
// the same seeded rows. Where the engines must differ, kKnownDifferences says so and why.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "store/postgres/migrations.hpp"
#include "store/postgres/session.hpp"
#include "store/sql/session.hpp"
#include "store/sqlite/migrations.hpp"
#include "store/sqlite/session.hpp"
#include "store/test_engines.hpp"

namespace lifeline::store {
namespace {

using sql::Params;
using sql::Row;
using sql::Session;

// One table's shape, each part as comparable text.
struct TableShape {
  std::map<std::string, std::string> columns;  // name -> "int|text|bytes|real[ not null]"
  std::string primary_key;                     // its columns, in key order
  std::set<std::string> foreign_keys;          // "column -> table"
  std::set<std::string> unique;                // unique constraints' columns
  std::map<std::string, std::string> indexes;  // CREATE INDEX name -> "[unique ]columns"
  bool without_rowid = false;                  // SQLite's alone (Spelling::without_rowid)

  bool operator==(const TableShape&) const = default;
};
using Schema = std::map<std::string, TableShape>;

std::string KindOf(std::string type) {
  for (auto& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (type.find("int") != std::string::npos) return "int";
  if (type.find("char") != std::string::npos || type.find("text") != std::string::npos)
    return "text";
  if (type.find("blob") != std::string::npos || type.find("bytea") != std::string::npos)
    return "bytes";
  if (type.find("real") != std::string::npos || type.find("double") != std::string::npos)
    return "real";
  return type.empty() ? "any" : type;
}

std::string Joined(const sql::Rows& rows) {
  std::string out;
  for (const Row& row : rows)
    out += (out.empty() ? "" : ",") + (row.IsNull(0) ? std::string("<expr>") : row.Text(0));
  return out;
}

Schema ReadSqlite(Session& s) {
  Schema schema;
  for (const Row& table :
       s.Run("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
    const std::string name = table.Text(0);
    TableShape& shape = schema[name];
    shape.without_rowid =
        s.Run("SELECT wr FROM pragma_table_list WHERE schema = 'main' AND name = $1",
              Params().Add(name))[0]
            .Int(0) != 0;
    std::map<int, std::string> key;
    for (const Row& c : s.Run("SELECT name, type, \"notnull\", pk FROM pragma_table_info($1)",
                              Params().Add(name))) {
      // A primary key column is NOT NULL, as on PostgreSQL (SQLite's own rule is looser).
      const bool not_null = c.Int(2) != 0 || c.Int(3) != 0;
      shape.columns[c.Text(0)] = KindOf(c.Text(1)) + (not_null ? " not null" : "");
      if (c.Int(3) > 0) key[static_cast<int>(c.Int(3))] = c.Text(0);
    }
    for (const auto& [position, column] : key)
      shape.primary_key += (shape.primary_key.empty() ? "" : ",") + column;
    for (const Row& fk :
         s.Run("SELECT \"from\", \"table\" FROM pragma_foreign_key_list($1)", Params().Add(name))) {
      shape.foreign_keys.insert(fk.Text(0) + " -> " + fk.Text(1));
    }
    for (const Row& index :
         s.Run("SELECT name, \"unique\", origin FROM pragma_index_list($1)", Params().Add(name))) {
      const std::string columns = Joined(s.Run(
          "SELECT name FROM pragma_index_info($1) ORDER BY seqno", Params().Add(index.Text(0))));
      if (index.Text(2) == "u") {
        shape.unique.insert(columns);
      } else if (index.Text(2) == "c") {
        shape.indexes[index.Text(0)] = (index.Int(1) != 0 ? "unique " : "") + columns;
      }
    }
  }
  return schema;
}

Schema ReadPostgres(Session& s) {
  Schema schema;
  for (const Row& table :
       s.Run("SELECT table_name FROM information_schema.tables "
             "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")) {
    const std::string name = table.Text(0);
    TableShape& shape = schema[name];
    for (const Row& c :
         s.Run("SELECT column_name, data_type, is_nullable FROM information_schema.columns "
               "WHERE table_schema = current_schema() AND table_name = $1",
               Params().Add(name))) {
      shape.columns[c.Text(0)] = KindOf(c.Text(1)) + (c.Text(2) == "NO" ? " not null" : "");
    }
    const std::string index_columns =
        "array_to_string(ARRAY(SELECT COALESCE(a.attname, '<expr>') FROM unnest(i.indkey) WITH "
        "ORDINALITY AS k(attnum, n) "
        "LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum ORDER BY "
        "k.n), ',')";
    for (const Row& index :
         s.Run("SELECT c.relname, i.indisunique::int, i.indisprimary::int, "
               "(EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid))::int, " +
                   index_columns +
                   " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                   "WHERE i.indrelid = (quote_ident(current_schema()) || '.' || "
                   "quote_ident($1))::regclass",
               Params().Add(name))) {
      if (index.Int(2) != 0) {
        shape.primary_key = index.Text(4);
      } else if (index.Int(3) != 0) {
        shape.unique.insert(index.Text(4));
      } else {
        shape.indexes[index.Text(0)] = (index.Int(1) != 0 ? "unique " : "") + index.Text(4);
      }
    }
    for (const Row& fk :
         s.Run("SELECT a.attname, f.relname FROM pg_constraint k "
               "JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1] "
               "JOIN pg_class f ON f.oid = k.confrelid "
               "WHERE k.contype = 'f' AND k.conrelid = (quote_ident(current_schema()) || '.' || "
               "quote_ident($1))::regclass",
               Params().Add(name))) {
      shape.foreign_keys.insert(fk.Text(0) + " -> " + fk.Text(1));
    }
  }
  return schema;
}

std::string Describe(const TableShape& t) {
  std::string out;
  for (const auto& [name, kind] : t.columns) out += "  column " + name + ": " + kind + "\n";
  out += "  primary key (" + t.primary_key + ")\n";
  for (const auto& fk : t.foreign_keys) out += "  foreign key " + fk + "\n";
  for (const auto& u : t.unique) out += "  unique (" + u + ")\n";
  for (const auto& [name, columns] : t.indexes) out += "  index " + name + " (" + columns + ")\n";
  if (t.without_rowid) out += "  without rowid\n";
  return out;
}

// Tables only one engine has, each with the reason.
const std::map<std::string, std::string> kKnownDifferences = {
    {"lifeline_schema",
     "PostgreSQL keeps the schema version in this table; SQLite in PRAGMA user_version"},
};

// Every table, column, key and index of `a` is in `b` and the other way round, but for
// tables kKnownDifferences names and the rowid, which PostgreSQL has not (when
// `engines_differ`).
void ExpectSameSchema(const Schema& a, const Schema& b, const char* a_name, const char* b_name,
                      bool engines_differ) {
  std::set<std::string> names;
  for (const auto& [name, shape] : a) names.insert(name);
  for (const auto& [name, shape] : b) names.insert(name);
  EXPECT_GT(names.size(), 30u) << "the schemas were not read";
  for (const auto& name : names) {
    const auto in_a = a.find(name);
    const auto in_b = b.find(name);
    if (in_a == a.end() || in_b == b.end()) {
      if (engines_differ && kKnownDifferences.contains(name)) continue;
      ADD_FAILURE() << "table " << name << " only in " << (in_a == a.end() ? b_name : a_name);
      continue;
    }
    TableShape b_shape = in_b->second;
    if (engines_differ) b_shape.without_rowid = in_a->second.without_rowid;
    EXPECT_EQ(in_a->second, b_shape) << "table " << name << " differs\n"
                                     << a_name << ":\n"
                                     << Describe(in_a->second) << b_name << ":\n"
                                     << Describe(in_b->second);
  }
}

// The rows a migration seeds (example country rules, markers in settings), as text.
std::string SeededRows(Session& s) {
  std::string out;
  for (const Row& row : s.Run("SELECT code, name, days_allowed, period_days, note FROM "
                              "abroad_countries ORDER BY code"))
    out += row.Text(0) + "|" + row.Text(1) + "|" + std::to_string(row.Int(2)) + "|" +
           std::to_string(row.Int(3)) + "|" + row.Text(4) + "\n";
  for (const Row& row : s.Run("SELECT key, value FROM settings ORDER BY key"))
    out += row.Text(0) + "=" + row.Text(1) + "\n";
  return out;
}

struct ReadBack {
  Schema schema;
  std::string seeded;
};

ReadBack ReadSqliteMigrated(sqlite::FreshDatabase fresh) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("lifeline-schema-" + testing::UniqueSuffix());
  std::filesystem::create_directories(dir);
  ReadBack out;
  {
    sqlite::Connection c((dir / "lifeline.db").string(), true);
    EXPECT_TRUE(sqlite::Migrate(c, fresh));
    sqlite::SqliteSession s(c);
    out.schema = ReadSqlite(s);
    out.seeded = SeededRows(s);
  }
  std::filesystem::remove_all(dir);
  return out;
}

// Reads `pg`'s schema and seeded rows, after running `before` on the same session.
ReadBack ReadPostgresSchema(testing::PostgresSchema& pg,
                            const std::function<void(Session&)>& before = {}) {
  ReadBack out;
  auto read = pg.pool().With([&](postgres::PgConnection& c) -> Status {
    postgres::PgSession s(c);
    if (before) before(s);
    out.schema = ReadPostgres(s);
    out.seeded = SeededRows(s);
    return OkStatus();
  });
  EXPECT_TRUE(read) << read.error().message;
  return out;
}

// Step 24 puts the seeded stay rules into Russian, and leaves what a caseworker changed.
TEST(SchemaSqlite, TheSeededStayRulesSpeakRussianAndAnEditedRuleIsKept) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("lifeline-schema-" + testing::UniqueSuffix());
  std::filesystem::create_directories(dir);
  {
    sqlite::Connection c((dir / "lifeline.db").string(), true);
    ASSERT_TRUE(sqlite::Migrate(c, sqlite::FreshDatabase::kThroughHistory));
    // Back to version 23: without step 25's indexes, step 26's column and steps 27 and 28's tables,
    // KZ as seeded, Armenia's name and Turkey's note changed by hand.
    c.Execute(
        "DROP INDEX audit_log_by_actor; DROP INDEX audit_log_by_action; DROP INDEX "
        "audit_log_latest; DROP INDEX audit_log_by_time");
    c.Execute("ALTER TABLE users DROP COLUMN console_language");
    c.Execute("DROP TABLE duress_receipts");
    c.Execute("DROP TABLE application_proofs");
    c.Execute(
        "UPDATE abroad_countries SET name = 'Kazakhstan', note = 'example rule: check the current "
        "one before relying on it' WHERE code = 'KZ'");
    c.Execute("UPDATE abroad_countries SET name = 'Armenia (our note)' WHERE code = 'AM'");
    c.Execute("UPDATE abroad_countries SET note = 'checked 2026-11-30' WHERE code = 'TR'");
    c.Execute("PRAGMA user_version = 23");
    ASSERT_TRUE(sqlite::Migrate(c));
    sqlite::SqliteSession s(c);
    std::map<std::string, std::pair<std::string, std::string>> rules;
    for (const Row& row : s.Run("SELECT code, name, note FROM abroad_countries"))
      rules[row.Text(0)] = {row.Text(1), row.Text(2)};
    EXPECT_EQ(rules["KZ"], (std::pair<std::string, std::string>{
                               "Казахстан",
                               "пример правила: прежде чем на него полагаться, проверьте "
                               "действующее"}));
    EXPECT_EQ(rules["AM"].first, "Armenia (our note)");
    EXPECT_EQ(rules["TR"], (std::pair<std::string, std::string>{"Турция", "checked 2026-11-30"}));
    EXPECT_EQ(rules["DE"].second, "по шенгенской визе: сверьтесь с самой визой");
  }
  std::filesystem::remove_all(dir);
}

TEST(SchemaSqlite, TheDeclaredSchemaIsTheOneSqlitesHistoryBuilds) {
  const ReadBack declared = ReadSqliteMigrated(sqlite::FreshDatabase::kFromDeclaredSchema);
  const ReadBack history = ReadSqliteMigrated(sqlite::FreshDatabase::kThroughHistory);
  ExpectSameSchema(declared.schema, history.schema, "declared", "history", false);
  EXPECT_EQ(declared.seeded, history.seeded);
  EXPECT_NE(declared.seeded.find("row_mac_backfill=pending"), std::string::npos);
}

TEST(SchemaPostgres, HoldsTheSameTablesColumnsKeysAndIndexesAsSqlite) {
  if (!testing::PostgresSchema::Available()) GTEST_SKIP() << "no PostgreSQL for this run";
  const ReadBack lite = ReadSqliteMigrated(sqlite::FreshDatabase::kFromDeclaredSchema);
  testing::PostgresSchema pg;
  ASSERT_TRUE(pg.migrated()) << pg.migrated().error().message;
  const ReadBack post = ReadPostgresSchema(pg);
  ExpectSameSchema(lite.schema, post.schema, "SQLite", "PostgreSQL", true);
  EXPECT_EQ(lite.seeded, post.seeded);
}

// A database made at version 20, PostgreSQL's first, goes through PostgreSQL's history to
// the declared schema. Version 20 is rebuilt by undoing steps 21 to 23, 25 and 26 on a fresh one
// (step 24 changes rows that are the same either way).
TEST(SchemaPostgres, ADatabaseFromVersion20ReachesTheDeclaredSchema) {
  if (!testing::PostgresSchema::Available()) GTEST_SKIP() << "no PostgreSQL for this run";
  testing::PostgresSchema fresh;
  ASSERT_TRUE(fresh.migrated()) << fresh.migrated().error().message;
  const ReadBack declared = ReadPostgresSchema(fresh);
  testing::PostgresSchema old;
  ASSERT_TRUE(old.migrated()) << old.migrated().error().message;
  const ReadBack upgraded = ReadPostgresSchema(old, [](Session& s) {
    s.Run(
        "DROP INDEX audit_log_by_actor, audit_log_by_action, audit_log_latest, audit_log_by_time");
    s.Run("ALTER TABLE users DROP COLUMN console_language");
    s.Run("DROP TABLE duress_receipts, application_proofs");
    s.Run("DROP TABLE channel_outbox, channel_inbound, channel_senders, readiness");
    for (const char* table : {"users", "applications", "case_events", "messages", "group_events",
                              "office_keys", "postings"})
      s.Run(fmt::format("ALTER TABLE {} DROP COLUMN row_mac", table));
    s.Run("ALTER TABLE posting_legs DROP COLUMN id, DROP COLUMN row_mac");
    s.Run("DELETE FROM settings WHERE key = 'row_mac_backfill'");
    s.Run("UPDATE lifeline_schema SET version = 20");
  });
  EXPECT_TRUE(upgraded.schema != declared.schema) << "version 20 was not rebuilt";
  auto migrated = old.pool().With([](postgres::PgConnection& c) { return postgres::Migrate(c); });
  ASSERT_TRUE(migrated) << migrated.error().message;
  EXPECT_EQ(*migrated, 20);
  const ReadBack after = ReadPostgresSchema(old);
  ExpectSameSchema(declared.schema, after.schema, "declared", "from version 20", false);
  EXPECT_EQ(declared.seeded, after.seeded);
}

}  // namespace
}  // namespace lifeline::store
