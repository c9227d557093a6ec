/* Kestrel alert report: draws the charts (Chart.js, inlined before this script) and the
 * sortable alerts table from the JSON block #report-data; a row click shows its evidence.
 * Text from alerts only ever goes through textContent, never innerHTML. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var LEVELS = ["critical", "high", "medium", "low", "informational"];
  var COLORS = { critical: "#6a1b9a", high: "#d32f2f", medium: "#f57c00", low: "#f9a825", informational: "#1976d2" };
  var TOP = 15;
  var charts = {};

  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  function chart(id, config) {
    charts[id] = new Chart(document.getElementById(id), config);
  }

  function hbar(id, labels, values, colors) {
    chart(id, {
      type: "bar",
      data: { labels: labels, datasets: [{ label: "alerts", data: values, backgroundColor: colors }] },
      options: { indexAxis: "y", plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } }, y: { ticks: { autoSkip: false } } } },
    });
  }

  chart("chart-timeline", {
    type: "bar",
    data: {
      labels: data.timeline.labels,
      datasets: LEVELS.map(function (l) {
        return { label: l, data: data.timeline.series[l], backgroundColor: COLORS[l] };
      }),
    },
    options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
  });

  chart("chart-level", {
    type: "doughnut",
    data: {
      labels: data.byLevel.map(function (x) { return x[0]; }),
      datasets: [{ data: data.byLevel.map(function (x) { return x[1]; }), backgroundColor: data.byLevel.map(function (x) { return COLORS[x[0]]; }) }],
    },
    options: { plugins: { legend: { position: "right" } } },
  });

  var rules = data.byRule.slice(0, TOP);
  hbar("chart-rule", rules.map(function (r) { return r.name; }), rules.map(function (r) { return r.alerts; }), rules.map(function (r) { return COLORS[r.severity]; }));

  var hosts = data.byHost.slice(0, TOP);
  hbar("chart-host", hosts.map(function (h) { return h[0]; }), hosts.map(function (h) { return h[1]; }), "#455a64");

  hbar("chart-tactics", data.tactics.map(function (t) { return t.name; }), data.tactics.map(function (t) { return t.alerts; }), "#1565c0");

  var grid = document.getElementById("tactic-grid");
  data.tactics.forEach(function (t) {
    var tile = el("div", undefined, t.rules > 0 ? "tactic covered" : "tactic");
    tile.title = t.id;
    tile.appendChild(el("b", t.name));
    tile.appendChild(el("span", t.rules > 0 ? t.rules + " rule(s), " + t.alerts + " alert(s)" : "no alerts"));
    if (t.techniques.length > 0) tile.appendChild(el("div", t.techniques.join(" ")));
    grid.appendChild(tile);
  });

  /* The table: column key → how a row sorts on it. */
  var columns = [
    { key: "time", label: "Time", value: function (r) { return r.time; } },
    { key: "severity", label: "Level", value: function (r) { return LEVELS.indexOf(r.severity); } },
    { key: "rule", label: "Rule", value: function (r) { return r.rule; } },
    { key: "host", label: "Host", value: function (r) { return r.host; } },
    { key: "tactics", label: "Tactics", value: function (r) { return r.tactics.join(", "); } },
    { key: "origin", label: "Evidence from", value: function (r) { return r.origin; } },
  ];
  var rows = data.rows.slice();
  var sort = { key: "time", dir: 1 };
  var head = document.getElementById("alerts-head");
  var body = document.getElementById("alerts-body");
  var selected = null;

  columns.forEach(function (c) {
    var th = el("th", c.label);
    th.dataset.key = c.key;
    th.addEventListener("click", function () {
      sort = { key: c.key, dir: sort.key === c.key ? -sort.dir : 1 };
      draw();
    });
    head.appendChild(th);
  });

  function compare(a, b) {
    var col = columns.find(function (c) { return c.key === sort.key; });
    var x = col.value(a);
    var y = col.value(b);
    var d = typeof x === "number" ? x - y : String(x).localeCompare(String(y));
    return sort.dir * (d || a.line - b.line);
  }

  function showEvidence(r, tr) {
    if (selected) selected.classList.remove("selected");
    selected = tr;
    tr.classList.add("selected");
    var panel = document.getElementById("evidence-panel");
    panel.hidden = false;
    document.getElementById("evidence-title").textContent = r.rule + " (" + r.ruleId + ") — " + r.severity + " — alert " + r.id;
    document.getElementById("evidence-origin").textContent = "alerts file line " + r.line + (r.origin ? "; first event from " + r.origin : "");
    document.getElementById("evidence").textContent = JSON.stringify(r.evidence, null, 2);
  }

  function draw() {
    rows.sort(compare);
    Array.prototype.forEach.call(head.children, function (th) {
      th.setAttribute("aria-sort", th.dataset.key === sort.key ? (sort.dir > 0 ? "ascending" : "descending") : "none");
    });
    body.textContent = "";
    rows.forEach(function (r) {
      var tr = el("tr");
      tr.dataset.alertId = r.id;
      tr.appendChild(el("td", r.time));
      var sev = el("span", r.severity, "sev");
      sev.style.background = COLORS[r.severity];
      var td = el("td");
      td.appendChild(sev);
      tr.appendChild(td);
      [r.rule, r.host, r.tactics.join(", "), r.origin].forEach(function (t) {
        var cell = el("td", t);
        cell.title = t;
        tr.appendChild(cell);
      });
      tr.addEventListener("click", function () { showEvidence(r, tr); });
      body.appendChild(tr);
    });
  }

  draw();
  window.kestrelReport = { charts: charts, data: data };
})();
