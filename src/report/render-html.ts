/**
 * @fileoverview ReportData + inlined assets → one self-contained HTML page: no network,
 * no files beside it. The data goes in as a JSON block the page script reads; anything
 * that could close a <script> early is escaped, and text placed here is HTML-escaped.
 */
import type { ReportData } from "./aggregate.js";
import type { PageAssets } from "./assets.js";

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Script text safe inside <script>…</script>: `</script` and `<!--` cannot appear. */
export function scriptText(js: string): string {
  return js.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
}

/** JSON safe inside <script type="application/json">: every `<` becomes \u003c. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

function header(data: ReportData, title: string): string {
  const rows = data.rows.length < data.alerts ? `; the table lists the first ${data.rows.length}` : "";
  const untimed = data.untimed > 0 ? `, <b>${data.untimed}</b> without a time (not in the timeline)` : "";
  const bad =
    data.badLines === 0
      ? ""
      : `<details class="bad"><summary>${data.badLines} line(s) of the alerts file are not alerts and were skipped</summary><ul>${data.bad
          .map((b) => `<li>line ${b.line}: ${escapeHtml(b.reason)}</li>`)
          .join("")}</ul></details>`;
  return `<header><h1>${escapeHtml(title)}</h1><div class="meta"><b>${data.alerts}</b> alert(s) from <b>${escapeHtml(data.source)}</b>${untimed}${rows}</div>${bad}</header>`;
}

const section = (id: string, heading: string, extra = "", wide = false): string =>
  `<section${wide ? ' class="wide"' : ""}><h2>${heading}</h2><div class="chart"><canvas id="${id}"></canvas></div>${extra}</section>`;

function body(data: ReportData): string {
  const width = data.timeline.bucketMs > 0 ? `<p class="note">One bar per ${data.timeline.bucketMs / 1000} s (UTC).</p>` : "";
  const untagged = `<p class="note">From tactic tags on the rules that alerted (attack.execution, attack.ta0002, …); ${data.rulesWithoutTactic} alerting rule(s) have none.</p>`;
  return [
    "<main>",
    section("chart-timeline", "Alerts over time", width, true),
    section("chart-level", "Alerts by level"),
    section("chart-host", "Alerts by host (top 15)"),
    section("chart-rule", "Alerts by rule (top 15)", "", true),
    section("chart-tactics", "ATT&amp;CK tactic coverage (14 Enterprise tactics)", `${untagged}<div class="tactics" id="tactic-grid"></div>`, true),
    '<section class="wide"><h2>Alerts</h2><p class="note">Click a column to sort, a row to see its evidence.</p>',
    '<div class="table-wrap"><table id="alerts"><thead><tr id="alerts-head"></tr></thead><tbody id="alerts-body"></tbody></table></div>',
    '<div id="evidence-panel" hidden><h2 id="evidence-title"></h2><p class="note" id="evidence-origin"></p><pre id="evidence"></pre></div></section>',
    "</main>",
  ].join("\n");
}

export function renderHtml(data: ReportData, assets: PageAssets, title: string): string {
  return [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${assets.css.replace(/<\/(style)/gi, "<\\/$1")}</style></head><body>`,
    header(data, title),
    body(data),
    `<script type="application/json" id="report-data">${jsonText(data)}</script>`,
    `<script>${scriptText(assets.chartJs)}</script>`,
    `<script>${scriptText(assets.script)}</script>`,
    "</body></html>",
    "",
  ].join("\n");
}
