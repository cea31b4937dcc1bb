#include "server/page.hpp"

#include <fmt/format.h>

namespace lifeline::server {

std::string HtmlPage(std::string_view lang_code, std::string_view title,
                     std::string_view body_html) {
  return fmt::format(
      "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<meta name=\"referrer\" content=\"no-referrer\">"
      "<title>{}</title><link rel=\"stylesheet\" href=\"/static/style.css\"></head>"
      "<body><main>{}</main></body></html>\n",
      HtmlEscape(lang_code), HtmlEscape(title), body_html);
}

Response HtmlResponse(int status, std::string html) {
  return {status, "text/html; charset=utf-8", std::move(html), {}};
}

std::string_view StyleSheet() {
  return R"css(body{font-family:system-ui,sans-serif;margin:0;background:#f6f6f4;color:#1d1d1b}
main{max-width:46rem;margin:0 auto;padding:1rem 1.25rem 3rem}
h1{font-size:1.5rem}label{display:block;margin-top:1rem;font-weight:600}
input,select,textarea{width:100%;box-sizing:border-box;padding:.5rem;font-size:1rem;margin-top:.25rem}
textarea{min-height:7rem}.default-submit{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}button{margin-top:1.25rem;padding:.6rem 1.2rem;font-size:1rem}
.hint{color:#555;font-weight:400;font-size:.9rem}.error{background:#fde8e8;border:1px solid #c33;padding:.75rem}
.receipt{font-size:1.6rem;font-family:monospace;background:#fff;padding:.75rem;border:1px solid #999}
.proof{font-size:.85rem;white-space:pre-wrap;overflow-wrap:anywhere;background:#fff;padding:.75rem;border:1px solid #999}
nav a,nav button.link{margin-right:.75rem}form.go{display:inline}
button.link{background:none;border:0;padding:0;margin:0;font:inherit;color:#0645ad;text-decoration:underline;cursor:pointer}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ccc;padding:.35rem;text-align:left}.inline{display:inline}
.inline button{margin:0}dl dt{font-weight:600;margin-top:.5rem}.message{white-space:pre-wrap}
.charts figure{margin:1rem 0}.charts figcaption{font-weight:600}.chart{position:relative;height:14rem}
.shortcuts{position:fixed;top:1rem;right:1rem;background:#fff;border:1px solid #999;padding:.5rem 1rem;
max-width:20rem;box-shadow:0 2px 8px rgba(0,0,0,.2)}.shortcuts dt{display:inline-block;min-width:1.5rem}
.shortcuts dd{display:inline;margin:0}.shortcuts dd::after{content:"";display:block}
kbd{border:1px solid #999;border-radius:3px;padding:0 .3rem;font-family:monospace;background:#fff}
.capture-card{background:#fff;border:1px solid #000;padding:.5rem;max-width:15cm}
.capture-card h1{font-size:1rem}.capture-card td,.capture-card th{border:1px solid #000;padding:1px 4px;font-size:9pt}
.report table{width:100%;border-collapse:collapse}.report th,.report td{border-bottom:1px solid #ccc;padding:2px 6px;text-align:left}
@media print{@page{margin:1.5cm}@page capture{size:15cm 10.5cm;margin:.4cm}body{background:#fff}main{padding:0}
nav,form,.no-print{display:none}.capture-card{border:0;padding:0;page:capture}.report meter{display:none}})css";
}

}  // namespace lifeline::server
