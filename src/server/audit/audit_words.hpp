#pragma once
// The audit log in words, as the console shows it to auditors (in the request's console
// language, server/console_text.hpp; the Russian is the source): each action, and each entry's
// target ("case:42" → "заявка № 42"). Internal to server/.

#include <string>
#include <string_view>

#include "domain/audit_action.hpp"

namespace lifeline::server {

/// Every AuditAction has its words (a switch without default: the compiler names one that
/// is missing, and audit_words_test checks every one).
std::string_view AuditActionRu(AuditAction action);
/// The stored wire name in words; the name itself when this version does not know it.
std::string AuditActionRu(std::string_view wire_name);
/// "case:42 prisoner:7" → "заявка № 42, военнопленный № 7"; parts of kinds it does not know
/// are shown as they are.
std::string AuditTargetRu(std::string_view target);

}  // namespace lifeline::server
