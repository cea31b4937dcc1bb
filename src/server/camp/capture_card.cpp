// Annex IV's labels in the languages the camp works in, and the card's lines (capture_card.hpp).

#include "server/camp/capture_card.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>

namespace lifeline::server {
namespace {

enum Label {
  kTitle,
  kPower,
  kSurname,
  kFirstNames,
  kFatherName,
  kBirth,
  kRank,
  kServiceNumber,
  kFamilyAddress,
  kTakenPrisoner,
  kHealth,
  kPresentAddress,
  kDate,
  kSignature,
  kLabelCount
};

using Labels = std::array<const char*, kLabelCount>;

// Annex IV's wording, in the languages the camp works in.
const std::map<std::string, Labels>& AllLabels() {
  static const std::map<std::string, Labels> labels = {
      {"ru",
       {"Учётная карточка военнопленного", "Государство, от которого зависит", "Фамилия", "Имена",
        "Имя отца", "Дата и место рождения", "Звание", "Личный номер", "Адрес семьи",
        "Взят в плен (дата)", "Состояние здоровья", "Нынешний адрес (номер военнопленного, лагерь)",
        "Дата", "Подпись"}},
      {"uk",
       {"Облікова картка військовополоненого", "Держава, від якої залежить", "Прізвище", "Імена",
        "Ім'я батька", "Дата і місце народження", "Звання", "Особистий номер", "Адреса родини",
        "Взятий у полон (дата)", "Стан здоров'я",
        "Теперішня адреса (номер військовополоненого, табір)", "Дата", "Підпис"}},
      {"be",
       {"Уліковая картка ваеннапалоннага", "Дзяржава, ад якой залежыць", "Прозвішча", "Імёны",
        "Імя бацькі", "Дата і месца нараджэння", "Званне", "Асабісты нумар", "Адрас сям'і",
        "Узяты ў палон (дата)", "Стан здароўя", "Цяперашні адрас (нумар ваеннапалоннага, лагер)",
        "Дата", "Подпіс"}},
      {"en",
       {"Capture card for prisoner of war", "Power on which the prisoner depends", "Name",
        "First names", "First name of father", "Date and place of birth", "Rank", "Service number",
        "Address of family", "Taken prisoner on", "State of health",
        "Present address (prisoner number, camp)", "Date", "Signature"}},
  };
  return labels;
}

const Labels& LabelsFor(const std::string& language) {
  auto it = AllLabels().find(language);
  return it != AllLabels().end() ? it->second : AllLabels().at("ru");
}

using HealthWords = std::array<const char*, camp::kAnnexIvHealth.size()>;

// Annex IV's states of health, in camp::kAnnexIvHealth's order, in each language.
const std::map<std::string, HealthWords>& AllHealthWords() {
  static const std::map<std::string, HealthWords> words = {
      {"ru",
       {"здоров", "не ранен", "выздоровел", "выздоравливающий", "болен", "легко ранен",
        "тяжело ранен"}},
      {"uk",
       {"здоровий", "не поранений", "одужав", "одужує", "хворий", "легко поранений",
        "тяжко поранений"}},
      {"be",
       {"здаровы", "не паранены", "ачуняў", "ачуньвае", "хворы", "лёгка паранены",
        "цяжка паранены"}},
      {"en",
       {"good", "not wounded", "recovered", "convalescent", "sick", "slightly wounded",
        "seriously wounded"}},
  };
  return words;
}

// "Фамилия / Прізвище" when the two languages differ.
std::string Both(std::string_view his, std::string_view camps) {
  if (his == camps) return std::string(his);
  return fmt::format("{} / {}", his, camps);
}

std::string Both(const Labels& his, const Labels& camps, Label label) {
  return Both(his[label], camps[label]);
}

// His state of health in the card's two languages; empty for a code Annex IV does not have
// (never printed raw: the card is read by his family, not by lifeline).
std::string HealthIn(const std::string& his, const std::string& camps, const std::string& code) {
  const auto* found = std::find(camp::kAnnexIvHealth.begin(), camp::kAnnexIvHealth.end(), code);
  if (found == camp::kAnnexIvHealth.end()) return "";
  const auto index = static_cast<std::size_t>(found - camp::kAnnexIvHealth.begin());
  auto words = [&](const std::string& language) -> const HealthWords& {
    auto it = AllHealthWords().find(language);
    return it != AllHealthWords().end() ? it->second : AllHealthWords().at("ru");
  };
  return Both(words(his)[index], words(camps)[index]);
}

}  // namespace

CaptureCard MakeCaptureCard(const camp::CampRecord& camp, const app::Prisoner& p) {
  const Labels& his = LabelsFor(p.stored.language);
  const Labels& camps = LabelsFor(camp.language);
  const app::PrisonerFields f = p.fields.value_or(app::PrisonerFields{});
  CaptureCard card{Both(his, camps, kTitle), p.stored.language, {}};
  auto line = [&](Label label, std::string value) {
    card.lines.push_back({Both(his, camps, label), std::move(value)});
  };
  line(kPower, f.power);
  line(kSurname, f.surname);
  line(kFirstNames, f.first_names);
  line(kFatherName, f.father_name);
  line(kBirth, f.birth_date + (f.birth_place.empty() ? "" : ", " + f.birth_place));
  line(kRank, f.rank);
  line(kServiceNumber, f.service_number);
  line(kFamilyAddress, f.mail_address);
  line(kTakenPrisoner,
       f.captured_on);  // the date (Annex IV); how he came is sealed, and not on the card
  line(kHealth, HealthIn(p.stored.language, camp.language, p.stored.health));
  line(kPresentAddress, p.number + ", " + camp.name);
  line(kDate, FormatIsoDate(p.stored.arrived_on));
  line(kSignature, "");
  return card;
}

}  // namespace lifeline::server
