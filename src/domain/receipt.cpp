#include "domain/receipt.hpp"

namespace lifeline {

std::optional<Receipt> ParseReceipt(std::string_view typed) {
  if (typed.size() > 64) return std::nullopt;
  Receipt receipt;
  for (char c : typed) {
    if (c >= '0' && c <= '9') {
      receipt.digits.push_back(c);
    } else if (c != ' ' && c != '-' && c != '.' && c != ',' && c != '(' && c != ')' && c != '+' &&
               c != '\t') {
      return std::nullopt;
    }
  }
  if (receipt.digits.size() != kReceiptDigits) return std::nullopt;
  return receipt;
}

std::string FormatReceipt(const Receipt& r) {
  const std::string& d = r.digits;
  return d.substr(0, 3) + " " + d.substr(3, 3) + "-" + d.substr(6, 2) + "-" + d.substr(8, 2) +
         ", " + d.substr(10, 6);
}

}  // namespace lifeline
