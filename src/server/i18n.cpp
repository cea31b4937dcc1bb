#include "server/i18n.hpp"

#include <array>

namespace lifeline::server {
namespace {

struct Entry {
  Text key;
  std::string_view ru, be, uk, en;
};

// One row per text: Russian, Belarusian, Ukrainian, English.
constexpr Entry kTexts[] = {
    {Text::kTitle, "Горячая линия: заявка", "Гарачая лінія: заяўка", "Гаряча лінія: заявка",
     "Hotline: application"},
    {Text::kIntro,
     "Заполните только то, что готовы сообщить. Все поля, кроме отмеченных, необязательны.",
     "Запоўніце толькі тое, што гатовыя паведаміць. Усе палі, акрамя пазначаных, неабавязковыя.",
     "Заповніть лише те, що готові повідомити. Усі поля, крім позначених, необов'язкові.",
     "Fill in only what you are ready to share. Every field is optional unless marked."},
    {Text::kSafetyNote,
     "Ваши данные шифруются сразу при получении. Мы не храним IP-адреса. Запомните номер "
     "квитанции: по нему вы узнаете ответ.",
     "Вашы дадзеныя шыфруюцца адразу пры атрыманні. Мы не захоўваем IP-адрасы. Запомніце нумар "
     "квітанцыі: па ім вы даведаецеся адказ.",
     "Ваші дані шифруються одразу після отримання. Ми не зберігаємо IP-адреси. Запам'ятайте номер "
     "квитанції: за ним ви дізнаєтеся відповідь.",
     "Your data is encrypted the moment it arrives. We keep no IP addresses. Remember your receipt "
     "number: it is how you read our answer."},
    {Text::kLanguageLabel, "Язык", "Мова", "Мова", "Language"},
    {Text::kSituationLabel, "Ваше положение (обязательно)", "Ваша становішча (абавязкова)",
     "Ваше становище (обов'язково)", "Your situation (required)"},
    {Text::kSituationServing, "Служу", "Служу", "Служу", "Serving"},
    {Text::kSituationExpecting, "Ожидаю мобилизации", "Чакаю мабілізацыі", "Очікую мобілізації",
     "Expecting mobilization"},
    {Text::kSituationTraining, "Мобилизован, на подготовке", "Мабілізаваны, на падрыхтоўцы",
     "Мобілізований, на підготовці", "Mobilized, in training"},
    {Text::kSituationFront, "На фронте", "На фронце", "На фронті", "At the front"},
    {Text::kSituationRelative, "Я родственник", "Я сваяк", "Я родич", "I am a relative"},
    {Text::kGroupLabel, "Сколько вас", "Колькі вас", "Скільки вас", "How many of you"},
    {Text::kGroupAlone, "Я один", "Я адзін", "Я сам", "Just me"},
    {Text::kGroupWithOthers, "Я с другими", "Я з іншымі", "Я з іншими", "Me and others"},
    {Text::kGroupUnit, "Подразделение", "Падраздзяленне", "Підрозділ", "A unit"},
    {Text::kGroupSizeLabel, "Число человек", "Колькасць людзей", "Кількість людей",
     "Number of people"},
    {Text::kDeployByLabel, "Когда отправка", "Калі адпраўка", "Коли відправка", "Deployment date"},
    {Text::kDeployByHint, "ГГГГ-ММ-ДД", "ГГГГ-ММ-ДД", "РРРР-ММ-ДД", "YYYY-MM-DD"},
    {Text::kChannelLabel, "Как с вами связаться (обязательно)", "Як з вамі звязацца (абавязкова)",
     "Як з вами зв'язатися (обов'язково)", "How to reach you (required)"},
    {Text::kChannelPhone, "Звонок", "Званок", "Дзвінок", "Phone call"},
    {Text::kChannelSms, "SMS", "SMS", "SMS", "SMS"},
    {Text::kChannelTelegram, "Telegram", "Telegram", "Telegram", "Telegram"},
    {Text::kChannelSignal, "Signal", "Signal", "Signal", "Signal"},
    {Text::kChannelNone, "Не связываться, я проверю ответ сам", "Не звязвацца, я праверу адказ сам",
     "Не зв'язуватися, я перевірю відповідь сам", "Do not contact me; I will check for an answer"},
    {Text::kHandleLabel, "Номер или имя пользователя", "Нумар або імя карыстальніка",
     "Номер або ім'я користувача", "Number or user name"},
    {Text::kHandleNeeded, "нужно, если выбран способ связи, кроме «Не связываться»",
     "патрэбна, калі абраны спосаб сувязі, акрамя «Не звязвацца»",
     "потрібно, якщо обрано спосіб зв'язку, крім «Не зв'язуватися»",
     "needed unless you chose not to be contacted"},
    {Text::kHandleFix,
     "Напишите номер телефона или имя пользователя для выбранного способа связи или выберите «Не "
     "связываться».",
     "Напішыце нумар тэлефона або імя карыстальніка для абранага спосабу сувязі або абярыце «Не "
     "звязвацца».",
     "Напишіть номер телефону або ім'я користувача для обраного способу зв'язку або оберіть «Не "
     "зв'язуватися».",
     "Write the phone number or user name for the way you chose, or choose not to be contacted."},
    {Text::kWindowsLabel, "Когда связываться безопасно", "Калі звязвацца бяспечна",
     "Коли безпечно зв'язуватися", "When it is safe to contact you"},
    {Text::kTimeZoneLabel, "Часовой пояс этого времени", "Часавы пояс гэтага часу",
     "Часовий пояс цього часу", "Time zone of those times"},
    {Text::kWindowsHint, "например: будни 19-21; сб 10:00-12:00",
     "напрыклад: будні 19-21; сб 10:00-12:00", "наприклад: будні 19-21; сб 10:00-12:00",
     "e.g. weekdays 7-9pm; sat 10:00-12:00"},
    {Text::kWindowsFix,
     "Напишите дни и время, например «пн-пт 19-21», «выходные 10:00-12:00» или «19-21» (каждый "
     "день). Несколько окон разделяйте «;»: до 8 окон, каждое до 40 знаков.",
     "Напішыце дні і час, напрыклад «пн-пт 19-21», «выхадныя 10:00-12:00» або «19-21» (кожны "
     "дзень). Некалькі вокнаў раздзяляйце «;»: да 8 вокнаў, кожнае да 40 знакаў.",
     "Напишіть дні й час, наприклад «пн-пт 19-21», «вихідні 10:00-12:00» або «19-21» (щодня). "
     "Кілька вікон розділяйте «;»: до 8 вікон, кожне до 40 знаків.",
     "Write days and a time, e.g. \"mon-fri 19-21\", \"weekends 10:00-12:00\" or \"19-21\" "
     "(every day). Separate windows with \";\": up to 8, each up to 40 characters."},
    {Text::kWindowsReadAs, "Мы поняли безопасное время так", "Мы зразумелі бяспечны час так",
     "Ми зрозуміли безпечний час так", "We read your safe times as"},
    {Text::kWindowsYourTime, "по вашему времени", "па вашым часе", "за вашим часом", "your time"},
    {Text::kWindowsConfirm,
     "Если так и есть, нажмите «Отправить заявку» ещё раз; если нет, исправьте.",
     "Калі так і ёсць, націсніце «Адправіць заяўку» яшчэ раз; калі не, выпраўце.",
     "Якщо так і є, натисніть «Надіслати заявку» ще раз; якщо ні, виправте.",
     "If that is right, press Send application again; if not, correct it."},
    {Text::kNameLabel, "Имя", "Імя", "Ім'я", "Name"},
    {Text::kUnitLabel, "Часть", "Частка", "Частина", "Unit"},
    {Text::kRankLabel, "Звание", "Званне", "Звання", "Rank"},
    {Text::kLocationLabel, "Где вы сейчас", "Дзе вы цяпер", "Де ви зараз", "Where you are now"},
    {Text::kMessageLabel, "Сообщение", "Паведамленне", "Повідомлення", "Message"},
    {Text::kOptional, "необязательно", "неабавязкова", "необов'язково", "optional"},
    {Text::kSubmit, "Отправить заявку", "Адправіць заяўку", "Надіслати заявку", "Send application"},
    {Text::kReceiptTitle, "Заявка принята", "Заяўка прынята", "Заявку прийнято",
     "Application received"},
    {Text::kReceiptIntro, "Ваш номер квитанции:", "Ваш нумар квітанцыі:", "Ваш номер квитанції:",
     "Your receipt number:"},
    {Text::kReceiptKeep,
     "Запомните его или запишите как обычный номер телефона. Без него ответ прочитать нельзя: мы "
     "не можем его восстановить.",
     "Запомніце яго ці запішыце як звычайны нумар тэлефона. Без яго адказ прачытаць нельга: мы не "
     "можам яго аднавіць.",
     "Запам'ятайте його або запишіть як звичайний номер телефону. Без нього відповідь прочитати не "
     "можна: ми не можемо його відновити.",
     "Memorise it, or note it down like an ordinary phone number. Without it no answer can be "
     "read: we cannot recover it."},
    {Text::kLeaveNoTrace,
     "Чтобы не оставить следов: не сохраняйте эту страницу и не делайте снимок экрана, затем "
     "закройте вкладку и браузер. Tor Browser историю не хранит; в обычном браузере удалите "
     "историю и данные этого сайта. Адрес страницы всё время один и тот же, по нему не видно, что "
     "вы делали.",
     "Каб не пакінуць слядоў: не захоўвайце гэтую старонку і не рабіце здымак экрана, потым "
     "зачыніце ўкладку і браўзер. Tor Browser гісторыю не захоўвае; у звычайным браўзеры "
     "выдаліце гісторыю і даныя гэтага сайта. Адрас старонкі ўвесь час адзін і той жа, па ім не "
     "відаць, што вы рабілі.",
     "Щоб не залишити слідів: не зберігайте цю сторінку й не робіть знімок екрана, потім закрийте "
     "вкладку та браузер. Tor Browser історії не зберігає; у звичайному браузері видаліть історію "
     "та дані цього сайту. Адреса сторінки весь час та сама, з неї не видно, що ви робили.",
     "To leave no trace: do not save this page or take a screenshot, then close the tab and the "
     "browser. Tor Browser keeps no history; in an ordinary browser, delete this site's history "
     "and data. The page's address stays the same throughout: it does not show what you did."},
    {Text::kDuressLabel,
     "Дайте мне вторую квитанцию — на случай, если меня заставят показать статус",
     "Дайце мне другую квітанцыю — на выпадак, калі мяне прымусяць паказаць статус",
     "Дайте мені другу квитанцію — на випадок, якщо мене змусять показати статус",
     "Give me a second receipt, in case someone forces me to show my status"},
    {Text::kDuressHint,
     "Если её ввести, откроется обычная страница «заявка получена», без переписки, а мы тихо "
     "узнаем, что вам угрожают. Настоящую квитанцию никому не показывайте.",
     "Калі яе ўвесці, адкрыецца звычайная старонка «заяўка атрымана», без перапіскі, а мы ціха "
     "даведаемся, што вам пагражаюць. Сапраўдную квітанцыю нікому не паказвайце.",
     "Якщо її ввести, відкриється звичайна сторінка «заявку отримано», без листування, а ми тихо "
     "дізнаємося, що вам загрожують. Справжню квитанцію нікому не показуйте.",
     "Entered, it opens an ordinary \"application received\" page with no messages, and quietly "
     "tells us you are in danger. Show your real receipt to nobody."},
    {Text::kDuressReceiptIntro,
     "Вторая квитанция — на случай принуждения. Если вас заставят показать статус, введите её: "
     "откроется безобидная страница, а мы узнаем об опасности.",
     "Другая квітанцыя — на выпадак прымусу. Калі вас прымусяць паказаць статус, увядзіце яе: "
     "адкрыецца бяскрыўдная старонка, а мы даведаемся пра небяспеку.",
     "Друга квитанція — на випадок примусу. Якщо вас змусять показати статус, введіть її: "
     "відкриється безневинна сторінка, а ми дізнаємося про небезпеку.",
     "Your second receipt is for use under duress. If you are forced to show your status, enter "
     "it: a harmless page opens, and we learn that you are in danger."},
    {Text::kProofLabel,
     "Дайте мне подтверждение подачи заявки — подписанную запись о дате, когда вы её получили",
     "Дайце мне пацвярджэнне падачы заяўкі — падпісаны запіс пра дату, калі вы яе атрымалі",
     "Дайте мені підтвердження подання заявки — підписаний запис про дату, коли ви її отримали",
     "Give me a proof of application: a signed record of the date you received it"},
    {Text::kProofHint,
     "Его можно показать, например, органу, который рассматривает просьбу об убежище; для "
     "проверки нужна и квитанция, а по ней видна и страница статуса. Подтверждение выдаёт, что "
     "вы обращались к нам: в России не храните его ни в телефоне, ни в почте, ни в облаке. Его "
     "можно получить позже, уже за границей, на странице статуса по квитанции.",
     "Яго можна паказаць, напрыклад, органу, які разглядае просьбу аб прытулку; для праверкі "
     "патрэбна і квітанцыя, а па ёй відаць і старонка статусу. Пацвярджэнне выдае, што вы "
     "звярталіся да нас: у Расіі не захоўвайце яго ні ў тэлефоне, ні ў пошце, ні ў воблаку. Яго "
     "можна атрымаць пазней, ужо за мяжой, на старонцы статусу па квітанцыі.",
     "Його можна показати, наприклад, органу, який розглядає прохання про притулок; для "
     "перевірки потрібна й квитанція, а за нею видно й сторінку статусу. Підтвердження видає, що "
     "ви зверталися до нас: у Росії не зберігайте його ні в телефоні, ні в пошті, ні в хмарі. "
     "Його можна отримати пізніше, вже за кордоном, на сторінці статусу за квитанцією.",
     "You can show it, for example, to an asylum authority; checking it needs your receipt too, "
     "and the receipt also opens your status page. The proof shows that you contacted us: inside "
     "Russia, do not keep it on your phone, in email or in a cloud account. You can get it later, "
     "once abroad, on the status page with your receipt."},
    {Text::kProofIntro,
     "Ваше подтверждение подачи заявки. Сохраните этот текст файлом в надёжном месте за "
     "пределами России, не в этом телефоне. Проверить его может тот, у кого есть и этот текст, "
     "и ваша квитанция.",
     "Ваша пацвярджэнне падачы заяўкі. Захавайце гэты тэкст файлам у надзейным месцы за межамі "
     "Расіі, не ў гэтым тэлефоне. Праверыць яго можа той, у каго ёсць і гэты тэкст, і ваша "
     "квітанцыя.",
     "Ваше підтвердження подання заявки. Збережіть цей текст файлом у надійному місці за межами "
     "Росії, не в цьому телефоні. Перевірити його може той, у кого є і цей текст, і ваша "
     "квитанція.",
     "Your proof of application. Keep this text as a file somewhere safe outside Russia, not on "
     "this phone. Anyone holding both this text and your receipt can check it."},
    {Text::kProofLater,
     "Подтверждение сейчас выдать не удалось. Запросите его позже на странице статуса по "
     "квитанции.",
     "Пацвярджэнне зараз выдаць не атрымалася. Запытайце яго пазней на старонцы статусу па "
     "квітанцыі.",
     "Підтвердження зараз видати не вдалося. Запросіть його пізніше на сторінці статусу за "
     "квитанцією.",
     "The proof could not be issued just now. Ask for it later on the status page with your "
     "receipt."},
    {Text::kProofButton, "Получить подтверждение подачи заявки",
     "Атрымаць пацвярджэнне падачы заяўкі", "Отримати підтвердження подання заявки",
     "Get my proof of application"},
    {Text::kStatusTitle, "Статус заявки", "Статус заяўкі", "Статус заявки", "Application status"},
    {Text::kStatusIntro, "Введите номер квитанции.", "Увядзіце нумар квітанцыі.",
     "Введіть номер квитанції.", "Enter your receipt number."},
    {Text::kReceiptLabel, "Номер квитанции", "Нумар квітанцыі", "Номер квитанції",
     "Receipt number"},
    {Text::kStatusSubmit, "Проверить", "Праверыць", "Перевірити", "Check"},
    {Text::kStatusUnknown, "Заявка с таким номером не найдена. Проверьте цифры.",
     "Заяўка з такім нумарам не знойдзена. Праверце лічбы.",
     "Заявку з таким номером не знайдено. Перевірте цифри.",
     "No application has that receipt number. Check the digits."},
    {Text::kStatusReceivedOn, "Получена", "Атрымана", "Отримано", "Received"},
    {Text::kStatusState, "Состояние", "Стан", "Стан", "State"},
    {Text::kStatusNew, "получена, ждёт оператора", "атрымана, чакае аператара",
     "отримано, чекає оператора", "received, waiting for an operator"},
    {Text::kStatusInProgress, "в работе у оператора", "у рабоце ў аператара",
     "в роботі в оператора", "an operator is working on it"},
    {Text::kStatusClosed, "закрыта", "закрыта", "закрито", "closed"},
    {Text::kMessagesTitle, "Переписка", "Перапіска", "Листування", "Messages"},
    {Text::kNoMessages, "Сообщений пока нет.", "Паведамленняў пакуль няма.",
     "Повідомлень поки немає.", "No messages yet."},
    {Text::kFromYou, "вы", "вы", "ви", "you"},
    {Text::kFromOperator, "оператор", "аператар", "оператор", "operator"},
    {Text::kWriteLabel, "Написать оператору", "Напісаць аператару", "Написати оператору",
     "Write to the operator"},
    {Text::kWriteHint, "Прочтёт только оператор. Не пишите того, что опасно, если телефон отберут.",
     "Прачытае толькі аператар. Не пішыце таго, што небяспечна, калі тэлефон забяруць.",
     "Прочитає лише оператор. Не пишіть того, що небезпечно, якщо телефон заберуть.",
     "Only the operator reads it. Write nothing that would be dangerous if your phone were taken."},
    {Text::kSend, "Отправить", "Адправіць", "Надіслати", "Send"},
    {Text::kSent, "Сообщение отправлено.", "Паведамленне адпраўлена.", "Повідомлення надіслано.",
     "Your message was sent."},
    {Text::kTooManyMessages, "Сегодня вы отправили много сообщений. Напишите завтра.",
     "Сёння вы адправілі шмат паведамленняў. Напішыце заўтра.",
     "Сьогодні ви надіслали багато повідомлень. Напишіть завтра.",
     "You have sent many messages today. Please write again tomorrow."},
    {Text::kMessageInvalid, "Сообщение должно быть от 1 до 2000 знаков.",
     "Паведамленне павінна быць ад 1 да 2000 знакаў.",
     "Повідомлення має бути від 1 до 2000 знаків.", "A message must be 1 to 2000 characters long."},
    {Text::kCheckStatusLink, "Узнать статус заявки", "Даведацца статус заяўкі",
     "Дізнатися статус заявки", "Check an application's status"},
    {Text::kNewApplicationLink, "Новая заявка", "Новая заяўка", "Нова заявка", "New application"},
    {Text::kLegalInformationLink, "Наказания и право на убежище: правовая информация",
     "Пакаранні і права на прытулак: прававая інфармацыя",
     "Покарання і право на притулок: правова інформація",
     "Penalties and the right to asylum: legal information"},
    {Text::kErrorTitle, "Проверьте поле", "Праверце поле", "Перевірте поле",
     "Please check the field"},
    {Text::kErrorFix, "Исправьте и отправьте снова.", "Выпраўце і адпраўце зноў.",
     "Виправте й надішліть знову.", "Correct it and send again."},
    // What to do when a field is refused, in the page's language (the validation rules'
    // own detail is English and is never shown on these pages).
    {Text::kChoiceFix, "Выберите один из предложенных вариантов.",
     "Абярыце адзін з прапанаваных варыянтаў.", "Оберіть один із запропонованих варіантів.",
     "Choose one of the options offered."},
    // {} and {} are the largest group with others and the largest unit (ApplicationLimits).
    {Text::kGroupSizeFix,
     "Укажите, сколько вас всего, считая вас: с другими — от 2 до {}, подразделение — от 2 до {}.",
     "Пакажыце, колькі вас усяго, лічачы вас: з іншымі — ад 2 да {}, падраздзяленне — ад 2 да {}.",
     "Вкажіть, скільки вас усього, рахуючи вас: з іншими — від 2 до {}, підрозділ — від 2 до {}.",
     "Say how many you are in all, counting yourself: with others 2 to {}, a unit 2 to {}."},
    {Text::kDeployByFix,
     "Укажите дату не раньше вчерашней и не позже чем через год или оставьте поле пустым.",
     "Пакажыце дату не раней за ўчорашнюю і не пазней чым праз год або пакіньце поле пустым.",
     "Вкажіть дату не раніше за вчорашню й не пізніше ніж за рік або залиште поле порожнім.",
     "Give a date from yesterday to a year from now, or leave the field empty."},
    {Text::kTextFix,
     "Текст слишком длинный или содержит служебные символы: сократите его и наберите заново.",
     "Тэкст занадта доўгі або змяшчае службовыя сімвалы: скараціце яго і набярыце нанова.",
     "Текст задовгий або містить службові символи: скоротіть його й наберіть заново.",
     "The text is too long or holds control characters: shorten it and type it again."},
    {Text::kBusy, "Линия перегружена. Отправьте ещё раз через минуту.",
     "Лінія перагружана. Адпраўце яшчэ раз праз хвіліну.",
     "Лінія перевантажена. Надішліть ще раз за хвилину.",
     "The line is very busy. Please send again in a minute."},
    // {} is the message limit in characters (ApplicationLimits::kMessage).
    {Text::kMessageTooLong,
     "Сообщение слишком длинное: не больше {} знаков. Мы оставили его начало — сократите и "
     "отправьте снова.",
     "Паведамленне занадта доўгае: не больш за {} знакаў. Мы пакінулі яго пачатак — скараціце і "
     "адпраўце зноў.",
     "Повідомлення задовге: не більше {} знаків. Ми залишили його початок — скоротіть і надішліть "
     "знову.",
     "The message is too long: at most {} characters. We kept its beginning; shorten it and send "
     "again."},
};

static_assert(std::size(kTexts) == static_cast<std::size_t>(Text::kCount_),
              "every Text needs a row");

}  // namespace

std::string_view Tr(Language language, Text text) {
  const Entry* found = &kTexts[0];
  for (const Entry& e : kTexts) {
    if (e.key == text) found = &e;
  }
  const Entry& e = *found;
  switch (language) {
    case Language::kRu:
      return e.ru;
    case Language::kBe:
      return e.be;
    case Language::kUk:
      return e.uk;
    case Language::kEn:
      return e.en;
  }
  return e.ru;
}

Language LanguageOr(std::string_view code) { return ParseLanguage(code).value_or(Language::kRu); }

}  // namespace lifeline::server
