#include "store/sql/session.hpp"

#include <algorithm>

namespace lifeline::store::sql {

Blob32 Row::Blob32At(int column) const {
  const auto bytes = Bytes(column);
  Blob32 out{};
  if (bytes.size() != out.size()) source_->Corrupt("a stored key has the wrong size");
  std::copy(bytes.begin(), bytes.end(), out.begin());
  return out;
}

}  // namespace lifeline::store::sql
