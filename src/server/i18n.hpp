#pragma once
// Texts of the public pages in Russian (first), Belarusian, Ukrainian and English.

#include <string_view>

#include "domain/application.hpp"

namespace lifeline::server {

enum class Text {
  kTitle,
  kIntro,
  kSafetyNote,
  kLanguageLabel,
  kSituationLabel,
  kSituationServing,
  kSituationExpecting,
  kSituationTraining,
  kSituationFront,
  kSituationRelative,
  kGroupLabel,
  kGroupAlone,
  kGroupWithOthers,
  kGroupUnit,
  kGroupSizeLabel,
  kDeployByLabel,
  kDeployByHint,
  kChannelLabel,
  kChannelPhone,
  kChannelSms,
  kChannelTelegram,
  kChannelSignal,
  kChannelNone,
  kHandleLabel,
  kHandleNeeded,
  kHandleFix,
  kWindowsLabel,
  kWindowsHint,
  kWindowsFix,
  kWindowsReadAs,
  kWindowsYourTime,
  kWindowsConfirm,
  kTimeZoneLabel,
  kNameLabel,
  kUnitLabel,
  kRankLabel,
  kLocationLabel,
  kMessageLabel,
  kOptional,
  kSubmit,
  kReceiptTitle,
  kReceiptIntro,
  kReceiptKeep,
  kLeaveNoTrace,
  kDuressLabel,
  kDuressHint,
  kDuressReceiptIntro,
  kStatusTitle,
  kStatusIntro,
  kReceiptLabel,
  kStatusSubmit,
  kStatusUnknown,
  kStatusReceivedOn,
  kStatusState,
  kStatusNew,
  kStatusInProgress,
  kStatusClosed,
  kMessagesTitle,
  kNoMessages,
  kFromYou,
  kFromOperator,
  kWriteLabel,
  kWriteHint,
  kSend,
  kSent,
  kTooManyMessages,
  kMessageInvalid,
  kCheckStatusLink,
  kNewApplicationLink,
  kLegalInformationLink,
  kErrorTitle,
  kErrorFix,
  kChoiceFix,
  kGroupSizeFix,
  kDeployByFix,
  kTextFix,
  kBusy,
  kMessageTooLong,
  kCount_,
};

/// The text in `language`; never empty.
std::string_view Tr(Language language, Text text);

/// The language chosen by ?lang= or the form, else Russian.
Language LanguageOr(std::string_view code);

}  // namespace lifeline::server
