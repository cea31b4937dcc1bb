// GC III Annex IV's capture card, to print: each label in the prisoner's language and the
// camp's (Art. 70: the card goes to his family and to the Central Prisoners of War Agency).
// The card says "captured" and nothing of how: the sealed circumstance is not on it.

#include <fmt/format.h>

#include <array>
#include <map>

#include "server/console_camp_pages.hpp"
#include "server/page.hpp"

namespace lifeline::server {
namespace {

enum Label {
  kTitle, kPower, kSurname, kFirstNames, kFatherName, kBirth, kRank, kServiceNumber, kFamilyAddress,
  kTakenPrisoner, kHealth, kPresentAddress, kDate, kSignature, kLabelCount
};

using Labels = std::array<const char*, kLabelCount>;

// Annex IV's wording, in the languages the camp works in.
const std::map<std::string, Labels>& AllLabels() {
  static const std::map<std::string, Labels> labels = {
      {"ru", {"Учётная карточка военнопленного", "Государство, от которого зависит", "Фамилия", "Имена", "Имя отца",
              "Дата и место рождения", "Звание", "Личный номер", "Адрес семьи", "Взят в плен", "Состояние здоровья",
              "Нынешний адрес (номер военнопленного, лагерь)", "Дата", "Подпись"}},
      {"uk", {"Облікова картка військовополоненого", "Держава, від якої залежить", "Прізвище", "Імена", "Ім'я батька",
              "Дата і місце народження", "Звання", "Особистий номер", "Адреса родини", "Взятий у полон", "Стан здоров'я",
              "Теперішня адреса (номер військовополоненого, табір)", "Дата", "Підпис"}},
      {"be", {"Уліковая картка ваеннапалоннага", "Дзяржава, ад якой залежыць", "Прозвішча", "Імёны", "Імя бацькі",
              "Дата і месца нараджэння", "Званне", "Асабісты нумар", "Адрас сям'і", "Узяты ў палон", "Стан здароўя",
              "Цяперашні адрас (нумар ваеннапалоннага, лагер)", "Дата", "Подпіс"}},
      {"en", {"Capture card for prisoner of war", "Power on which the prisoner depends", "Name", "First names",
              "First name of father", "Date and place of birth", "Rank", "Service number", "Address of family",
              "Taken prisoner", "State of health", "Present address (prisoner number, camp)", "Date", "Signature"}},
  };
  return labels;
}

const Labels& LabelsFor(const std::string& language) {
  auto it = AllLabels().find(language);
  return it != AllLabels().end() ? it->second : AllLabels().at("ru");
}

// "Фамилия / Прізвище" when the two languages differ.
std::string Both(const Labels& his, const Labels& camps, Label label) {
  if (std::string_view(his[label]) == camps[label]) return his[label];
  return fmt::format("{} / {}", his[label], camps[label]);
}

}  // namespace

std::string CaptureCardPage(const store::CampRecord& camp, const app::Prisoner& p) {
  const Labels& his = LabelsFor(p.stored.language);
  const Labels& camps = LabelsFor(camp.language);
  const app::PrisonerFields f = p.fields.value_or(app::PrisonerFields{});
  auto row = [&](Label label, const std::string& value) {
    return fmt::format("<tr><th>{}</th><td>{}</td></tr>", Both(his, camps, label), HtmlEscape(value));
  };
  std::string body = fmt::format("<article class=\"capture-card\" id=\"capture-card\"><h1>{}</h1><table>", Both(his, camps, kTitle));
  body += row(kPower, f.power) + row(kSurname, f.surname) + row(kFirstNames, f.first_names) +
          row(kFatherName, f.father_name) + row(kBirth, f.birth_date + (f.birth_place.empty() ? "" : ", " + f.birth_place)) +
          row(kRank, f.rank) + row(kServiceNumber, f.service_number) + row(kFamilyAddress, f.mail_address) +
          row(kTakenPrisoner, "captured") + row(kHealth, p.stored.health) +
          row(kPresentAddress, p.number + ", " + camp.name) + row(kDate, FormatIsoDate(p.stored.arrived_on)) +
          row(kSignature, "");
  body += "</table></article><p class=\"no-print\"><a href=\"/console/prisoners/" + std::to_string(p.stored.id) +
          "\">Назад</a> · печать: Ctrl+P</p>";
  // Printed, it is Annex IV's 15 × 10.5 cm (the stylesheet's print rules).
  return HtmlPage(p.stored.language, Both(his, camps, kTitle), body);
}

}  // namespace lifeline::server
