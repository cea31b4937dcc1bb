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
     "Directive 2011/95/EU, Art. 9(2)(e)", "https://eur-lex.europa.eu/eli/dir/2011/95/oj"},
    {"Руководящие принципы УВКБ ООН № 10 рассматривают дезертирство и уклонение от призыва "
     "одинаково: "
     "и то и другое может давать право на статус беженца.",
     "UNHCR's Guidelines No. 10 treat desertion and draft evasion alike: either may found a claim "
     "to "
     "refugee status.",
     "UNHCR, Guidelines on International Protection No. 10 (2013)",
     "https://www.refworld.org/docid/529ee33b4.html"},
    {"Суд ЕС (дело Шеферда): защита распространяется на всех военнослужащих, включая тыловое "
     "обеспечение; "
     "нужно показать, что участие в военных преступлениях достаточно вероятно, и что иного способа "
     "отказаться не было.",
     "The Court of Justice of the EU (Shepherd): the protection covers all military personnel, "
     "support "
     "staff included; it must be sufficiently likely that the service would involve war crimes, "
     "and "
     "refusal must have been the only way to avoid it.",
     "CJEU, Shepherd, C-472/13 (2015)", "https://curia.europa.eu/juris/liste.jsf?num=C-472/13"},
    {"Суд ЕС (дело EZ): если закон страны не даёт права отказаться от службы, есть сильная "
     "презумпция, "
     "что наказание за отказ связано с основанием для защиты (например, политическими взглядами); "
     "формально заявлять об отказе не требуется, если такой процедуры нет.",
     "The Court of Justice of the EU (EZ): where the law of the country gives no right to refuse "
     "service, "
     "there is a strong presumption that punishment for refusing is linked to a ground for "
     "protection "
     "(such as political opinion); no formal refusal is needed where no procedure exists.",
     "CJEU, EZ, C-238/19 (2020)", "https://curia.europa.eu/juris/liste.jsf?num=C-238/19"},
}};

}  // namespace

std::span<const LegalFact> AsylumFacts() { return kAsylumFacts; }
std::string_view LegalInfoCheckedOn() { return "2026-11-23"; }

}  // namespace lifeline::abroad
