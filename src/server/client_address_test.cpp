#include "server/client_address.hpp"

#include <gtest/gtest.h>

namespace lifeline::server {
namespace {

TrustedProxies Proxies(std::vector<std::string> values) {
  auto proxies = TrustedProxies::Parse(values);
  EXPECT_TRUE(proxies.ok());
  return proxies.ok() ? *proxies : TrustedProxies{};
}

TEST(ClientAddress, WithoutTrustedProxiesThePeerIsTheClientWhateverItSends) {
  const TrustedProxies none;
  EXPECT_EQ(none.ClientAddress("198.51.100.7", "203.0.113.9"), "198.51.100.7");
  EXPECT_EQ(none.ClientAddress("::ffff:198.51.100.7", ""), "198.51.100.7");
}

TEST(ClientAddress, ASpoofedForwardedForFromAnUntrustedPeerIsIgnored) {
  const auto proxies = Proxies({"127.0.0.1"});
  EXPECT_EQ(proxies.ClientAddress("127.0.0.2", "198.51.100.4"), "127.0.0.2");
  EXPECT_EQ(proxies.ClientAddress("203.0.113.66", "127.0.0.1, 198.51.100.4"), "203.0.113.66");
}

TEST(ClientAddress, BehindATrustedProxyTheRightMostUntrustedAddressIsTheClient) {
  const auto proxies = Proxies({"127.0.0.1,10.0.0.2", "2001:db8::1"});
  EXPECT_EQ(proxies.ClientAddress("127.0.0.1", "203.0.113.9"), "203.0.113.9");
  // The client wrote the left part itself; our proxies appended the rest.
  EXPECT_EQ(proxies.ClientAddress("127.0.0.1", "198.51.100.4, 203.0.113.9, 10.0.0.2"),
            "203.0.113.9");
  EXPECT_EQ(proxies.ClientAddress("::ffff:127.0.0.1", "2001:DB8:0::5,2001:db8::1"), "2001:db8::5");
  EXPECT_EQ(proxies.ClientAddress("2001:db8::1", "[2001:db8::7]:4711"), "2001:db8::7");
  EXPECT_EQ(proxies.ClientAddress("127.0.0.1", "203.0.113.9:5000"), "203.0.113.9");
}

TEST(ClientAddress, AMissingOrUnreadableHopLeavesTheLastTrustedAddress) {
  const auto proxies = Proxies({"127.0.0.1", "10.0.0.2"});
  EXPECT_EQ(proxies.ClientAddress("127.0.0.1", ""), "127.0.0.1");
  EXPECT_EQ(proxies.ClientAddress("127.0.0.1", "unknown"), "127.0.0.1");
  EXPECT_EQ(proxies.ClientAddress("127.0.0.1", "203.0.113.9, garbage, 10.0.0.2"), "10.0.0.2");
  EXPECT_EQ(proxies.ClientAddress("127.0.0.1", "10.0.0.2"), "10.0.0.2");
}

TEST(ClientAddress, TrustedProxiesMustBePlainAddresses) {
  for (const char* bad :
       {"proxy.example", "10.0.0.0/8", "127.0.0.1:8080", "[::1]", "", "127.0.0.1,"}) {
    auto parsed = TrustedProxies::Parse({bad});
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidInput);
    EXPECT_EQ(parsed.error().field, "trusted-proxy");
  }
  EXPECT_TRUE(TrustedProxies::Parse({"::1", " 127.0.0.1 , 10.1.2.3"}).ok());
}

}  // namespace
}  // namespace lifeline::server
