// lifeline console: single-key shortcuts for an operator on a call. Every page works without
// this script; it only moves focus or follows a link the page already has. Keys are ignored
// while typing in a field (Escape leaves the field) and with Ctrl, Alt or Meta held.
(() => {
  "use strict";

  // The page's words in its language: the console writes its scripts' texts, translated, into
  // the JSON block #console-texts (server/console_common.cpp, kScriptTexts); the key is the
  // Russian, which stands when a text is missing.
  const TEXTS = JSON.parse(document.getElementById("console-texts")?.textContent || "{}");
  const t = (russian) => TEXTS[russian] || russian;

  const SHORTCUTS = [
    ["t", t("Сегодня: задачи и скорые отправки"), () => go("/console/today")],
    ["l", t("Список заявок"), () => go("/console/")],
    ["f", t("Поиск"), () => focusOr("#q", "/console/search")],
    ["/", t("Поиск"), () => focusOr("#q", "/console/search")],
    ["j", t("Следующая заявка в списке"), () => step(1)],
    ["k", t("Предыдущая заявка в списке"), () => step(-1)],
    ["s", t("Изменить статус"), () => focus("#to")],
    ["r", t("Написать ответ"), () => focus("#text")],
    ["n", t("Новая задача"), () => focus("#kind")],
    ["g", t("Группа заявки"), () => follow("#group a")],
    ["m", t("Добавить участника группы"), () => focus("#member-name")],
    ["?", t("Показать или скрыть эту подсказку"), () => toggleHelp()],
  ];

  function go(path) {
    window.location.assign(path);
  }

  function focus(selector) {
    const element = document.querySelector(selector);
    if (!element) return false;
    element.focus();
    if (element.scrollIntoView) element.scrollIntoView({ block: "center" });
    return true;
  }

  function focusOr(selector, path) {
    if (!focus(selector)) go(path);
  }

  function follow(selector) {
    const link = document.querySelector(selector);
    if (link) go(link.getAttribute("href"));
  }

  // Moves focus along the links to cases in the page's tables (the case list, search results,
  // the work queue); Enter then opens the focused case.
  function step(direction) {
    const links = Array.from(document.querySelectorAll("main table a[href^='/console/cases/'], main .result a"));
    if (links.length === 0) return;
    const at = links.indexOf(document.activeElement);
    const next = at === -1 ? (direction > 0 ? 0 : links.length - 1)
                           : Math.min(links.length - 1, Math.max(0, at + direction));
    links[next].focus();
    links[next].scrollIntoView({ block: "nearest" });
  }

  let help = null;
  function toggleHelp() {
    if (help) {
      help.remove();
      help = null;
      return;
    }
    help = document.createElement("aside");
    help.id = "shortcuts";
    help.className = "shortcuts";
    help.setAttribute("role", "dialog");
    help.setAttribute("aria-label", t("Клавиши"));
    const title = document.createElement("h2");
    title.textContent = t("Клавиши");
    const list = document.createElement("dl");
    for (const [key, label] of SHORTCUTS) {
      const dt = document.createElement("dt");
      const kbd = document.createElement("kbd");
      kbd.textContent = key;
      dt.appendChild(kbd);
      const dd = document.createElement("dd");
      dd.textContent = label;
      list.append(dt, dd);
    }
    help.append(title, list);
    document.body.appendChild(help);
  }

  function typing(target) {
    if (!target || !target.tagName) return false;
    const tag = target.tagName.toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable;
  }

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented) return;
    if (typing(event.target)) {
      if (event.key === "Escape") event.target.blur();
      return;
    }
    if (event.key === "Escape" && help) {
      toggleHelp();
      return;
    }
    const shortcut = SHORTCUTS.find(([key]) => key === event.key);
    if (!shortcut) return;
    event.preventDefault();
    shortcut[2]();
  });
})();

// The SMS part counter under a reply that will go to a phone by SMS: Cyrillic costs 70
// characters a part (67 once split), so an operator sees the cost before sending. The count
// comes from the server (/api/v1/sms-parts), which keeps the one rule; the text is not stored.
(() => {
  "use strict";

  // The page's words in its language: the console writes its scripts' texts, translated, into
  // the JSON block #console-texts (server/console_common.cpp, kScriptTexts); the key is the
  // Russian, which stands when a text is missing.
  const TEXTS = JSON.parse(document.getElementById("console-texts")?.textContent || "{}");
  const t = (russian) => TEXTS[russian] || russian;
  const fill = (template, ...values) => template.replace(/\{\}/g, () => String(values.shift()));

  const box = document.querySelector("textarea[data-sms-parts]");
  if (!box) return;
  const output = document.getElementById(box.getAttribute("data-sms-parts"));
  const csrf = box.form && box.form.querySelector("input[name=csrf]");
  if (!output || !csrf) return;

  let timer = null;
  let asked = 0;
  // One sentence per plural form of the page's language (Intl.PluralRules: one, few, many;
  // "other" takes the few form's sentence, as English's plural does).
  const SENTENCES = {
    one: "SMS: {} часть ({}), в последней осталось {}",
    few: "SMS: {} части ({}), в последней осталось {}",
    many: "SMS: {} частей ({}), в последней осталось {}",
  };
  const plural = new Intl.PluralRules(document.documentElement.lang || "ru");
  const sentence = (n) => t(SENTENCES[plural.select(n)] || SENTENCES.few);
  async function count() {
    const ticket = ++asked;
    try {
      const response = await fetch("/api/v1/sms-parts", {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf.value },
        body: JSON.stringify({ text: box.value }),
        credentials: "same-origin",
      });
      if (!response.ok || ticket !== asked) return;
      const parts = await response.json();
      output.textContent = parts.parts === 0 ? "" :
        fill(sentence(parts.parts), parts.parts,
             parts.coding === "ucs2" ? t("кириллица") : t("латиница"), parts.units_left);
      output.dataset.parts = String(parts.parts);
    } catch (_) {
      // The counter is a help only: a failed count leaves the last one shown.
    }
  }
  box.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(count, 150);
  });
  count();
})();
