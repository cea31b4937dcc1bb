#pragma once
// Given names that are one name in Russian, Ukrainian and Belarusian (and in their common
// Latin spellings) although their skeletons differ by more than a typo: Алексей, Олексій,
// Аляксей and Aleksei; Юрий, Юрій, Юрый, Yury and Iurii. Pure and thread-safe.

#include <string>
#include <string_view>

namespace lifeline::text {

/// The skeleton that stands for every form of the given name `skeleton` is a form of (the
/// Russian form's), or `skeleton` itself when it is no known given name.
std::string_view CanonicalGivenName(std::string_view skeleton);

/// Whether `skeleton` is a known given name in some form.
bool IsGivenName(std::string_view skeleton);

/// Whether `skeleton` has a patronymic's ending (-ович, -евич, -ич, -овна, -евна, -ична,
/// Ukrainian -ович/-івна, Belarusian -авіч/-аўна). Surnames can end so too (Лукашевич):
/// callers decide by position.
bool LooksLikePatronymic(std::string_view skeleton);

}  // namespace lifeline::text
