#include "domain/abroad/legal_info.hpp"

#include <array>

namespace lifeline::abroad {
namespace {

constexpr std::array<LegalFact, 4> kAsylumFacts = {{
    {"Директива ЕС о квалификации признаёт преследованием уголовное преследование или наказание за "
     "отказ от военной службы в конфликте, где служба включала бы военные преступления или иные "
     "деяния, "
     "исключающие защиту.",
     "The EU Qualification Directive counts prosecution or punishment for refusing military "
     "service in a "
     "conflict, where that service would include war crimes or other excludable acts, as "
     "persecution.",
     "Directive 2011/95/EU, Art. 9(2)(e)", "https://eur-lex.europa.eu/eli/dir/2011/95/oj",
     "Директива ЄС про кваліфікацію визнає переслідуванням кримінальне переслідування або "
     "покарання за відмову від військової служби в конфлікті, де служба включала б воєнні "
     "злочини чи інші діяння, що виключають захист.",
     "Дырэктыва ЕС аб кваліфікацыі прызнае пераследам крымінальны пераслед або пакаранне за "
     "адмову ад вайсковай службы ў канфлікце, дзе служба ўключала б ваенныя злачынствы ці іншыя "
     "дзеянні, што выключаюць абарону."},
    {"Руководящие принципы УВКБ ООН № 10 рассматривают дезертирство и уклонение от призыва "
     "одинаково: "
     "и то и другое может давать право на статус беженца.",
     "UNHCR's Guidelines No. 10 treat desertion and draft evasion alike: either may found a claim "
     "to "
     "refugee status.",
     "UNHCR, Guidelines on International Protection No. 10 (2013)",
     "https://www.refworld.org/docid/529ee33b4.html",
     "Керівні принципи УВКБ ООН № 10 розглядають дезертирство й ухилення від призову однаково: "
     "і те, і інше може давати право на статус біженця.",
     "Кіруючыя прынцыпы УВКБ ААН № 10 разглядаюць дэзерцірства і ўхіленне ад прызыву "
     "аднолькава: і тое, і другое можа даваць права на статус бежанца."},
    {"Суд ЕС (дело Шеферда): защита распространяется на всех военнослужащих, включая тыловое "
     "обеспечение; "
     "нужно показать, что участие в военных преступлениях достаточно вероятно, и что иного способа "
     "отказаться не было.",
     "The Court of Justice of the EU (Shepherd): the protection covers all military personnel, "
     "support "
     "staff included; it must be sufficiently likely that the service would involve war crimes, "
     "and "
     "refusal must have been the only way to avoid it.",
     "CJEU, Shepherd, C-472/13 (2015)", "https://curia.europa.eu/juris/liste.jsf?num=C-472/13",
     "Суд ЄС (справа Шеферда): захист поширюється на всіх військовослужбовців, зокрема на тилове "
     "забезпечення; треба показати, що участь у воєнних злочинах достатньо ймовірна і що іншого "
     "способу відмовитися не було.",
     "Суд ЕС (справа Шэферда): абарона распаўсюджваецца на ўсіх вайскоўцаў, у тым ліку на "
     "тылавое забеспячэнне; трэба паказаць, што ўдзел у ваенных злачынствах дастаткова "
     "верагодны і што іншага спосабу адмовіцца не было."},
    {"Суд ЕС (дело EZ): если закон страны не даёт права отказаться от службы, есть сильная "
     "презумпция, "
     "что наказание за отказ связано с основанием для защиты (например, политическими взглядами); "
     "формально заявлять об отказе не требуется, если такой процедуры нет.",
     "The Court of Justice of the EU (EZ): where the law of the country gives no right to refuse "
     "service, "
     "there is a strong presumption that punishment for refusing is linked to a ground for "
     "protection "
     "(such as political opinion); no formal refusal is needed where no procedure exists.",
     "CJEU, EZ, C-238/19 (2020)", "https://curia.europa.eu/juris/liste.jsf?num=C-238/19",
     "Суд ЄС (справа EZ): якщо закон країни не дає права відмовитися від служби, існує сильна "
     "презумпція, що покарання за відмову пов'язане з підставою для захисту (наприклад, "
     "політичними поглядами); формально заявляти про відмову не потрібно, якщо такої процедури "
     "немає.",
     "Суд ЕС (справа EZ): калі закон краіны не дае права адмовіцца ад службы, існуе моцная "
     "прэзумпцыя, што пакаранне за адмову звязана з падставай для абароны (напрыклад, "
     "палітычнымі поглядамі); фармальна заяўляць пра адмову не патрабуецца, калі такой "
     "працэдуры няма."},
}};

}  // namespace

std::span<const LegalFact> AsylumFacts() { return kAsylumFacts; }
std::string_view LegalInfoCheckedOn() { return "2026-11-23"; }

}  // namespace lifeline::abroad
