// lifeline console: draws the statistics page's charts with Chart.js (served by lifeline from
// its own binary). The numbers come from the page itself (the JSON block #statistics-data,
// the same document GET /api/v1/statistics answers); suppressed cells (under 10) are null
// and drawn as gaps, never as zeros. The tables below the charts remain the accessible,
// script-free version.
(() => {
  "use strict";

  const data = JSON.parse(document.getElementById("statistics-data").textContent);
  const RU = {
    phone: "телефон", sms: "SMS", telegram: "Telegram", signal: "Signal", none: "без связи",
    serving: "служит", expecting_mobilization: "ждёт мобилизации", mobilized_training: "на подготовке",
    at_front: "на фронте", relative: "родственник",
    applications: "заявки", verified: "проверены", crossed: "перешли (в плену)",
  };
  const PALETTE = ["#1f5f8b", "#c0392b", "#27ae60", "#8e44ad", "#d68910", "#5d6d7e"];
  const label = (key) => RU[key] || key;

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

  function draw(id, type, labels, datasets, stacked) {
    const canvas = document.getElementById(id);
    if (!canvas) return;
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
       [{ label: "человек", backgroundColor: PALETTE[0], data: data.funnel.map((c) => c.count) }], false);
  draw("chart-backlog", "bar", data.backlog_by_age.map((c) => c.age),
       [{ label: "открытых заявок", backgroundColor: PALETTE[1], data: data.backlog_by_age.map((c) => c.count) }], false);
})();
