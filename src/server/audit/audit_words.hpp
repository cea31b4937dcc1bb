#pragma once
// The audit log in words, as the console shows it to auditors (Russian, as the rest of the
// console): each action, and each entry's target ("case:42" → "заявка № 42").
// Internal to server/.

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
