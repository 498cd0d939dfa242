// Lagoa console: draws the charts a page declares (data-chart), and the SQL page's editor helpers.
(function () {
  "use strict";

  function draw(element, type, xName, yName, x, y) {
    var chart = echarts.getInstanceByDom(element) || echarts.init(element, null, { renderer: "svg" });
    chart.setOption({
      animation: false,
      grid: { left: 64, right: 24, top: 24, bottom: 72 },
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", name: xName, nameLocation: "middle", nameGap: 56, data: x,
               axisLabel: { rotate: x.length > 6 ? 30 : 0 } },
      yAxis: { type: "value", name: yName },
      series: [{ type: type, data: y, name: yName }]
    }, true);
    element.dataset.drawn = type;
  }

  function drawCharts(root) {
    root.querySelectorAll("[data-chart]").forEach(function (element) {
      var spec = JSON.parse(element.dataset.chart);
      draw(element, spec.type, spec.xName, spec.yName, spec.x, spec.y);
    });
  }

  function drawResult() {
    var element = document.getElementById("sql-chart");
    if (!element) { return; }
    var data = JSON.parse(element.dataset.result);
    var xi = Number(document.getElementById("chart-x").value);
    var yi = Number(document.getElementById("chart-y").value);
    var type = document.getElementById("chart-type").value;
    element.hidden = false;
    element.setAttribute("aria-label", type + " chart of " + data.columns[yi] + " by " + data.columns[xi]);
    draw(element, type, data.columns[xi], data.columns[yi],
         data.rows.map(function (row) { return row[xi] === null ? "NULL" : String(row[xi]); }),
         data.rows.map(function (row) { return row[yi]; }));
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest("button");
    if (!target) { return; }
    if (target.id === "draw-chart") {
      drawResult();
    } else if (target.classList.contains("insert-table")) {
      var editor = document.getElementById("sql");
      var table = target.dataset.table;
      if (editor.value.trim() === "") {
        editor.value = "SELECT * FROM " + table + " LIMIT 100";
      } else {
        var start = editor.selectionStart, end = editor.selectionEnd;
        editor.value = editor.value.slice(0, start) + table + editor.value.slice(end);
        editor.selectionStart = editor.selectionEnd = start + table.length;
      }
      editor.focus();
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.target.id === "sql" && event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      document.getElementById("run-sql").click();
    }
  });

  document.addEventListener("DOMContentLoaded", function () { drawCharts(document); });
  document.addEventListener("htmx:afterSettle", function (event) { drawCharts(event.target); });
  window.addEventListener("resize", function () {
    document.querySelectorAll("[data-drawn]").forEach(function (element) {
      var chart = echarts.getInstanceByDom(element);
      if (chart) { chart.resize(); }
    });
  });
})();
