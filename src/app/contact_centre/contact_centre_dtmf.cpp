#include "app/contact_centre/contact_centre_dtmf.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace lifeline::app {

Result<std::unique_ptr<DtmfListener>> DtmfListener::Start(VoiceLine& voice, const std::string& host,
                                                          int port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  if (inet_pton(AF_INET, host.c_str(), &address.sin_addr) != 1) {
    return InvalidInput("the DTMF address must be an IPv4 address such as 127.0.0.1",
                        "voice-dtmf-listen");
  }
  const int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return Error{ErrorCode::kUnavailable, "cannot open a UDP socket for DTMF"};
  socklen_t length = sizeof address;
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    close(fd);
    return Error{ErrorCode::kUnavailable,
                 "cannot listen for DTMF on " + host + ":" + std::to_string(port)};
  }
  return std::unique_ptr<DtmfListener>(new DtmfListener(voice, fd, ntohs(address.sin_port)));
}

DtmfListener::DtmfListener(VoiceLine& voice, int fd, int port)
    : voice_(voice), fd_(fd), port_(port) {
  thread_ = std::thread([this] { Run(); });
}

DtmfListener::~DtmfListener() {
  stop_ = true;
  thread_.join();
  close(fd_);
}

void DtmfListener::Run() {
  char buffer[4096];
  while (!stop_) {
    pollfd ready{fd_, POLLIN, 0};
    if (poll(&ready, 1, 200) <= 0) continue;
    const ssize_t n = recv(fd_, buffer, sizeof buffer, 0);
    if (n <= 0) continue;
    if (auto digit = ParseDtmfLog(std::string_view(buffer, static_cast<std::size_t>(n)))) {
      (void)voice_.Digit(digit->first,
                         digit->second);  // a call not on the voice line: nothing to do
    }
  }
}

}  // namespace lifeline::app
