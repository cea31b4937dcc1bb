#include <gtest/gtest.h>

#include "server/inspected_socket.hpp"

namespace lifeline::server {
namespace {

namespace state = restinio::connection_state;

void Accept(ConnectionGate& gate, restinio::connection_id_t id) {
  gate.state_changed(state::notice_t{id, restinio::endpoint_t{}, state::accepted_t{nullptr}});
}
void Close(ConnectionGate& gate, restinio::connection_id_t id) {
  gate.state_changed(state::notice_t{id, restinio::endpoint_t{}, state::closed_t{}});
}

TEST(ConnectionGate, TheConnectionPastTheSoftCapIsOverItAndOnlyWhileItIsOpen) {
  ConnectionGate gate(2);
  Accept(gate, 1);
  Accept(gate, 2);
  Accept(gate, 3);
  EXPECT_FALSE(gate.OverCap(1));
  EXPECT_FALSE(gate.OverCap(2));
  EXPECT_TRUE(gate.OverCap(3));
  Close(gate, 1);
  Accept(gate, 4);  // 2 and 3 open: still at the cap
  EXPECT_TRUE(gate.OverCap(4));
  Close(gate, 3);
  Close(gate, 4);
  Accept(gate, 5);  // only 2 open
  EXPECT_FALSE(gate.OverCap(5));
  EXPECT_EQ(gate.Open(), 2u);
}

// RESTinio may report one connection closed twice; the count must not drop below the
// connections really open, or wrap and call everyone busy.
TEST(ConnectionGate, ARepeatedOrUnmatchedCloseChangesNothing) {
  ConnectionGate gate(2);
  Accept(gate, 1);
  Close(gate, 1);
  Close(gate, 1);
  Close(gate, 7);  // closed before it was ever reported accepted
  EXPECT_EQ(gate.Open(), 0u);
  Accept(gate, 2);
  Accept(gate, 3);
  EXPECT_FALSE(gate.OverCap(2));
  EXPECT_FALSE(gate.OverCap(3));
  Accept(gate, 4);
  EXPECT_TRUE(gate.OverCap(4));
}

}  // namespace
}  // namespace lifeline::server
