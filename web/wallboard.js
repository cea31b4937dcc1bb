// lifeline console: keeps the wallboard live from /console/wallboard/stream (Server-Sent
// Events, one "board" event a second, the same document as GET
// /api/v1/contact-centre/wallboard). The page works without it, showing the figures of the
// moment it was loaded.
(() => {
  "use strict";

  // The page's words in its language: the console writes its scripts' texts, translated, into
  // the JSON block #console-texts (server/console_common.cpp, kScriptTexts); the key is the
  // Russian, which stands when a text is missing.
  const TEXTS = JSON.parse(document.getElementById("console-texts")?.textContent || "{}");
  const t = (russian) => TEXTS[russian] || russian;
  const fill = (template, ...values) => template.replace(/\{\}/g, () => String(values.shift()));

  const STATES = {
    logged_out: t("не в системе"), available: t("свободен"), ringing: t("звонок"),
    on_call: t("разговор"), wrap_up: t("после звонка"), break: t("перерыв"),
  };
  const percent = (share) => `${Math.round(share * 100)}%`;
  const set = (id, text) => {
    const element = document.getElementById(id);
    if (element) element.textContent = text;
  };

  function show(board) {
    set("waiting", board.waiting);
    set("longest-wait", fill(t("{} с"), Math.round(board.longest_wait_seconds)));
    set("lines", board.lines);
    set("lines-in-use", board.lines_in_use);
    for (const [suffix, w] of [["today", board.today], ["15m", board.last_15_minutes]]) {
      set(`offered-${suffix}`, w.offered);
      set(`sl-${suffix}`, percent(w.service_level));
      set(`sl2-${suffix}`, percent(w.service_level_2));
      set(`asa-${suffix}`, fill(t("{} с"), w.asa_seconds.toFixed(1)));
      set(`abandon-${suffix}`, percent(w.abandonment));
      set(`occupancy-${suffix}`, percent(w.occupancy));
    }
    for (const [state, count] of Object.entries(board.operators_by_state)) set(`state-${state}`, count);
    const rows = document.querySelector("#operators tbody");
    if (rows) {
      rows.replaceChildren(...board.operators.map((o) => {
        const row = document.createElement("tr");
        for (const text of [o.id, STATES[o.state] || o.state, o.calls_answered]) {
          const cell = document.createElement("td");
          cell.textContent = text;
          row.appendChild(cell);
        }
        return row;
      }));
    }
    document.body.dataset.boardUpdates = String(Number(document.body.dataset.boardUpdates || 0) + 1);
  }

  const source = new EventSource("/console/wallboard/stream");
  source.addEventListener("board", (event) => show(JSON.parse(event.data)));
  source.addEventListener("open", () => set("live", t("Обновляется каждую секунду.")));
  source.addEventListener("error", () => set("live", t("Связь с сервером прервалась; переподключение…")));
})();
