#include "crypto/backup_cipher.hpp"

#include <gtest/gtest.h>

#include "crypto/crypto.hpp"

namespace lifeline::crypto {
namespace {

class BackupCipherTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Initialise();
    BackupEncryptor encryptor("synthetic backup passphrase");
    header_ = new Bytes(encryptor.header());
    chunks_ = new std::vector<Bytes>();
    for (int i = 0; i < 3; ++i) {
      const std::string text = "chunk " + std::to_string(i);
      chunks_->push_back(encryptor.Seal(ToBytes(text), i == 2));
    }
  }
  static void TearDownTestSuite() {
    delete header_;
    delete chunks_;
  }
  static std::unique_ptr<BackupDecryptor> Decryptor(const Bytes& header) {
    auto d = BackupDecryptor::Open("synthetic backup passphrase", header);
    EXPECT_TRUE(d.ok());
    return d.ok() ? std::move(*d) : nullptr;
  }
  static Bytes* header_;
  static std::vector<Bytes>* chunks_;
};
Bytes* BackupCipherTest::header_ = nullptr;
std::vector<Bytes>* BackupCipherTest::chunks_ = nullptr;

TEST_F(BackupCipherTest, RoundTripsInOrderAndMarksTheLastChunk) {
  auto d = Decryptor(*header_);
  for (int i = 0; i < 3; ++i) {
    bool last = false;
    auto plain = d->Open((*chunks_)[i], last);
    ASSERT_TRUE(plain.ok());
    EXPECT_EQ(plain->view(), "chunk " + std::to_string(i));
    EXPECT_EQ(last, i == 2);
  }
  bool last = false;
  EXPECT_FALSE(d->Open((*chunks_)[2], last).ok());  // nothing may follow the last chunk
}

TEST_F(BackupCipherTest, WrongPassphraseIsToldApartFromDamage) {
  auto d = BackupDecryptor::Open("another passphrase entirely", *header_);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().code, ErrorCode::kUnauthenticated);
}

TEST_F(BackupCipherTest, RefusesFilesThatAreNotBackups) {
  EXPECT_EQ(BackupDecryptor::Open("x", Bytes(kBackupHeaderBytes, 0)).error().code,
            ErrorCode::kInvalidInput);
  EXPECT_EQ(BackupDecryptor::Open("x", Bytes(5, 0)).error().code, ErrorCode::kInvalidInput);
}

// Found by fuzz/backup_header_fuzzer: the header, read before any key exists, could ask the
// restore for up to 64 Argon2id passes over 4 GiB; now no more than the encryptor spends.
TEST_F(BackupCipherTest, RefusesAHeaderAskingMoreWorkThanABackupIsMadeWith) {
  auto with_cost = [](std::uint64_t ops, std::uint64_t mem) {
    Bytes header = *header_;
    for (int i = 0; i < 8; ++i) header[24 + i] = static_cast<std::uint8_t>(ops >> (8 * i));
    for (int i = 0; i < 8; ++i) header[32 + i] = static_cast<std::uint8_t>(mem >> (8 * i));
    return header;
  };
  ASSERT_TRUE(ReadBackupHeader(*header_).ok());
  EXPECT_EQ(ReadBackupHeader(*header_)->mem, 256u << 20);
  for (const auto& [ops, mem] : {std::pair<std::uint64_t, std::uint64_t>{64, 4ull << 30},
                                 {4, 256u << 20},
                                 {3, 385u << 20}}) {
    auto header = with_cost(ops, mem);
    EXPECT_FALSE(ReadBackupHeader(header).ok()) << ops << " " << mem;
    EXPECT_EQ(BackupDecryptor::Open("synthetic backup passphrase", header).error().code,
              ErrorCode::kInvalidInput);
  }
}

TEST_F(BackupCipherTest, RefusesAFlippedBitAReorderAndAnAlteredHeader) {
  bool last = false;
  Bytes flipped = (*chunks_)[0];
  flipped[flipped.size() / 2] ^= 0x01;
  EXPECT_FALSE(Decryptor(*header_)->Open(flipped, last).ok());

  auto d = Decryptor(*header_);
  EXPECT_FALSE(d->Open((*chunks_)[1], last).ok());  // chunk 1 before chunk 0

  Bytes header = *header_;
  header[12] ^= 0x01;  // inside the salt: the key changes, so the check fails
  EXPECT_FALSE(BackupDecryptor::Open("synthetic backup passphrase", header).ok());
}

}  // namespace
}  // namespace lifeline::crypto
