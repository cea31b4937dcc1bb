// Issue 16: the voice line plans what a held caller hears and takes his digit for a callback.
#include "app/contact_centre/contact_centre_voice.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <thread>

#include "app/contact_centre/contact_centre.hpp"
#include "app/contact_centre/contact_centre_dtmf.hpp"
#include "app/test_support.hpp"
#include "crypto/crypto.hpp"
#include "domain/contact_centre/voice_prompts.hpp"

namespace lifeline::app {
namespace {

using contact_centre::OperatorState;

// A PCM WAV of `seconds` of silence at 8 kHz, 16-bit mono.
void WriteWav(const std::filesystem::path& path, double seconds) {
  std::filesystem::create_directories(path.parent_path());
  const auto data = static_cast<std::uint32_t>(seconds * 16000);
  std::ofstream out(path, std::ios::binary);
  auto u32 = [&](std::uint32_t v) { out.write(reinterpret_cast<const char*>(&v), 4); };
  auto u16 = [&](std::uint16_t v) { out.write(reinterpret_cast<const char*>(&v), 2); };
  out.write("RIFF", 4);
  u32(36 + data);
  out.write("WAVEfmt ", 8);
  u32(16);
  u16(1);
  u16(1);
  u32(8000);
  u32(16000);
  u16(2);
  u16(16);
  out.write("data", 4);
  u32(data);
  out << std::string(data, '\0');
}

class VoiceLineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        std::filesystem::temp_directory_path() / ("lifeline-voice-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    for (const auto& p : contact_centre::AllPrompts()) WriteWav(dir_ / p.file, 2);
    WriteWav(dir_ / "music.wav", 60);
    ASSERT_TRUE(centre_
                    .AddOperator(coordinator_, "ext-1", {Language::kRu, Language::kUk},
                                 "sip:ext-1@10.0.0.5")
                    .ok());
    ASSERT_TRUE(centre_.SetOperatorState("ext-1", OperatorState::kAvailable).ok());
    auto voice = VoiceLine::Open(centre_, clock_, {dir_.string(), 30},
                                 [this](const contact_centre::CallbackDraft& d) {
                                   drafts_.push_back(d);
                                   ++scheduled_;
                                   return Result<std::int64_t>(std::int64_t{41});
                                 });
    ASSERT_TRUE(voice.ok()) << voice.error().message;
    voice_ = std::move(*voice);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void Offer(const std::string& call, const std::string& language = "ru") {
    ASSERT_TRUE(centre_.Route({call, "", language, 0}).ok());
  }
  void Advance(double seconds) { clock_.now += std::chrono::seconds(static_cast<int>(seconds)); }
  // Every segment due now, as prompt ids.
  std::vector<std::string> Due() {
    std::vector<std::string> out;
    while (auto play = voice_->Next()) {
      EXPECT_EQ(play->file,
                (dir_ / (play->prompt == "music" ? "music" : play->prompt)).string() + ".wav");
      out.push_back(play->prompt);
      Advance(2);
    }
    return out;
  }

  std::filesystem::path dir_;
  testing::FixedClock clock_;
  testing::TempStore store_{"voice-line"};
  AuditLog audit_{*store_, clock_, crypto::Key32{7}};
  ContactCentreService centre_{clock_, audit_, *store_, *store_, {}, "synthetic-token"};
  Actor coordinator_{1, "coord", Role::kCoordinator};
  std::unique_ptr<VoiceLine> voice_;
  std::vector<contact_centre::CallbackDraft> drafts_;
  std::atomic<int> scheduled_{0};
};

TEST_F(VoiceLineTest, AHeldCallerHearsPositionWaitAndOfferThenMusic) {
  Offer("talking");  // rings ext-1
  Offer("a", "uk");
  Offer("b", "uk");
  ASSERT_TRUE(
      voice_->Start({"b", "uk-UA", "+380501234567", {"mon-sun 19:00-21:00"}, "+02:00"}).ok());
  EXPECT_EQ(Due(), (std::vector<std::string>{"uk/welcome", "uk/position_2", "uk/wait_6", "uk/offer",
                                             "music"}));
  EXPECT_EQ(voice_->Played("b").size(), 5u);
  Advance(27);                 // the music started 2 s ago: 29 s of it so far
  EXPECT_TRUE(Due().empty());  // music until the next announcement, 30 s after it began
  Advance(2);
  EXPECT_EQ(Due(), (std::vector<std::string>{"uk/position_2", "uk/wait_6", "uk/offer", "music"}));
  EXPECT_EQ(voice_->Start({"talking", "ru", "", {}, ""}).error().code,
            ErrorCode::kNotFound);  // not waiting
}

TEST_F(VoiceLineTest, WithoutANumberAndWindowsNoCallbackIsOffered) {
  Offer("talking");
  Offer("a");
  ASSERT_TRUE(voice_->Start({"a", "ru", "", {}, ""}).ok());
  EXPECT_EQ(Due(), (std::vector<std::string>{"ru/welcome", "ru/position_1", "ru/wait_3", "music"}));
  EXPECT_TRUE(voice_->Digit("a", 1).ok());
  EXPECT_TRUE(drafts_.empty());
}

TEST_F(VoiceLineTest, ANumberBlockedOnSmsIsOfferedNoCallback) {
  auto blocked = VoiceLine::Open(
      centre_, clock_, {dir_.string(), 30, [](std::string_view n) { return n == "+380501234567"; }},
      [this](const contact_centre::CallbackDraft& d) {
        drafts_.push_back(d);
        return Result<std::int64_t>(std::int64_t{41});
      });
  ASSERT_TRUE(blocked.ok());
  voice_ = std::move(*blocked);
  Offer("talking");
  Offer("a", "uk");
  Offer("b", "uk");
  ASSERT_TRUE(voice_->Start({"a", "uk", "+380501234567", {"mon-sun 19:00-21:00"}, "+02:00"}).ok());
  ASSERT_TRUE(voice_->Start({"b", "uk", "+380501234568", {"mon-sun 19:00-21:00"}, "+02:00"}).ok());
  EXPECT_EQ(Due(), (std::vector<std::string>{"uk/welcome", "uk/position_1", "uk/wait_3", "music",
                                             "uk/welcome", "uk/position_2", "uk/wait_6", "uk/offer",
                                             "music"}));
  EXPECT_TRUE(voice_->Digit("a", 1).ok());
  EXPECT_TRUE(drafts_.empty());  // the blocked caller's 1 schedules nothing
}

TEST_F(VoiceLineTest, AFloodIsSaidFirst) {
  ASSERT_TRUE(centre_.SetLines(coordinator_, 2).ok());
  Offer("talking");
  Offer("a", "be");
  ASSERT_TRUE(centre_.Flooded());
  ASSERT_TRUE(voice_->Start({"a", "be", "", {}, ""}).ok());
  EXPECT_EQ(Due().front(), "be/flood");
}

TEST_F(VoiceLineTest, PressingOneSchedulesTheCallbackConfirmsAndReleasesTheCall) {
  Offer("talking");
  Offer("a", "en");
  ASSERT_TRUE(voice_->Start({"a", "en", "+441234567890", {"mon-sun 19:00-21:00"}, "+00:00"}).ok());
  ASSERT_FALSE(Due().empty());
  EXPECT_TRUE(voice_->Digit("a", 2).ok());  // another digit: nothing
  EXPECT_TRUE(drafts_.empty());
  ASSERT_TRUE(voice_->Digit("a", 1).ok());
  ASSERT_EQ(drafts_.size(), 1u);
  EXPECT_EQ(drafts_[0].number, "+441234567890");
  EXPECT_EQ(drafts_[0].windows, std::vector<std::string>{"mon-sun 19:00-21:00"});
  EXPECT_EQ(drafts_[0].language, "en");
  auto play = voice_->Next();
  ASSERT_TRUE(play);
  EXPECT_EQ(play->prompt, "en/callback_ok");
  EXPECT_TRUE(voice_->Digit("a", 1).ok());  // pressed again: one callback only
  EXPECT_EQ(drafts_.size(), 1u);
  EXPECT_EQ(centre_.CallsWaiting(), 1);  // still held while the confirmation plays
  Advance(2);
  EXPECT_FALSE(voice_->Next());
  EXPECT_EQ(centre_.CallsWaiting(), 0);
  EXPECT_EQ(centre_.NextToResume(), "a");  // the proxy resumes it
  auto answer = centre_.Route({"a", "", "", 0}).value();
  EXPECT_TRUE(answer.offer_callback);
  EXPECT_TRUE(answer.callback_chosen);
  EXPECT_EQ(voice_->Digit("a", 1).error().code, ErrorCode::kNotFound);
}

TEST_F(VoiceLineTest, DigitsArriveAsRtpengineDtmfDatagrams) {
  Offer("talking");
  Offer("voice-1@127.0.0.1");
  ASSERT_TRUE(
      voice_->Start({"voice-1@127.0.0.1", "ru", "+79990000001", {"mon-sun 19:00-21:00"}, ""}).ok());
  auto listener = DtmfListener::Start(*voice_, "127.0.0.1", 0);
  ASSERT_TRUE(listener.ok());
  const int fd = socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(static_cast<std::uint16_t>((*listener)->port()));
  inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
  const std::string datagram =
      R"({"callid":"voice-1@127.0.0.1","source_tag":"t","type":"DTMF","source_ip":"127.0.0.1","event":1})";
  ASSERT_EQ(
      sendto(fd, datagram.data(), datagram.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof to),
      static_cast<ssize_t>(datagram.size()));
  close(fd);
  for (int i = 0; i < 100 && scheduled_.load() == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(scheduled_.load(), 1);
  listener->reset();  // stops within a fifth of a second
}

TEST_F(VoiceLineTest, MissingPromptsAreRefusedAtStart) {
  std::filesystem::remove(dir_ / "be" / "wait_25.wav");
  auto voice = VoiceLine::Open(centre_, clock_, {dir_.string(), 30}, {});
  ASSERT_FALSE(voice.ok());
  EXPECT_NE(voice.error().message.find("be/wait_25.wav"), std::string::npos);
}

TEST(DtmfLog, ReadsRtpengineDatagrams) {
  auto digit = ParseDtmfLog(
      R"({"callid":"c2","source_tag":"ft2","tags":["x","ft2"],"type":"DTMF",)"
      R"("timestamp":1,"source_ip":"127.0.0.1","event":1,"duration":120,"volume":10})");
  ASSERT_TRUE(digit);
  EXPECT_EQ(digit->first, "c2");
  EXPECT_EQ(digit->second, 1);
  EXPECT_FALSE(ParseDtmfLog("not json"));
  EXPECT_FALSE(ParseDtmfLog(R"({"callid":"c2","type":"DTMF","event":99})"));
  EXPECT_FALSE(ParseDtmfLog(R"({"callid":7,"type":"DTMF","event":1})"));
  // Found by fuzz/dtmf_log_fuzzer: a "type" that is not text threw out of the listening thread.
  EXPECT_FALSE(ParseDtmfLog(R"({"callid":"a","type":-1})"));
}

TEST(WavFiles, LengthComesFromTheHeader) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("lifeline-wav-" + std::to_string(::getpid()) + ".wav");
  WriteWav(path, 1.5);
  EXPECT_DOUBLE_EQ(WavSeconds(path.string()).value(), 1.5);
  std::filesystem::remove(path);
  EXPECT_FALSE(WavSeconds(path.string()));
}

}  // namespace
}  // namespace lifeline::app
