// lifeline console: draws the statistics page's charts with Chart.js (served by lifeline from
// its own binary). The numbers come from the page itself (the JSON block #statistics-data,
// the same document GET /api/v1/statistics answers); suppressed cells (under 10) are null,
// never zeros, and each is marked with a grey cross on the baseline (its own dataset, "hidden:
// under 10"), so that a hidden count and a zero do not look alike. The tables below the
// charts remain the accessible, script-free version.
(() => {
  "use strict";

  // The page's words in its language: the console writes its scripts' texts, translated, into
  // the JSON block #console-texts (server/console_common.cpp, kScriptTexts); the key is the
  // Russian, which stands when a text is missing.
  const TEXTS = JSON.parse(document.getElementById("console-texts")?.textContent || "{}");
  const t = (russian) => TEXTS[russian] || russian;
  const data = JSON.parse(document.getElementById("statistics-data").textContent);
  const WORDS = {
    phone: t("телефон"), sms: "SMS", telegram: "Telegram", signal: "Signal", none: t("без связи"),
    serving: t("служит"), expecting_mobilization: t("ждёт мобилизации"), mobilized_training: t("на подготовке"),
    at_front: t("на фронте"), relative: t("родственник"),
    applications: t("заявки"), verified: t("проверены"),
    "crossed (registered as captured)": t("перешли (учтены как «в плену»)"),
    "under 7 days": t("меньше 7 дней"), "7 to 29 days": t("7–29 дней"), "30 to 89 days": t("30–89 дней"),
    "90 to 179 days": t("90–179 дней"), "180 days or more": t("180 дней и больше"),
  };
  const HIDDEN = t("скрыто: меньше 10");
  const PALETTE = ["#1f5f8b", "#c0392b", "#27ae60", "#8e44ad", "#d68910", "#5d6d7e"];
  const label = (key) => WORDS[key] || key;

  // One dataset per channel (or situation) across the days, stacked.
  function byKey(field, key) {
    const names = [];
    for (const day of data.days) {
      for (const cell of day[field]) if (!names.includes(cell[key])) names.push(cell[key]);
    }
    return names.map((name, i) => ({
      label: label(name),
      backgroundColor: PALETTE[i % PALETTE.length],
      data: data.days.map((day) => {
        const cell = day[field].find((c) => c[key] === name);
        return cell ? cell.count : 0;
      }),
    }));
  }

  // A cross on the baseline wherever some dataset's cell is hidden (null): its own stack, so
  // that it is never added to a bar.
  function hiddenMarks(datasets) {
    const length = Math.max(0, ...datasets.map((d) => d.data.length));
    const marks = Array.from({ length }, (_, i) =>
      datasets.some((d) => d.data[i] === null) ? 0 : null);
    if (!marks.some((m) => m === 0)) return [];
    return [{
      type: "line", label: HIDDEN, data: marks, stack: "hidden", showLine: false,
      pointStyle: "crossRot", pointRadius: 8, pointBorderWidth: 3, borderColor: "#7f8c8d",
      backgroundColor: "#7f8c8d",
    }];
  }

  function draw(id, type, labels, bars, stacked) {
    const canvas = document.getElementById(id);
    if (!canvas) return;
    const datasets = bars.concat(hiddenMarks(bars));
    new Chart(canvas, {
      type,
      data: { labels, datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: { x: { stacked }, y: { stacked, beginAtZero: true } },
        plugins: { legend: { display: datasets.length > 1 } },
      },
    });
    canvas.dataset.drawn = "true";
  }

  const days = data.days.map((d) => d.day.slice(5));
  draw("chart-by-channel", "bar", days, byKey("by_channel", "channel"), true);
  draw("chart-by-situation", "bar", days, byKey("by_situation", "situation"), true);
  draw("chart-funnel", "bar", data.funnel.map((c) => label(c.stage)),
       [{ label: t("человек"), backgroundColor: PALETTE[0], data: data.funnel.map((c) => c.count) }], false);
  draw("chart-backlog", "bar", data.backlog_by_age.map((c) => label(c.age)),
       [{ label: t("открытых заявок"), backgroundColor: PALETTE[1], data: data.backlog_by_age.map((c) => c.count) }], false);
})();
