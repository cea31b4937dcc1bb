#include "server/console_details.hpp"

#include <vector>

#include "domain/case_status.hpp"
#include "server/console_common.hpp"
#include "server/console_text.hpp"

namespace lifeline::server::console {
namespace {

struct Detail {
  std::string_view english;  // as the rule writes it; "{}" for a value
  std::string_view russian;  // the same "{}", in the same order; translated where shown
};

// The operators' and coordinators' daily work first (cases, the workflow, tasks, groups,
// replies, search, custody, one's own password and second factor), then the commonest
// refusals of help abroad and the camps. A rule not listed here still reaches the console,
// marked as English (ConsoleErrorRu). tests/check_console_details.py keeps every key a
// message some rule writes.
constexpr Detail kDetails[] = {
    // Replies and messages.
    {"a reply cannot be empty", Marked("Ответ не может быть пустым.")},
    {"a reply must be plain text", Marked("Ответ — только обычный текст.")},
    {"a message must be between 1 and 2000 characters of text",
     Marked("Сообщение — от 1 до 2000 знаков текста.")},
    {"this reply would take more than two SMS parts (134 characters in Cyrillic); shorten it",
     Marked("Ответ займёт больше двух частей SMS (134 знака кириллицей): сократите его.")},
    {"the applicant sent STOP: his address is destroyed, so no reply can reach him",
     Marked("Заявитель прислал STOP: его адрес уничтожен, ответ до него не дойдёт.")},
    {"this sender is blocked: nothing is sent to him",
     Marked("Отправитель заблокирован: ему ничего не отправляется.")},
    {"this case has no SMS or messenger conversation",
     Marked("У этой заявки нет переписки по SMS или в мессенджере.")},
    // The workflow.
    {"moving a case to \"{}\" needs a reason", Marked("Для перевода в «{}» нужна причина.")},
    {"your role cannot move a case from \"{}\" to \"{}\"",
     Marked("Ваша роль не позволяет перевести заявку из «{}» в «{}».")},
    {"the case changed since you opened it (it is now \"{}\"); reload it and try again",
     Marked("Заявка изменилась, пока была открыта (теперь «{}»): обновите страницу и повторите.")},
    {"a reason must be at most 1000 characters of text",
     Marked("Причина — не длиннее 1000 знаков.")},
    {"record how the person came into custody (captured or voluntary surrender) with the "
     "crossing",
     Marked("Вместе с переходом запишите, как человек оказался в плену: взят в плен или сдался "
            "добровольно.")},
    {"no custody circumstance is recorded for this case",
     Marked("Обстоятельства пленения для этой заявки не записаны.")},
    // The two-person rule and canaries (app/audit/approvals.hpp, access_alerts.hpp).
    {"this needs a second person's approval first: ask for it, and read within 30 minutes of "
     "asking",
     Marked("Сначала нужно согласие второго сотрудника: запросите его и прочитайте в течение 30 "
            "минут после запроса.")},
    {"a request must be approved by a second person",
     Marked("Запрос должен подтвердить другой сотрудник.")},
    {"no such request is open (it may have expired)",
     Marked("Такого открытого запроса нет (возможно, он истёк).")},
    {"this request is approved already", Marked("Этот запрос уже подтверждён.")},
    {"case: a case number", Marked("Номер заявки: укажите число.")},
    {"another operator already holds this case", Marked("Эту заявку уже ведёт другой оператор.")},
    {"another operator is working on this case", Marked("Эту заявку ведёт другой оператор.")},
    {"claim this case before opening it", Marked("Сначала возьмите заявку в работу.")},
    // Tasks.
    {"that time is outside the applicant's safe windows; the next one opens at {}",
     Marked("Это время вне безопасных окон заявителя; ближайшее открывается {}.")},
    {"due_at must be within a year from now", Marked("Срок — не дальше года от сегодняшнего дня.")},
    {"a note must be at most 500 characters of text", Marked("Заметка — не длиннее 500 знаков.")},
    {"this task is already done", Marked("Эта задача уже выполнена.")},
    // Duplicates and groups.
    {"a case cannot be merged into itself", Marked("Заявку нельзя объединить саму с собой.")},
    {"no such case to merge into", Marked("Заявки, с которой нужно объединить, нет.")},
    {"case {} is itself merged into case {}; merge into that one",
     Marked("Заявка № {} сама объединена с заявкой № {}: объединяйте с ней.")},
    {"a group cannot be merged into itself", Marked("Группу нельзя объединить саму с собой.")},
    {"a group holds at most {} members", Marked("В группе может быть не больше {} человек.")},
    {"a member is chosen twice", Marked("Один участник выбран дважды.")},
    {"choose the members who leave the group",
     Marked("Выберите участников, которые уходят из группы.")},
    {"the new group's contact must be one of the members who leave",
     Marked("Контактом новой группы должен быть один из уходящих участников.")},
    {"case {} is not a member of this group", Marked("Заявка № {} не входит в эту группу.")},
    {"name: required for a group member", Marked("Для участника группы нужно имя.")},
    {"more than {} cases match: narrow the filter",
     Marked("Под фильтр подходит больше {} заявок: сузьте его.")},
    // Search.
    {"search for at least one word of two letters or digits",
     Marked("Для поиска нужно хотя бы одно слово из двух букв или цифр.")},
    {"a search is at most 200 characters", Marked("Запрос — не длиннее 200 знаков.")},
    // One's own account.
    {"the current password is not right", Marked("Текущий пароль указан неверно.")},
    {"choose a password other than the one you have now",
     Marked("Выберите пароль, который отличается от нынешнего.")},
    {"passwords must be at least 12 characters long", Marked("Пароль — не короче 12 знаков.")},
    {"too many wrong passwords; wait before trying again",
     Marked("Слишком много неверных паролей: подождите и попробуйте снова.")},
    {"that code is not right", Marked("Код неверный.")},
    {"that code is not right; check the phone's clock and try again",
     Marked("Код неверный: проверьте часы на телефоне и попробуйте снова.")},
    {"start the set-up again: no second factor is being set up",
     Marked("Начните настройку заново: второй фактор сейчас не настраивается.")},
    {"your role does not allow this", Marked("Ваша роль этого не позволяет.")},
    // Account administration.
    {"no such account", Marked("Такой учётной записи нет.")},
    {"the console is in ru, uk or en",
     Marked("Консоль говорит по-русски, по-украински и по-английски.")},
    // Help abroad: stays, proceedings, referrals.
    {"a stay ends before it begins", Marked("Пребывание заканчивается раньше, чем начинается.")},
    {"stays overlap: a person cannot arrive before leaving",
     Marked("Пребывания пересекаются: нельзя прибыть, не уехав.")},
    {"only the last stay may be open", Marked("Открытым может быть только последнее пребывание.")},
    {"the current stay cannot begin in the future",
     Marked("Текущее пребывание не может начаться в будущем.")},
    {"unknown country in an earlier stay",
     Marked("В одном из прежних пребываний неизвестная страна.")},
    {"unknown country: a caseworker adds it and its stay rule to the countries table first",
     Marked("Неизвестная страна: сначала добавьте её и правило пребывания в таблицу стран.")},
    {"a stay rule is D days in any period of P days, with 1 ≤ D ≤ P ≤ 3660",
     Marked("Правило пребывания: D дней в любом периоде из P дней, 1 ≤ D ≤ P ≤ 3660.")},
    {"a country needs a name", Marked("У страны должно быть название.")},
    {"a lead time is 0 to 365 days", Marked("Срок предупреждения — от 0 до 365 дней.")},
    {"an event cannot come before the proceeding was filed",
     Marked("Событие не может быть раньше начала разбирательства.")},
    {"filed_on cannot be in the future", Marked("Дата начала не может быть в будущем.")},
    {"this proceeding is closed", Marked("Это разбирательство закрыто.")},
    {"a deadline or hearing entered now cannot be in the past; record what happened instead",
     Marked("Срок или заседание, внесённые сейчас, не могут быть в прошлом: запишите, что "
            "произошло.")},
    {"a visa pathway needs a target country from the countries table",
     Marked("Для визового пути нужна страна назначения из таблицы стран.")},
    {"this pathway's checklist has no such step", Marked("В этом пути нет такого шага.")},
    {"choose at least one field he agreed to share",
     Marked("Выберите хотя бы одно поле, которое он согласился передать.")},
    {"no such partner", Marked("Такого партнёра нет.")},
    {"this partner has no public key registered, so nothing can be sent to it securely",
     Marked("У партнёра не записан открытый ключ: передать ему что-либо безопасно нельзя.")},
    // Camps.
    {"the surname is required (GC III Art. 17)",
     Marked("Нужна фамилия (III Женевская конвенция, ст. 17).")},
    {"this prisoner is not held in this camp",
     Marked("Этот военнопленный не содержится в этом лагере.")},
    {"a movement cannot come before his arrival",
     Marked("Перемещение не может быть раньше его прибытия.")},
    {"he cannot be captured after he arrived at the camp",
     Marked("Дата пленения не может быть позже прибытия в лагерь.")},
    {"a transfer names another camp", Marked("Для перевода укажите другой лагерь.")},
    {"the prisoner already works at that time", Marked("В это время военнопленный уже работает.")},
    {"only a prisoner held in the camp works",
     Marked("Работает только военнопленный, который содержится в лагере.")},
    {"only a prisoner held in the camp calls from it",
     Marked("Звонить из лагеря может только военнопленный, который в нём содержится.")},
    {"that is not one of the line's slots", Marked("Такого слота у телефонной линии нет.")},
    {"the line has no opening hours that day", Marked("В этот день линия не работает.")},
    // Help abroad: the person, countries, proceedings.
    {"the name is required", Marked("Нужно имя.")},
    {"a document's expiry must be a date like 2027-05-31",
     Marked("Срок действия документа — дата в виде 2027-05-31.")},
    {"the article must be one of the penalty table's: {}",
     Marked("Статья должна быть из таблицы наказаний: {}.")},
    {"a country's code is its two capital letters (ISO 3166-1), e.g. KZ",
     Marked("Код страны — две заглавные латинские буквы (ISO 3166-1), например KZ.")},
    {"filed_on must be a date like 2026-11-23", Marked("Укажите дату начала в виде 2026-11-23.")},
    {"on must be a date like 2026-12-01", Marked("Укажите дату события в виде 2026-12-01.")},
    {"a proceeding of this kind has these events: {}",
     Marked("В разбирательстве этого вида бывают только такие события: {}.")},
    // Help abroad: partners and referrals.
    {"a partner's name is 1 to 100 bytes of text",
     Marked("Название партнёра — от 1 до 100 байт текста.")},
    {"kind is lawyers, shelter, ngo, medical or employer",
     Marked("Вид партнёра: юристы, приют, НКО, медицина или работодатель.")},
    {"the public key is 64 hex digits, as `lifeline partner-key new` prints it",
     Marked("Открытый ключ — 64 шестнадцатеричные цифры, как его выводит «lifeline partner-key "
            "new».")},
    {"a partner with this name exists", Marked("Партнёр с таким названием уже есть.")},
    {"a referral needs the person's consent to share exactly these fields with this partner",
     Marked("Для направления нужно согласие человека передать именно эти поля именно этому "
            "партнёру.")},
    {"consent_how is in_person, written, message or call",
     Marked("Укажите, как дано согласие: лично, письменно, сообщением или по телефону.")},
    {"no such field to share: see the form's list",
     Marked("Такого поля для передачи нет: выберите из списка в форме.")},
    // Account administration.
    {"not your own account: another administrator does that (your password and second factor are "
     "on your security page)",
     Marked("Свою учётную запись так менять нельзя: это делает другой администратор (пароль и "
            "второй фактор — на вашей странице «Безопасность»).")},
    // Camps: the registry and movements.
    {"a camp's name is 1 to 100 bytes of text",
     Marked("Название лагеря — от 1 до 100 байт текста.")},
    {"a camp with this name exists", Marked("Лагерь с таким названием уже есть.")},
    {"language must be ru, be, uk or en",
     Marked("Язык: русский, белорусский, украинский или английский.")},
    {"birth_date must be a date like 1999-04-30", Marked("Дата рождения — в виде 1999-04-30.")},
    {"captured_on must be a date like 2026-11-20", Marked("Дата пленения — в виде 2026-11-20.")},
    {"health must be one of Annex IV's: good, not_wounded, recovered, convalescent, sick, "
     "slightly_wounded, seriously_wounded",
     Marked("Состояние здоровья — из списка приложения IV: здоров, не ранен, выздоровел, "
            "выздоравливает, болен, легко ранен, тяжело ранен.")},
    {"kind must be transferred, hospital, returned, released, repatriated, escaped or died",
     Marked("Выберите вид перемещения: переведён, в госпиталь, вернулся из госпиталя, освобождён, "
            "репатриирован, бежал или умер.")},
    // Camps: labour (GC III Art. 49–55).
    {"last_medical_exam must be a past date like 2026-11-20",
     Marked("Дата медосмотра — уже прошедший день в виде 2026-11-20.")},
    {"hours must be a range like 08:00-12:00, the journey included",
     Marked("Часы работы — промежуток в виде 08:00-12:00, вместе с дорогой.")},
    {"GC III Art. 50: work must be camp_administration, agriculture, non_military_industry, "
     "non_military_transport, commerce_arts_crafts, domestic_service or public_utilities",
     Marked("Работа — только из перечня: содержание лагеря, сельское хозяйство, невоенная "
            "промышленность, невоенный транспорт, торговля и ремёсла, бытовое обслуживание или "
            "коммунальные службы (III Женевская конвенция, ст. 50).")},
    {"a shift starts before it ends, within one day (00:00–24:00)",
     Marked("Смена должна начинаться раньше, чем заканчивается, в пределах одних суток "
            "(00:00–24:00).")},
    {"GC III Art. 49: an officer may ask for work but is never compelled; record his request first",
     Marked("Офицер может сам попросить работу, но принуждать его нельзя: сначала запишите его "
            "просьбу (III Женевская конвенция, ст. 49).")},
    {"GC III Art. 49: a non-commissioned officer may be required to do supervisory work only, "
     "unless he asks for other work",
     Marked("Сержанта можно обязать только к надзору, если он сам не просит другой работы "
            "(III Женевская конвенция, ст. 49).")},
    {"GC III Art. 52: unhealthy or dangerous work is for volunteers only",
     Marked("Вредная или опасная работа — только для добровольцев (III Женевская конвенция, "
            "ст. 52).")},
    {"GC III Art. 55: fitness for work needs a medical examination within the last month",
     Marked("Для допуска к работе нужен медосмотр не старше месяца (III Женевская конвенция, "
            "ст. 55).")},
    {"GC III Art. 53: the day's work would be {}, above the camp's {}",
     Marked("Работа за день составила бы {}, больше нормы лагеря {} (III Женевская конвенция, "
            "ст. 53).")},
    {"GC III Art. 53: the day's work must leave an hour's rest at midday (between 11:00 and 15:00)",
     Marked("В середине рабочего дня, между 11:00 и 15:00, нужен час отдыха (III Женевская "
            "конвенция, ст. 53).")},
    {"GC III Art. 53: the week (Monday to Sunday) would leave no 24 consecutive hours off",
     Marked("За неделю (с понедельника по воскресенье) не осталось бы 24 часов отдыха подряд "
            "(III Женевская конвенция, ст. 53).")},
    // Camps: the phone line and mail.
    {"he is not on the phone line's waiting list", Marked("Его нет в очереди на телефон.")},
    {"a call lasts 0 to {} minutes", Marked("Звонок длится от 0 до {} мин.")},
    {"that would be more than his {} minutes on the line today",
     Marked("Это больше его дневного лимита на линии: {} мин.")},
    {"day cannot be in the future", Marked("Дата не может быть в будущем.")},
    // Camps: the prisoner's account and the canteen.
    {"no such item on the camp's price list", Marked("Такого товара нет в лавке лагеря.")},
    {"a transfer's postings are made by recording the transfer (a movement)",
     Marked("Проводки при переводе делаются сами, когда записан перевод (перемещение).")},
    {"that posting is another prisoner's",
     Marked("Эта проводка относится к другому военнопленному.")},
    {"a reversal is not reversed: post the event again",
     Marked("Сторно не сторнируется: проведите операцию заново.")},
    {"a transfer is not reversed: transfer him back",
     Marked("Перевод не сторнируется: переведите его обратно.")},
    {"the idempotency key must be 1 to 100 printable characters without spaces",
     Marked("Служебный ключ проводки — от 1 до 100 печатных знаков без пробелов.")},
    {"every leg moves a non-zero amount of at most 1000000000.00",
     Marked("Сумма проводки должна быть ненулевой и не больше 1000000000.00.")},
    {"days must be 1 to 31 full working days", Marked("Дней — от 1 до 31 полного рабочего дня.")},
    {"quantity must be 1 to 100", Marked("Количество — от 1 до 100.")},
    {"minutes must be 1 to 1440", Marked("Минут — от 1 до 1440.")},
    {"the camp charges nothing for calls", Marked("Лагерь не берёт плату за звонки.")},
    {"the note is at most 200 characters", Marked("Примечание — не длиннее 200 знаков.")},
    // Camps: a new camp's rate, pay, canteen and phone hours.
    {"the exchange rate (UAH per Swiss franc) must be set, e.g. 47.00",
     Marked("Укажите курс (гривен за швейцарский франк), например 47.00.")},
    {"working pay of {} a day is below GC III Art. 62's minimum of a quarter Swiss franc: {} at {} "
     "UAH per franc",
     Marked("Оплата {} в день ниже минимума в четверть швейцарского франка: {} при курсе {} за "
            "франк (III Женевская конвенция, ст. 62).")},
    {"an item's name is 1 to 100 characters", Marked("Название товара — от 1 до 100 знаков.")},
    {"GC III Art. 28: a canteen price ({}) may not be above the local market price ({})",
     Marked("Цена в лавке ({}) не может быть выше местной рыночной ({}) (III Женевская конвенция, "
            "ст. 28).")},
    {"opening hours run forward within the day, in order and without overlap (e.g. 09:00-12:00, "
     "14:00-18:00)",
     Marked("Часы работы линии идут по порядку в пределах суток и не пересекаются (например "
            "09:00-12:00, 14:00-18:00).")},
    {"opening hours are ranges like 10:00-12:00",
     Marked("Часы работы линии — промежутки в виде 10:00-12:00.")},
    // Cases, search and callbacks.
    {"this case is a member of group case {}; manage the group from there",
     Marked("Эта заявка входит в групповую заявку № {}: управляйте группой оттуда.")},
    {"offset: must be between 0 and 10000",
     Marked("Дальше 10000-го результата листать нельзя: уточните запрос.")},
    {"only a callback that waits for its window can be cancelled",
     Marked("Отменить можно только обратный звонок, который ещё ждёт своего окна.")},
    {"number: only digits, spaces, dashes, dots, parentheses and a leading +",
     Marked("В номере — только цифры, пробелы, дефисы, точки, скобки и «+» в начале.")},
    {"windows: give at least one time when it is safe to call back",
     Marked("Укажите хотя бы одно время, когда перезванивать безопасно.")},
    {"windows: write each like \"mon-fri 19:00-21:00\"",
     Marked("Каждое окно пишите так: «mon-fri 19:00-21:00».")},
    {"utc_offset: write the time zone like \"+03:00\"",
     Marked("Часовой пояс пишите так: «+03:00».")},
    // The contact centre: operators.
    {"an operator's name is 1 to 64 letters, digits, dots, dashes or underscores",
     Marked("Имя оператора — от 1 до 64 латинских букв, цифр, точек, дефисов или подчёркиваний.")},
    {"an operator needs at least one language", Marked("Оператору нужен хотя бы один язык.")},
    {"uri must be a sip: address of up to 200 characters, e.g. sip:ext-101@10.0.0.5:5060",
     Marked("Адрес телефона — SIP-адрес («sip:…») не длиннее 200 знаков, например "
            "sip:ext-101@10.0.0.5:5060.")},
    {"an operator with this name exists", Marked("Оператор с таким именем уже есть.")},
    {"no such operator", Marked("Такого оператора нет.")},
    {"an operator sets only available, break or logged_out; calls move the rest",
     Marked("Вручную ставится только «свободен», «перерыв» или «не в системе»; остальные состояния "
            "меняют звонки.")},
    {"a reason goes with break only", Marked("Причина указывается только для перерыва.")},
    // Help abroad: people, proceedings, pathways, referrals, countries.
    {"a need is housing, money, medical or legal",
     Marked("Нужды — только жильё, деньги, медицина или юрист.")},
    {"a lead time is a whole number of days", Marked("Срок предупреждения — целое число дней.")},
    {"choose a wanted status", Marked("Выберите, что известно о розыске.")},
    {"choose the kind of each document with an expiry date",
     Marked("Выберите вид каждого документа со сроком действия.")},
    {"a list holds at most {} rows", Marked("В списке может быть не больше {} строк.")},
    {"no such person", Marked("Такого человека нет.")},
    {"the form lacks the person it is about",
     Marked("В форме не указан человек: откройте его страницу и повторите.")},
    {"choose the kind of proceeding", Marked("Выберите вид производства.")},
    {"no such proceeding", Marked("Такого производства нет.")},
    {"choose the kind of pathway", Marked("Выберите вид пути.")},
    {"no such pathway", Marked("Такого пути нет.")},
    {"choose the step's status", Marked("Выберите состояние шага.")},
    {"no such referral", Marked("Такого направления нет.")},
    {"days and period are whole numbers of days", Marked("Дни и период — целые числа дней.")},
    {"help abroad is not running", Marked("Помощь за рубежом здесь не запущена.")},
    // Camps.
    {"no such camp", Marked("Такого лагеря нет.")},
    {"no such prisoner", Marked("Такого военнопленного нет.")},
    {"each canteen line is: name; price; local market price",
     Marked("Каждая строка лавки: название; цена; местная рыночная цена.")},
    {"choose what was sent or received", Marked("Выберите, что отправлено или получено.")},
    {"choose what to post", Marked("Выберите вид проводки.")},
    {"name the prisoner (id), the slot and the outcome",
     Marked("Укажите военнопленного (номер), время звонка и итог.")},
    {"the camp registry is not running", Marked("Учёт лагерей здесь не запущен.")},
    // Cases: the list's filter and the workflow.
    {"no such case", Marked("Такой заявки нет.")},
    {"unknown status", Marked("Такого статуса нет.")},
    {"review must be 1 or absent", Marked("Фильтр «на проверку» — либо 1, либо не задан.")},
    {"unknown situation", Marked("Такого положения нет.")},
    {"version must be the case's version as last read",
     Marked("Версия должна быть той, что была при последнем открытии заявки: обновите страницу.")},
    {"circumstance must be \"captured\" or \"voluntary_surrender\"",
     Marked("Выберите обстоятельства: взят в плен или сдался добровольно.")},
    {"choose the case to merge into", Marked("Выберите заявку, с которой объединить.")},
    // Tasks.
    {"kind must be contact, check or other",
     Marked("Вид задачи — «связаться», «проверить» или «другое».")},
    {"due_at must be a time in seconds since 1970 (UTC)",
     Marked("Срок не распознан: выберите его из списка.")},
    {"no such task", Marked("Такой задачи нет.")},
    // Groups.
    {"reload the page and try again", Marked("Обновите страницу и повторите.")},
    {"choose who speaks for the new group", Marked("Выберите контакт новой группы.")},
    {"into must be the case number of the other group's contact",
     Marked("Укажите номер заявки контакта другой группы.")},
    // The contact centre and callbacks.
    {"lines must be a whole number up to 1000000",
     Marked("Число линий — целое, не больше 1 000 000.")},
    {"state must be available, break or logged_out",
     Marked("Состояние — «свободен», «перерыв» или «не в системе».")},
    {"reason must be {}", Marked("Причина перерыва — одна из: {}.")},
    {"no such callback", Marked("Такой заявки на обратный звонок нет.")},
    // Accounts.
    {"no such user", Marked("Такой учётной записи нет.")},
    {"account administration does not run here",
     Marked("Управление учётными записями здесь не работает.")},
    // The camp ledger (the value is the balance).
    {"the prisoner's account does not cover this (it holds {})",
     Marked("На счёте военнопленного недостаточно средств: на нём {}.")},
    // Help abroad.
    {"a list holds at most 50 entries", Marked("В списке — не больше 50 записей.")},
    {"this case has a record abroad already",
     Marked("У этой заявки уже есть запись о пребывании за рубежом.")},
    {"the person is not in the country now (no open stay)",
     Marked("Человек сейчас не в этой стране (нет открытого пребывания).")},
    // The audit log.
    {"more than {} entries match: narrow the filter (dates, action or user)",
     Marked("Подходит больше {} записей: сузьте отбор (даты, действие или пользователь).")},
    {"the audit log is busy; try again", Marked("Журнал аудита занят: повторите.")},
    {"page must be positive and per_page between 1 and 200",
     Marked("Номер страницы — положительный, записей на странице — от 1 до 200.")},
    // Camps: registration, the phone line, correspondence, the ledger.
    {"month must be like 2026-11", Marked("Месяц — в виде 2026-11.")},
    {"the working day is 1 to 12 hours, as local civilian workers' (GC III Art. 53)",
     Marked("Рабочий день — от 1 до 12 часов, как у местных гражданских работников (III Женевская "
            "конвенция, ст. 53).")},
    {"this case is registered in a camp already",
     Marked("Эта заявка уже зарегистрирована в лагере.")},
    {"only a case that has crossed can be registered in a camp",
     Marked("Зарегистрировать в лагере можно только заявку, по которой человек уже перешёл.")},
    {"a slot is 1 to 240 minutes", Marked("Слот — от 1 до 240 минут.")},
    {"the daily limit per prisoner is 1 to 240 minutes",
     Marked("Дневной лимит на военнопленного — от 1 до 240 минут.")},
    {"the cut-call threshold is 0 to 240 minutes",
     Marked("Порог, ниже которого прерванный звонок не расходует очередь, — от 0 до 240 минут.")},
    {"this prisoner is not on the line's waiting list",
     Marked("Этого военнопленного нет в очереди на линию.")},
    {"a limit is a whole number, 0 for none", Marked("Лимит — целое число, 0 — без лимита.")},
    {"GC III Art. 71: a limit on letters may not be below two a month",
     Marked(
         "Письма можно ограничить не меньше чем двумя в месяц (III Женевская конвенция, ст. 71).")},
    {"GC III Art. 71: a limit on cards may not be below four a month",
     Marked("Открытки можно ограничить не меньше чем четырьмя в месяц (III Женевская конвенция, "
            "ст. 71).")},
    {"call_charge_per_minute must be an amount of zero or more",
     Marked("Плата за минуту звонка — сумма не меньше нуля.")},
    {"advances must be amounts of zero or more", Marked("Авансы — суммы не меньше нуля.")},
    {"unknown currency '{}': use UAH or CHF",
     Marked("Неизвестная валюта «{}»: укажите UAH или CHF.")},
    // Reply templates.
    {"a reply must not say \"{}\": phones are searched, keep it innocuous",
     Marked("В ответе не должно быть слова «{}»: телефоны проверяют, пишите нейтрально.")},
    {"unknown placeholder {} (allowed: {receipt} in welcome and status, {state} in status)",
     Marked("Неизвестная подстановка {} (можно: {receipt} в приветствии и статусе, {state} в "
            "статусе).")},
    {"this reply must give the number: put {receipt} in it",
     Marked("В этом ответе должен быть номер заявки: вставьте {receipt}.")},
    {"this reply must say how the request stands: put {state} in it",
     Marked("Этот ответ должен сообщать, в каком состоянии заявка: вставьте {state}.")},
    // Screening, statistics, retention, lists.
    {"give either a contact handle or a phrase", Marked("Укажите контакт или фразу.")},
    {"handle: give a telephone number or a user name",
     Marked("Укажите номер телефона или имя пользователя.")},
    {"days must be between 1 and 366", Marked("Период — от 1 до 366 дней.")},
    {"the retention period must be at least 30 days", Marked("Срок хранения — не меньше 30 дней.")},
    {"per_page: must be between 1 and 200", Marked("Записей на странице — от 1 до 200.")},
    {"page size must be between 1 and 200 and the offset not negative",
     Marked("Записей на странице — от 1 до 200, смещение — не отрицательное.")},
    // The contact centre.
    {"this callback is not being dialed", Marked("Этот обратный звонок сейчас не набирается.")},
    {"this phone is not that operator's", Marked("Этот телефон не принадлежит этому оператору.")},
    {"the account must have the operator role",
     Marked("У учётной записи должна быть роль оператора.")},
    {"this operator already exists", Marked("Такой оператор уже есть.")},
    {"another operator answered this call", Marked("На этот звонок уже ответил другой оператор.")},
    {"no such call", Marked("Такого звонка нет.")},
    {"this forecast ({} Erlangs of load) would need more than {} operators on the phones to reach "
     "the target; check the figures",
     Marked("Для такого прогноза (нагрузка {} Эрл) нужно больше {} операторов на линии, чтобы "
            "достичь цели: проверьте цифры.")},
    // Generic checks of a form's numbers (the staffing planner); last, so that any rule above
    // with the same ending wins. The field itself is named before the detail.
    {"number: between {} and {} digits", Marked("Номер — от {} до {} цифр.")},
    {"{} is required", Marked("Заполните его.")},
    {"{} must be a date like 2026-11-23", Marked("Нужна дата в виде 2026-11-23.")},
    {"{} must be an amount like 10.50: digits, at most two after the point, no sign",
     Marked("Нужна сумма вида 10.50: цифры, не больше двух после точки, без знака.")},
    {"{} must be a number", Marked("Нужно число, например 240 или 0.8.")},
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
    std::string_view rest = T(russian);  // the Russian, or its translation
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
