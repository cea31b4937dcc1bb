// lifeline console: single-key shortcuts for an operator on a call. Every page works without
// this script; it only moves focus or follows a link the page already has. Keys are ignored
// while typing in a field (Escape leaves the field) and with Ctrl, Alt or Meta held.
(() => {
  "use strict";

  const SHORTCUTS = [
    ["t", "Сегодня: задачи и скорые отправки", () => go("/console/today")],
    ["l", "Список заявок", () => go("/console/")],
    ["f", "Поиск", () => focusOr("#q", "/console/search")],
    ["/", "Поиск", () => focusOr("#q", "/console/search")],
    ["j", "Следующая заявка в списке", () => step(1)],
    ["k", "Предыдущая заявка в списке", () => step(-1)],
    ["s", "Изменить статус", () => focus("#to")],
    ["r", "Написать ответ", () => focus("#text")],
    ["n", "Новая задача", () => focus("#kind")],
    ["g", "Группа заявки", () => follow("#group a")],
    ["m", "Добавить участника группы", () => focus("#member-name")],
    ["?", "Показать или скрыть эту подсказку", () => toggleHelp()],
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
    const links = Array.from(document.querySelectorAll("main table a[href^='/console/cases/'], main p.result a"));
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
    help.setAttribute("aria-label", "Клавиши");
    const title = document.createElement("h2");
    title.textContent = "Клавиши";
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
