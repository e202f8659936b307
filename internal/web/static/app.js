// ZJTX pages: small enhancements. Every page works without this file.
(function () {
  "use strict";

  // What-if sliders show their value beside them as they move.
  document.addEventListener("input", function (e) {
    var t = e.target;
    if (t && t.type === "range" && t.id) {
      var out = document.getElementById(t.id + "-out");
      if (out) out.textContent = t.value;
    }
  });

  // Print buttons of the A4 report pages.
  document.addEventListener("click", function (e) {
    if (e.target && e.target.hasAttribute && e.target.hasAttribute("data-print")) window.print();
  });

  // A form that failed to save: bring its error summary into view and give
  // it the focus, so the user (and a screen reader) starts from the list of
  // problems; a link in the list opens the input's section and focuses it.
  document.addEventListener("DOMContentLoaded", function () {
    var box = document.querySelector("[data-error-summary]");
    if (box) {
      box.scrollIntoView({ block: "start" });
      box.focus({ preventScroll: true });
    }
  });
  document.addEventListener("click", function (e) {
    var a = e.target && e.target.closest ? e.target.closest(".error-summary a[href^='#']") : null;
    if (!a) return;
    var input = document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
    if (!input) return;
    e.preventDefault();
    var details = input.closest("details");
    if (details) details.open = true;
    input.scrollIntoView({ block: "center" });
    input.focus({ preventScroll: true });
  });

  // Tier colours: blues up the ladder, gold for the national titles.
  var tierColors = {
    tech_sme: "#9bbbe0", innovative: "#4f86c6", srdi: "#1f4e8c",
    little_giant: "#c9962b", key_little_giant: "#9a6a12", single_champion: "#b23a2e"
  };

  function drawChart() {
    var el = document.getElementById("district-chart");
    var src = document.getElementById("district-chart-data");
    if (!el || !src || !window.echarts) return;
    var data = JSON.parse(src.textContent);
    var chart = window.echarts.init(el, null, { renderer: "canvas" });
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: getComputedStyle(document.body).fontFamily },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 0, itemWidth: 14, itemHeight: 10 },
      grid: { left: 48, right: 16, top: 40, bottom: 56 },
      // Every district is named under its bar: short names (航空港区) fit
      // level on a wide screen; a narrow one breaks them onto two lines.
      xAxis: { type: "category", data: data.regions,
        axisLabel: { interval: 0, width: Math.max(28, el.clientWidth / data.regions.length - 6), overflow: "break", lineHeight: 14 } },
      yAxis: { type: "value", name: "企业数（家）", minInterval: 1 },
      series: data.series.map(function (s) {
        return { name: s.name, type: "bar", stack: "tier", data: s.data, barMaxWidth: 36,
          itemStyle: { color: tierColors[s.tier] }, emphasis: { focus: "series" } };
      })
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }
  document.addEventListener("DOMContentLoaded", drawChart);

  // The dashboard's sections (dashboard_section.go): each .dash-chart names
  // the JSON of its chart; the table under it holds the same numbers.
  function drawDashCharts() {
    if (!window.echarts) return;
    var els = document.querySelectorAll(".dash-chart");
    Array.prototype.forEach.call(els, function (el) {
      var src = document.getElementById(el.getAttribute("data-source"));
      if (!src) return;
      var data = JSON.parse(src.textContent);
      var chart = window.echarts.init(el, null, { renderer: "canvas" });
      chart.setOption({
        animation: false,
        textStyle: { fontFamily: getComputedStyle(document.body).fontFamily },
        tooltip: { trigger: "axis" },
        legend: { top: 0, itemWidth: 14, itemHeight: 10 },
        grid: { left: 56, right: 16, top: 40, bottom: 56 },
        xAxis: { type: "category", data: data.categories,
          axisLabel: { interval: 0, width: Math.max(28, el.clientWidth / Math.max(1, data.categories.length) - 6), overflow: "break", lineHeight: 14 } },
        yAxis: { type: "value", name: data.unit, minInterval: 1 },
        series: data.series.map(function (s) {
          return { name: s.name, type: data.kind, data: s.data, barMaxWidth: 28,
            itemStyle: s.tier ? { color: tierColors[s.tier] } : undefined, emphasis: { focus: "series" } };
        })
      });
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }
  document.addEventListener("DOMContentLoaded", drawDashCharts);
})();

// Bulk selection on the enterprise list: the header box ticks the page,
// and the bulk buttons are enabled while something is ticked. The list is
// swapped by htmx, so the handlers listen on the document.
document.addEventListener("change", function (ev) {
  var t = ev.target;
  if (!t.matches || !(t.matches("#select-all") || t.matches(".row-check"))) return;
  if (t.id === "select-all") {
    document.querySelectorAll(".row-check").forEach(function (c) { c.checked = t.checked; });
  }
  var n = document.querySelectorAll(".row-check:checked").length;
  var count = document.getElementById("selected-count");
  if (count) count.textContent = n;
  ["assess-selected", "export-selected", "status-selected"].forEach(function (id) {
    var b = document.getElementById(id);
    if (b) b.disabled = n === 0;
  });
});

// 导出所选 downloads the export of the ticked rows (a GET, so the form's
// CSRF token stays out of the address).
document.addEventListener("click", function (ev) {
  var b = ev.target.closest && ev.target.closest("#export-selected");
  if (!b) return;
  var q = new URLSearchParams();
  document.querySelectorAll(".row-check:checked").forEach(function (c) { q.append("id", c.value); });
  window.location.href = "/enterprises/export.xlsx?" + q.toString();
});
