#include "server/console_details.hpp"

#include <vector>

#include "domain/case_status.hpp"
#include "server/console_common.hpp"

namespace lifeline::server::console {
namespace {

struct Detail {
  std::string_view english;  // as the rule writes it; "{}" for a value
  std::string_view russian;  // the same "{}", in the same order
};

// The operators' and coordinators' daily work first (cases, the workflow, tasks, groups,
// replies, search, custody, one's own password and second factor), then the commonest
// refusals of help abroad and the camps. A rule not listed here still reaches the console,
// marked as English (ConsoleErrorRu). tests/check_console_details.py keeps every key a
// message some rule writes.
constexpr Detail kDetails[] = {
    // Replies and messages.
    {"a reply cannot be empty", "Ответ не может быть пустым."},
    {"a reply must be plain text", "Ответ — только обычный текст."},
    {"a message must be between 1 and 2000 characters of text",
     "Сообщение — от 1 до 2000 знаков текста."},
    {"this reply would take more than two SMS parts (134 characters in Cyrillic); shorten it",
     "Ответ займёт больше двух частей SMS (134 знака кириллицей): сократите его."},
    {"the applicant sent STOP: his address is destroyed, so no reply can reach him",
     "Заявитель прислал STOP: его адрес уничтожен, ответ до него не дойдёт."},
    {"this sender is blocked: nothing is sent to him",
     "Отправитель заблокирован: ему ничего не отправляется."},
    {"this case has no SMS or messenger conversation",
     "У этой заявки нет переписки по SMS или в мессенджере."},
    // The workflow.
    {"moving a case to \"{}\" needs a reason", "Для перевода в «{}» нужна причина."},
    {"your role cannot move a case from \"{}\" to \"{}\"",
     "Ваша роль не позволяет перевести заявку из «{}» в «{}»."},
    {"the case changed since you opened it (it is now \"{}\"); reload it and try again",
     "Заявка изменилась, пока была открыта (теперь «{}»): обновите страницу и повторите."},
    {"a reason must be at most 1000 characters of text", "Причина — не длиннее 1000 знаков."},
    {"record how the person came into custody (captured or voluntary surrender) with the "
     "crossing",
     "Вместе с переходом запишите, как человек оказался в плену: взят в плен или сдался "
     "добровольно."},
    {"no custody circumstance is recorded for this case",
     "Обстоятельства пленения для этой заявки не записаны."},
    {"another operator already holds this case", "Эту заявку уже ведёт другой оператор."},
    {"another operator is working on this case", "Эту заявку ведёт другой оператор."},
    {"claim this case before opening it", "Сначала возьмите заявку в работу."},
    // Tasks.
    {"that time is outside the applicant's safe windows; the next one opens at {}",
     "Это время вне безопасных окон заявителя; ближайшее открывается {}."},
    {"due_at must be within a year from now", "Срок — не дальше года от сегодняшнего дня."},
    {"a note must be at most 500 characters of text", "Заметка — не длиннее 500 знаков."},
    {"this task is already done", "Эта задача уже выполнена."},
    // Duplicates and groups.
    {"a case cannot be merged into itself", "Заявку нельзя объединить саму с собой."},
    {"no such case to merge into", "Заявки, с которой нужно объединить, нет."},
    {"case {} is itself merged into case {}; merge into that one",
     "Заявка № {} сама объединена с заявкой № {}: объединяйте с ней."},
    {"a group cannot be merged into itself", "Группу нельзя объединить саму с собой."},
    {"a group holds at most {} members", "В группе может быть не больше {} человек."},
    {"a member is chosen twice", "Один участник выбран дважды."},
    {"choose the members who leave the group", "Выберите участников, которые уходят из группы."},
    {"the new group's contact must be one of the members who leave",
     "Контактом новой группы должен быть один из уходящих участников."},
    {"case {} is not a member of this group", "Заявка № {} не входит в эту группу."},
    {"name: required for a group member", "Для участника группы нужно имя."},
    {"this case is a member of group case {}", "Эта заявка входит в групповую заявку № {}."},
    {"more than {} cases match: narrow the filter",
     "Под фильтр подходит больше {} заявок: сузьте его."},
    // Search.
    {"search for at least one word of two letters or digits",
     "Для поиска нужно хотя бы одно слово из двух букв или цифр."},
    {"a search is at most 200 characters", "Запрос — не длиннее 200 знаков."},
    // One's own account.
    {"the current password is not right", "Текущий пароль указан неверно."},
    {"choose a password other than the one you have now",
     "Выберите пароль, который отличается от нынешнего."},
    {"passwords must be at least 12 characters long", "Пароль — не короче 12 знаков."},
    {"too many wrong passwords; wait before trying again",
     "Слишком много неверных паролей: подождите и попробуйте снова."},
    {"that code is not right", "Код неверный."},
    {"that code is not right; check the phone's clock and try again",
     "Код неверный: проверьте часы на телефоне и попробуйте снова."},
    {"start the set-up again: no second factor is being set up",
     "Начните настройку заново: второй фактор сейчас не настраивается."},
    {"your role does not allow this", "Ваша роль этого не позволяет."},
    // Account administration.
    {"no such account", "Такой учётной записи нет."},
    // Help abroad: stays, proceedings, referrals.
    {"a stay ends before it begins", "Пребывание заканчивается раньше, чем начинается."},
    {"stays overlap: a person cannot arrive before leaving",
     "Пребывания пересекаются: нельзя прибыть, не уехав."},
    {"only the last stay may be open", "Открытым может быть только последнее пребывание."},
    {"the current stay cannot begin in the future",
     "Текущее пребывание не может начаться в будущем."},
    {"unknown country in an earlier stay", "В одном из прежних пребываний неизвестная страна."},
    {"unknown country: a caseworker adds it and its stay rule to the countries table first",
     "Неизвестная страна: сначала добавьте её и правило пребывания в таблицу стран."},
    {"a stay rule is D days in any period of P days, with 1 ≤ D ≤ P ≤ 3660",
     "Правило пребывания: D дней в любом периоде из P дней, 1 ≤ D ≤ P ≤ 3660."},
    {"a country needs a name", "У страны должно быть название."},
    {"a lead time is 0 to 365 days", "Срок предупреждения — от 0 до 365 дней."},
    {"an event cannot come before the proceeding was filed",
     "Событие не может быть раньше начала разбирательства."},
    {"filed_on cannot be in the future", "Дата начала не может быть в будущем."},
    {"this proceeding is closed", "Это разбирательство закрыто."},
    {"a deadline or hearing entered now cannot be in the past; record what happened instead",
     "Срок или заседание, внесённые сейчас, не могут быть в прошлом: запишите, что произошло."},
    {"a visa pathway needs a target country from the countries table",
     "Для визового пути нужна страна назначения из таблицы стран."},
    {"this pathway's checklist has no such step", "В этом пути нет такого шага."},
    {"choose at least one field he agreed to share",
     "Выберите хотя бы одно поле, которое он согласился передать."},
    {"no such partner", "Такого партнёра нет."},
    {"this partner has no public key registered, so nothing can be sent to it securely",
     "У партнёра не записан открытый ключ: передать ему что-либо безопасно нельзя."},
    // Camps.
    {"the surname is required (GC III Art. 17)",
     "Нужна фамилия (III Женевская конвенция, ст. 17)."},
    {"this prisoner is not held in this camp", "Этот военнопленный не содержится в этом лагере."},
    {"a movement cannot come before his arrival", "Перемещение не может быть раньше его прибытия."},
    {"he cannot be captured after he arrived at the camp",
     "Дата пленения не может быть позже прибытия в лагерь."},
    {"a transfer names another camp", "Для перевода укажите другой лагерь."},
    {"the prisoner already works at that time", "В это время военнопленный уже работает."},
    {"only a prisoner held in the camp works",
     "Работает только военнопленный, который содержится в лагере."},
    {"only a prisoner held in the camp calls from it",
     "Звонить из лагеря может только военнопленный, который в нём содержится."},
    {"that is not one of the line's slots", "Такого слота у телефонной линии нет."},
    {"the line has no opening hours that day", "В этот день линия не работает."},
};

// The values standing for each "{}" of `key` in `text`, or nullopt if `text` is not `key`.
// A value is never empty and runs to the next literal part of the key (or the end).
std::optional<std::vector<std::string>> Match(std::string_view key, std::string_view text) {
  std::vector<std::string> values;
  for (;;) {
    const auto hole = key.find("{}");
    const std::string_view literal = key.substr(0, hole);
    if (!text.starts_with(literal)) return std::nullopt;
    text.remove_prefix(literal.size());
    if (hole == std::string_view::npos) {
      if (!text.empty()) return std::nullopt;
      return values;
    }
    key.remove_prefix(hole + 2);
    const std::string_view next = key.substr(0, key.find("{}"));
    const auto end = next.empty() ? text.size() : text.find(next);
    if (end == 0 || end == std::string_view::npos) return std::nullopt;
    values.emplace_back(text.substr(0, end));
    text.remove_prefix(end);
  }
}

}  // namespace

std::optional<std::string> DetailRu(std::string_view english) {
  for (const auto& [key, russian] : kDetails) {
    auto values = Match(key, english);
    if (!values) continue;
    std::string out;
    std::size_t next = 0;
    std::string_view rest = russian;
    for (auto hole = rest.find("{}"); hole != std::string_view::npos; hole = rest.find("{}")) {
      out += rest.substr(0, hole);
      if (next < values->size()) {
        const std::string& value = (*values)[next++];
        const auto status = ParseCaseStatus(value);
        out += status ? std::string(StatusLabelRu(*status)) : value;
      }
      rest.remove_prefix(hole + 2);
    }
    return out + std::string(rest);
  }
  return std::nullopt;
}

}  // namespace lifeline::server::console
