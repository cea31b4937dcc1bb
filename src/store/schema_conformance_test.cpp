// Both engines' migrations build the same schema: the same tables, columns (by kind of
// value and nullability), primary keys, foreign keys, unique constraints and indexes. The
// two migration files are still written apart (issue 18 moves them into one); this test
// is what keeps them from drifting meanwhile. Where they must differ, kKnownDifferences
// says so and why.

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>

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
  return out;
}

// Tables only one engine has, each with the reason.
const std::map<std::string, std::string> kKnownDifferences = {
    {"lifeline_schema",
     "PostgreSQL keeps the schema version in this table; SQLite in PRAGMA user_version"},
};

class SchemaPostgres : public ::testing::Test {};

TEST_F(SchemaPostgres, HoldsTheSameTablesColumnsKeysAndIndexesAsSqlite) {
  if (!testing::PostgresSchema::Available()) GTEST_SKIP() << "no PostgreSQL for this run";
  const auto dir =
      std::filesystem::temp_directory_path() / ("lifeline-schema-" + testing::UniqueSuffix());
  std::filesystem::create_directories(dir);
  Schema lite;
  {
    sqlite::Connection c((dir / "lifeline.db").string(), true);
    ASSERT_TRUE(sqlite::Migrate(c));
    sqlite::SqliteSession s(c);
    lite = ReadSqlite(s);
  }
  std::filesystem::remove_all(dir);
  testing::PostgresSchema pg;
  ASSERT_TRUE(pg.migrated()) << pg.migrated().error().message;
  Schema post;
  auto read = pg.pool().With([&](postgres::PgConnection& c) -> Status {
    postgres::PgSession s(c);
    post = ReadPostgres(s);
    return OkStatus();
  });
  ASSERT_TRUE(read) << read.error().message;

  std::set<std::string> names;
  for (const auto& [name, shape] : lite) names.insert(name);
  for (const auto& [name, shape] : post) names.insert(name);
  EXPECT_GT(names.size(), 30u) << "the schemas were not read";
  for (const auto& name : names) {
    const auto l = lite.find(name);
    const auto p = post.find(name);
    if (l == lite.end() || p == post.end()) {
      if (kKnownDifferences.contains(name)) continue;
      ADD_FAILURE() << "table " << name << " only on "
                    << (l == lite.end() ? "PostgreSQL" : "SQLite");
      continue;
    }
    EXPECT_EQ(l->second, p->second) << "table " << name << " differs\nSQLite:\n"
                                    << Describe(l->second) << "PostgreSQL:\n"
                                    << Describe(p->second);
  }
}

}  // namespace
}  // namespace lifeline::store
