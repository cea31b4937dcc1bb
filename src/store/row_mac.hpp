#pragma once
// Tamper-evident rows (docs/security.md, "Tamper-evident rows").
//
// Every security-relevant row carries `row_mac`: a keyed hash, under a key only the office
// secret's holder derives, over the row's canonical encoding: its table, its identity and
// the columns listed here. A row edited, swapped with another's or moved to another id no
// longer matches its MAC. Counts of a case's children (its events, its sealed messages, its
// group history) and of a posting's legs are part of the parent's encoding, so deleting a
// child breaks the parent.
//
// The columns are written once here, in SQL both engines understand, so SQLite's and
// PostgreSQL's encodings cannot drift apart. Every column is read as text (integers in
// decimal) or as bytes, by its kind, so both engines encode a row identically.

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "store/records.hpp"

namespace lifeline::store {

enum class RowMacKind { kText, kBytes };

struct RowMacColumn {
  std::string_view expr;  // an SQL expression over the table, aliased `t`
  RowMacKind kind = RowMacKind::kText;
};

/// A table whose rows are MAC'd: its name, its identity column, the columns covered, and
/// when a row may lack a MAC (an SQL condition): only rows the intake role writes, which
/// holds no office secret, and only while they carry nothing the office set.
struct RowMacTable {
  std::string_view name;
  std::string_view id_column;
  std::span<const RowMacColumn> columns;
  std::string_view may_lack_mac = "1 = 0";
};

namespace row_mac_sql {

using K = RowMacKind;

inline constexpr std::array<RowMacColumn, 5> kUsers = {{{"t.name"},
                                                        {"t.role"},
                                                        {"t.password_hash"},
                                                        {"CAST(t.disabled AS TEXT)"},
                                                        {"CAST(t.id AS TEXT)"}}};

// The record ciphertext's associated data is its receipt lookup; the MAC binds the
// ciphertext and the wrapped key to the case id, so swapping two cases' rows is caught
// without re-sealing anything.
inline constexpr std::array<RowMacColumn, 25> kApplications = {
    {{"t.received_on"},
     {"t.status"},
     {"t.situation"},
     {"t.group_kind"},
     {"CAST(t.group_size AS TEXT)"},
     {"t.contact_channel"},
     {"t.language"},
     {"t.deploy_by"},
     {"t.receipt_lookup", K::kBytes},
     {"t.reply_public", K::kBytes},
     {"t.ephemeral_public", K::kBytes},
     {"CAST(t.key_generation AS TEXT)"},
     {"t.wrapped_key", K::kBytes},
     {"t.sealed_fields", K::kBytes},
     {"CAST(t.assigned_user_id AS TEXT)"},
     {"t.custody_sealed", K::kBytes},
     {"CAST(t.version AS TEXT)"},
     {"CAST(t.merged_into AS TEXT)"},
     {"CAST(t.group_case_id AS TEXT)"},
     {"t.origin"},
     {"t.plan_sealed", K::kBytes},
     {"CAST((SELECT COUNT(*) FROM case_events c WHERE c.case_id = t.id) AS TEXT)"},
     {"CAST((SELECT COUNT(*) FROM messages m WHERE m.case_id = t.id AND m.row_mac IS NOT NULL) AS "
      "TEXT)"},
     {"CAST((SELECT COUNT(*) FROM group_events g WHERE g.group_case_id = t.id) AS TEXT)"},
     {"CAST(t.id AS TEXT)"}}};

inline constexpr std::array<RowMacColumn, 7> kCaseEvents = {{{"CAST(t.case_id AS TEXT)"},
                                                             {"CAST(t.at AS TEXT)"},
                                                             {"CAST(t.actor_user_id AS TEXT)"},
                                                             {"t.from_status"},
                                                             {"t.to_status"},
                                                             {"t.reason_sealed", K::kBytes},
                                                             {"CAST(t.id AS TEXT)"}}};

inline constexpr std::array<RowMacColumn, 9> kMessages = {{{"CAST(t.case_id AS TEXT)"},
                                                           {"CAST(t.author_user_id AS TEXT)"},
                                                           {"t.created_on"},
                                                           {"t.sealed_for_applicant", K::kBytes},
                                                           {"t.sealed_for_office", K::kBytes},
                                                           {"CAST(t.key_generation AS TEXT)"},
                                                           {"t.ephemeral_public", K::kBytes},
                                                           {"t.wrapped_key", K::kBytes},
                                                           {"CAST(t.id AS TEXT)"}}};

inline constexpr std::array<RowMacColumn, 7> kGroupEvents = {{{"CAST(t.group_case_id AS TEXT)"},
                                                              {"CAST(t.member_case_id AS TEXT)"},
                                                              {"t.kind"},
                                                              {"CAST(t.other_group_id AS TEXT)"},
                                                              {"CAST(t.at AS TEXT)"},
                                                              {"CAST(t.actor_user_id AS TEXT)"},
                                                              {"CAST(t.id AS TEXT)"}}};

inline constexpr std::array<RowMacColumn, 3> kOfficeKeys = {
    {{"t.public_key", K::kBytes}, {"t.private_sealed", K::kBytes}, {"CAST(t.generation AS TEXT)"}}};

inline constexpr std::array<RowMacColumn, 9> kPostings = {
    {{"CAST(t.camp_id AS TEXT)"},
     {"t.key"},
     {"t.kind"},
     {"CAST(t.prisoner_id AS TEXT)"},
     {"t.memo"},
     {"CAST(t.reverses AS TEXT)"},
     {"CAST(t.at AS TEXT)"},
     {"CAST((SELECT COUNT(*) FROM posting_legs l WHERE l.posting_id = t.id) AS TEXT)"},
     {"CAST(t.id AS TEXT)"}}};

inline constexpr std::array<RowMacColumn, 4> kPostingLegs = {{{"CAST(t.posting_id AS TEXT)"},
                                                              {"t.account"},
                                                              {"CAST(t.amount AS TEXT)"},
                                                              {"CAST(t.id AS TEXT)"}}};

// Who a channel conversation belongs to: a sender's case moved to another sender would send
// that case's replies to someone else's phone. (The address and the replies' texts are also
// bound to their sender by their AEAD's associated data.)
inline constexpr std::array<RowMacColumn, 8> kChannelSenders = {{{"t.sender_index", K::kBytes},
                                                                 {"t.channel"},
                                                                 {"CAST(t.case_id AS TEXT)"},
                                                                 {"t.language"},
                                                                 {"t.address_sealed", K::kBytes},
                                                                 {"CAST(t.stopped AS TEXT)"},
                                                                 {"CAST(t.blocked AS TEXT)"},
                                                                 {"CAST(t.id AS TEXT)"}}};

}  // namespace row_mac_sql

namespace row_mac_sql {

// An application as the intake wrote it: new, unclaimed, unchanged, with no history and no
// staff message. The office MACs it when it first changes it.
inline constexpr std::string_view kIntakeApplication =
    "t.status = 'new' AND t.assigned_user_id IS NULL AND t.version = 0 AND t.merged_into IS NULL "
    "AND t.custody_sealed IS NULL AND t.group_case_id IS NULL AND t.plan_sealed IS NULL AND "
    "t.origin = 'applicant' "
    "AND NOT EXISTS (SELECT 1 FROM case_events c WHERE c.case_id = t.id) "
    "AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.case_id = t.id AND m.row_mac IS NOT NULL) "
    "AND NOT EXISTS (SELECT 1 FROM group_events g WHERE g.group_case_id = t.id OR g.member_case_id "
    "= t.id)";
// An applicant's message the intake wrote (a staff message always carries a MAC).
inline constexpr std::string_view kIntakeMessage = "t.author_user_id IS NULL";

}  // namespace row_mac_sql

/// Every MAC'd table. Children come before their parents: a write reseals them in this order
/// (a case counts its messages that carry a MAC).
inline constexpr std::array<RowMacTable, 9> kRowMacTables = {{
    {"users", "id", row_mac_sql::kUsers},
    {"case_events", "id", row_mac_sql::kCaseEvents},
    {"messages", "id", row_mac_sql::kMessages, row_mac_sql::kIntakeMessage},
    {"group_events", "id", row_mac_sql::kGroupEvents},
    {"applications", "id", row_mac_sql::kApplications, row_mac_sql::kIntakeApplication},
    {"office_keys", "generation", row_mac_sql::kOfficeKeys},
    {"posting_legs", "id", row_mac_sql::kPostingLegs},
    {"postings", "id", row_mac_sql::kPostings},
    {"channel_senders", "id", row_mac_sql::kChannelSenders},
}};

/// The table named `name`, or nullptr.
inline const RowMacTable* FindRowMacTable(std::string_view name) {
  for (const auto& t : kRowMacTables) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

/// The SELECT list of `table`'s covered columns, then row_mac and whether it may lack one.
inline std::string RowMacSelectList(const RowMacTable& table) {
  std::string list;
  for (const auto& c : table.columns) {
    list += c.expr;
    list += ", ";
  }
  list += "t.row_mac, CASE WHEN ";
  list += table.may_lack_mac;
  list += " THEN 1 ELSE 0 END";
  return list;
}

/// Builds a row's canonical encoding: the table name, then each column as a tag (0 NULL,
/// 1 present), its length (8 bytes, little-endian) and its bytes. Unambiguous.
class RowEncoder {
 public:
  explicit RowEncoder(std::string_view table) { Add(table); }
  void AddNull() { bytes_.push_back(0); }
  void Add(std::span<const std::uint8_t> value) {
    bytes_.push_back(1);
    std::uint64_t n = value.size();
    for (int i = 0; i < 8; ++i) bytes_.push_back(static_cast<std::uint8_t>(n >> (8 * i)));
    bytes_.insert(bytes_.end(), value.begin(), value.end());
  }
  void Add(std::string_view value) {
    Add(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(value.data()),
                                      value.size()));
  }
  Blob Take() { return std::move(bytes_); }

 private:
  Blob bytes_;
};

/// One MAC'd row as stored: its identity, canonical encoding and MAC (nullopt when none).
struct SealedRow {
  std::int64_t id = 0;
  Blob canonical;
  std::optional<Blob32> mac;
  bool may_lack_mac = false;  // written by the intake role and not yet handled by the office
};

/// Computes row MACs; the office implements it with its derived key (app/audit/row_integrity.hpp).
/// Thread-safe.
class RowSealer {
 public:
  virtual ~RowSealer() = default;
  virtual Blob32 Mac(std::span<const std::uint8_t> canonical) const = 0;
};

}  // namespace lifeline::store
