#include "cli/serve_sms.hpp"

#include <stdexcept>

#include "channels/sms/delivery_token.hpp"
#include "channels/sms/kannel_sendsms.hpp"
#include "channels/sms/sms_routes.hpp"
#include "cli/secrets.hpp"

namespace lifeline::cli {

struct SmsChannel {
  std::unique_ptr<channels::sms::DeliveryTokens> tokens;
  std::unique_ptr<channels::sms::KannelSendsms> sendsms;
};

void SmsChannelDeleter::operator()(SmsChannel* sms) const { delete sms; }

SmsChannelHandle AddSmsChannel(const ServeOptions& options, server::Router& router,
                               app::ChannelConversations* conversations, channels::Outbox* outbox) {
  const bool outbound = !options.sendsms_url.empty();
  if (options.sms_inbound_token_file.empty()) {
    if (outbound || !options.sms_dlr_base_url.empty() ||
        !options.sendsms_credentials_file.empty()) {
      throw std::runtime_error(
          "--sendsms-url, --sendsms-credentials-file and --sms-dlr-base-url need "
          "--sms-inbound-token-file");
    }
    return nullptr;
  }
  if (conversations == nullptr || outbox == nullptr) {
    throw std::runtime_error("SMS needs the office role (--role all or office)");
  }
  if (outbound && options.sendsms_credentials_file.empty()) {
    throw std::runtime_error("--sendsms-url needs --sendsms-credentials-file (username:password)");
  }
  if (!options.sms_dlr_base_url.empty() && !outbound) {
    throw std::runtime_error("--sms-dlr-base-url needs --sendsms-url");
  }
  const std::string token = ReadSecret(options.sms_inbound_token_file, "SMS gateway token");
  if (token.size() < 16)
    throw std::runtime_error("the SMS gateway token must be at least 16 characters");
  SmsChannelHandle sms(new SmsChannel);
  sms->tokens = std::make_unique<channels::sms::DeliveryTokens>(token);
  if (outbound) {
    const std::string credentials =
        ReadSecret(options.sendsms_credentials_file, "sendsms credentials");
    const auto colon = credentials.find(':');
    if (colon == std::string::npos || colon == 0) {
      throw std::runtime_error("the sendsms credentials file must hold username:password");
    }
    channels::sms::SendsmsOptions sendsms{.url = options.sendsms_url,
                                          .username = credentials.substr(0, colon),
                                          .password = credentials.substr(colon + 1),
                                          .dlr_base_url = options.sms_dlr_base_url};
    sms->sendsms =
        std::make_unique<channels::sms::KannelSendsms>(std::move(sendsms), sms->tokens.get());
    outbox->Register(ContactChannel::kSms, *sms->sendsms, options.sms_per_second);
  }
  channels::sms::AddSmsRoutes(
      router, {.conversations = conversations,
               .inbound_token = token,
               .delivery_tokens = options.sms_dlr_base_url.empty() ? nullptr : sms->tokens.get(),
               .on_replies_due = [outbox] { outbox->Wake(); }});
  return sms;
}

}  // namespace lifeline::cli
