#include "domain/abroad/pathway.hpp"

#include <array>

#include "domain/marked.hpp"
#include "domain/name_table.hpp"

namespace lifeline::abroad {
namespace {

constexpr NameTable<PathwayKind, 4> kKinds = {{
    {PathwayKind::kAsylum, "asylum"},
    {PathwayKind::kHumanitarianVisa, "humanitarian_visa"},
    {PathwayKind::kWorkVisa, "work_visa"},
    {PathwayKind::kTravelDocument, "travel_document"},
}};

constexpr NameTable<StepStatus, 4> kStatuses = {{
    {StepStatus::kMissing, "missing"},
    {StepStatus::kInProgress, "in_progress"},
    {StepStatus::kDone, "done"},
    {StepStatus::kNotNeeded, "not_needed"},
}};

constexpr std::array<PathwayStep, 9> kAsylum = {{
    {"identity_document", "Identity document (internal or international passport)",
     Marked("Документ, удостоверяющий личность (внутренний или заграничный паспорт)"), true},
    {"military_papers", "Call-up papers, military ID or service contract",
     Marked("Повестка, военный билет или контракт"), true},
    {"evidence_of_prosecution", "Evidence of the criminal case or wanted status at home",
     Marked("Доказательства уголовного дела или розыска на родине"), true},
    {"personal_statement", "Written account of refusal to serve and the risk on return",
     Marked("Письменный рассказ об отказе служить и об опасности по возвращении"), true},
    {"translations", "Certified translations of the documents",
     Marked("Заверенные переводы документов"), true},
    {"lawyer", "A lawyer or legal aid organisation engaged",
     Marked("Есть адвокат или организация юридической помощи"), false},
    {"application_filed", "Asylum application filed with the migration authority",
     Marked("Заявление об убежище подано в миграционную службу"), false},
    {"interview_prepared", "Interview prepared with the lawyer",
     Marked("Собеседование подготовлено с адвокатом"), false},
    {"appeal_plan", "Appeal plan in case of refusal (deadline known)",
     Marked("План обжалования на случай отказа (срок известен)"), false},
}};

constexpr std::array<PathwayStep, 8> kHumanitarianVisa = {{
    {"passport_valid", "International passport valid for the visa's length",
     Marked("Загранпаспорт действует на весь срок визы"), true},
    {"evidence_of_risk", "Evidence of individual risk (criminal case, wanted status, call-up)",
     Marked("Доказательства личной опасности (уголовное дело, розыск, повестка)"), true},
    {"personal_statement", "Personal statement in the embassy's language",
     Marked("Личное заявление на языке посольства"), true},
    {"support_letter", "Support letter from an organisation",
     Marked("Письмо поддержки от организации"), true},
    {"photos", "Biometric photographs", Marked("Биометрические фотографии"), true},
    {"appointment", "Embassy appointment booked", Marked("Запись в посольство получена"), false},
    {"application_submitted", "Application submitted at the embassy",
     Marked("Заявление подано в посольство"), false},
    {"decision", "Decision received", Marked("Решение получено"), false},
}};

constexpr std::array<PathwayStep, 8> kWorkVisa = {{
    {"job_offer", "Written job offer from an employer",
     Marked("Письменное предложение работы от работодателя"), true},
    {"employer_sponsorship", "Employer's sponsorship or work permit approval",
     Marked("Поручительство работодателя или разрешение на работу"), true},
    {"passport_valid", "International passport valid for the visa's length",
     Marked("Загранпаспорт действует на весь срок визы"), true},
    {"qualifications", "Diplomas and qualifications, recognised or translated",
     Marked("Дипломы и квалификация: признаны или переведены"), true},
    {"criminal_record_certificate",
     "Criminal record certificate, or a statement why it cannot be had",
     Marked("Справка о несудимости или объяснение, почему её не получить"), true},
    {"appointment", "Consulate appointment booked", Marked("Запись в консульство получена"), false},
    {"application_submitted", "Visa application submitted", Marked("Заявление на визу подано"),
     false},
    {"decision", "Decision received", Marked("Решение получено"), false},
}};

constexpr std::array<PathwayStep, 6> kTravelDocument = {{
    {"identity_proof", "Any proof of identity (internal passport, birth certificate, copies)",
     Marked("Любое подтверждение личности (внутренний паспорт, свидетельство о рождении, копии)"),
     true},
    {"photos", "Photographs to the issuer's rules",
     Marked("Фотографии по правилам выдающего органа"), true},
    {"eligibility", "Eligibility checked (refugee, stateless or humanitarian travel document)",
     Marked("Право проверено (проездной документ беженца, апатрида или гуманитарный)"), false},
    {"application_submitted", "Application submitted to the issuing authority",
     Marked("Заявление подано в выдающий орган"), false},
    {"fee_paid", "Fee paid or waived", Marked("Пошлина оплачена или отменена"), false},
    {"document_issued", "Document issued and its expiry recorded",
     Marked("Документ выдан, срок действия записан"), false},
}};

}  // namespace

std::string_view ToString(PathwayKind kind) { return NameOf(kKinds, kind); }
std::optional<PathwayKind> ParsePathwayKind(std::string_view text) { return ValueOf(kKinds, text); }
bool NeedsTargetCountry(PathwayKind kind) {
  return kind == PathwayKind::kHumanitarianVisa || kind == PathwayKind::kWorkVisa;
}

std::span<const PathwayStep> PathwaySteps(PathwayKind kind) {
  switch (kind) {
    case PathwayKind::kAsylum:
      return kAsylum;
    case PathwayKind::kHumanitarianVisa:
      return kHumanitarianVisa;
    case PathwayKind::kWorkVisa:
      return kWorkVisa;
    case PathwayKind::kTravelDocument:
      return kTravelDocument;
  }
  return {};
}

std::string_view ToString(StepStatus status) { return NameOf(kStatuses, status); }
std::optional<StepStatus> ParseStepStatus(std::string_view text) {
  return ValueOf(kStatuses, text);
}

std::vector<std::string_view> OpenSteps(PathwayKind kind, std::span<const StepStatus> statuses) {
  std::vector<std::string_view> open;
  const auto steps = PathwaySteps(kind);
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const StepStatus s = i < statuses.size() ? statuses[i] : StepStatus::kMissing;
    if (s == StepStatus::kMissing || s == StepStatus::kInProgress) open.push_back(steps[i].code);
  }
  return open;
}

}  // namespace lifeline::abroad
