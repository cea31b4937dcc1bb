#pragma once
// The SQL behind ApplicationStore::CountStatistics. Throws SqliteError.

#include "store/records.hpp"
#include "store/sqlite/connection.hpp"

namespace lifeline::store::sqlite {

StatisticsCounts SelectStatistics(Connection& reader, Date from, Date to, Date today);

}  // namespace lifeline::store::sqlite
