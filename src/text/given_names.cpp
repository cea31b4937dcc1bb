#include "text/given_names.hpp"

#include <string>
#include <unordered_map>
#include <vector>

#include "text/skeleton.hpp"

namespace lifeline::text {
namespace {

// Each line is one name: the Russian form first (its skeleton stands for the others), then
// the Ukrainian and Belarusian forms and the Latin spellings whose skeletons differ from
// theirs. Forms that reach the same skeleton anyway (Іван, Ivan) need no line.
constexpr const char* kNames[] = {
    "Александр Олександр Аляксандр Alexander Aleksander",
    "Алексей Олексій Аляксей Oleksii Aliaksei",
    "Анатолий Анатолій Анатоль",
    "Андрей Андрій Андрэй Andrii",
    "Антон Антін",
    "Аркадий Аркадій Аркадзь",
    "Артём Артем Арцём Artsiom",
    "Борис Барыс",
    "Вадим Вадзім",
    "Валентин Валянцін",
    "Валерий Валерій Валерый",
    "Василий Василь Васіль Vasil",
    "Виктор Віктор Віктар",
    "Виталий Віталій Віталь",
    "Владимир Володимир Уладзімір Wladimir Volodymyr Uladzimir",
    "Владислав Уладзіслаў Uladzislau",
    "Вячеслав Вячаслаў В'ячеслав",
    "Геннадий Геннадій Генадзь",
    "Георгий Георгій Heorhii",
    "Григорий Григорій Рыгор",
    "Даниил Данило Даніла Danylo",
    "Денис Дзяніс",
    "Дмитрий Дмитро Дзмітрый Dmytro Dzmitry",
    "Евгений Євген Яўген Yevhen Yauhen Eugene",
    "Егор Ягор Yahor",
    "Иван Іван",
    "Игорь Ігар Ihar",
    "Илья Ілля Ілья Illia",
    "Кирилл Кирило Кірыл Kyrylo",
    "Константин Костянтин Канстанцін Kostiantyn Kanstantsin",
    "Леонид Леонід Леанід",
    "Максим Максім",
    "Матвей Матвій Мацвей",
    "Михаил Михайло Міхаіл Mykhailo",
    "Никита Микита Мікіта Mykyta",
    "Николай Микола Мікалай Mykola Mikalai",
    "Олег Алег Aleh",
    "Павел Павло Paul",
    "Пётр Петро Пятро Piotr Peter",
    "Роман Раман",
    "Семён Семен Сямён",
    "Сергей Сергій Сяргей Serhii Siarhei",
    "Станислав Станіслаў",
    "Степан Сцяпан",
    "Тимофей Тимофій Цімафей",
    "Тарас",
    "Фёдор Федір Фёдар",
    "Юрий Юрій Юрый",
    "Ярослав Яраслаў",
    "Анна Ганна Hanna",
    "Елена Олена Olena Helena",
    "Ольга Вольга Volha",
    "Наталья Наталія Наталля Natalia",
    "Татьяна Тетяна Таццяна Tetiana Tatsiana",
};

struct Table {
  std::unordered_map<std::string, std::string> canonical;
  Table() {
    for (const char* line : kNames) {
      const auto forms = SkeletonWords(line);
      for (const auto& form : forms) canonical.emplace(form, forms.front());
    }
  }
};

const Table& Names() {
  static const Table table;
  return table;
}

bool EndsWith(std::string_view s, std::string_view end) {
  return s.size() >= end.size() && s.substr(s.size() - end.size()) == end;
}

}  // namespace

std::string_view CanonicalGivenName(std::string_view skeleton) {
  const auto& names = Names().canonical;
  if (auto it = names.find(std::string(skeleton)); it != names.end()) return it->second;
  return skeleton;
}

bool IsGivenName(std::string_view skeleton) {
  return Names().canonical.count(std::string(skeleton)) > 0;
}

bool LooksLikePatronymic(std::string_view s) {
  if (s.size() < 5) return false;
  // -ович/-евич/-авіч/-ович (Ukrainian -ович as "ovych": y is i): "viC"; Ильич, Кузьмич: "iC";
  // -овна/-евна/-івна/-аўна: "vna"; -ична/-інічна: "iCna".
  return EndsWith(s, "viC") || EndsWith(s, "iC") || EndsWith(s, "vna") || EndsWith(s, "iCna");
}

}  // namespace lifeline::text
