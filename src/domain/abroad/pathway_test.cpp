// Pathways' checklists and what is still open.
#include "domain/abroad/pathway.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace lifeline::abroad {
namespace {

TEST(AbroadPathway, EveryKindHasAChecklistWithUniqueCodes) {
  for (auto kind : {PathwayKind::kAsylum, PathwayKind::kHumanitarianVisa, PathwayKind::kWorkVisa,
                    PathwayKind::kTravelDocument}) {
    EXPECT_EQ(ParsePathwayKind(ToString(kind)), kind);
    std::set<std::string_view> codes;
    for (const auto& step : PathwaySteps(kind)) {
      EXPECT_TRUE(codes.insert(step.code).second) << step.code;
      // Both labels are there; the console's is in Cyrillic, without a Latin letter.
      EXPECT_FALSE(step.label.empty()) << step.code;
      EXPECT_TRUE(step.label_ru.find("\xD0") != std::string_view::npos) << step.code;
      EXPECT_EQ(step.label_ru.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"),
                std::string_view::npos)
          << step.code;
    }
    EXPECT_GE(codes.size(), 5u) << ToString(kind);
  }
  EXPECT_TRUE(NeedsTargetCountry(PathwayKind::kHumanitarianVisa));
  EXPECT_TRUE(NeedsTargetCountry(PathwayKind::kWorkVisa));
  EXPECT_FALSE(NeedsTargetCountry(PathwayKind::kAsylum));
}

TEST(AbroadPathway, OpenStepsAreTheMissingAndInProgressOnesInOrder) {
  const auto steps = PathwaySteps(PathwayKind::kWorkVisa);
  std::vector<StepStatus> statuses(steps.size(), StepStatus::kDone);
  statuses[0] = StepStatus::kInProgress;
  statuses[3] = StepStatus::kMissing;
  statuses[4] = StepStatus::kNotNeeded;
  const auto open = OpenSteps(PathwayKind::kWorkVisa, statuses);
  ASSERT_EQ(open.size(), 2u);
  EXPECT_EQ(open[0], "job_offer");
  EXPECT_EQ(open[1], "qualifications");
  // Steps with no status yet are missing.
  EXPECT_EQ(OpenSteps(PathwayKind::kTravelDocument, {}).size(),
            PathwaySteps(PathwayKind::kTravelDocument).size());
  EXPECT_EQ(ParseStepStatus("not_needed"), StepStatus::kNotNeeded);
  EXPECT_FALSE(ParseStepStatus("maybe"));
}

}  // namespace
}  // namespace lifeline::abroad
