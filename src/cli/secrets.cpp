#include "cli/secrets.hpp"

#include <fstream>
#include <iostream>
#include <iterator>
#include <stdexcept>

namespace lifeline::cli {

std::string ReadSecret(const std::string& path, const std::string& what) {
  std::string secret;
  if (path == "-") {
    std::getline(std::cin, secret);
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read the " + what + " file " + path);
    secret.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
  if (secret.empty()) throw std::runtime_error("the " + what + " is empty");
  return secret;
}

}  // namespace lifeline::cli
