/**
 * @fileoverview `kestrel report` end to end: run the bundled rules, add bad lines to the
 * alerts file, write the report; bad lines are reported with line numbers; --json gives
 * the result object. Then the page is opened in headless Chromium (playwright-core
 * driving Debian's /usr/bin/chromium): every chart is a Chart.js instance on a non-blank
 * canvas, the console has no errors, the page requests nothing from the network, sorting
 * works, and a row click shows that alert's evidence. The screenshot goes to
 * test/output/report.png (gitignored). Without Chromium the browser test is skipped with
 * a notice, except under CI, where it fails.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { alerts, kestrel, scratchDir } from "./helpers.js";
import { openPage } from "./browser.js";

const CHROMIUM = process.env["KESTREL_CHROMIUM"] ?? "/usr/bin/chromium";
const dir = scratchDir();
const alertsFile = join(dir, "alerts.ndjson");
const html = join(dir, "report.html");
const screenshot = resolve("test/output/report.png");
/** The alert lines the run wrote, by id. */
const written = new Map<string, { evidence: readonly unknown[] }>();

test("report: bad lines are reported with line numbers and skipped; the page is written", () => {
  const run = kestrel(["run", "examples/sample-events.ndjson", "-q", "--workers", "1"]);
  assert.is(run.code, 0, run.stderr);
  for (const a of alerts(run.stdout)) written.set(a.id, a);
  const n = written.size;
  writeFileSync(alertsFile, `${run.stdout}{"truncated\n[]\n`);
  const r = kestrel(["report", alertsFile, "--out", html, "--title", "Test <report>"]);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, `${alertsFile}:${n + 1}: not an alert (invalid JSON`);
  assert.match(r.stderr, `${alertsFile}:${n + 2}: not an alert (not a JSON object); skipped`);
  assert.match(r.stderr, `wrote ${html}: ${n} alert(s) from `);
  const page = readFileSync(html, "utf8");
  assert.match(page, "<title>Test &#60;report&#62;</title>");
  assert.match(page, "Chart.js v4");
  assert.not.match(page, /<script[^>]+src=|<link[^>]+href=/, "nothing loaded from outside the page");
});

test("report --json prints the result object on stdout; a missing file is exit 2", () => {
  const r = kestrel(["report", alertsFile, "--out", join(dir, "r2.html"), "--json"]);
  assert.is(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout) as { alerts: number; rows: number; badLines: { line: number }[] };
  assert.is(j.rows, j.alerts);
  assert.is(j.badLines.length, 2);
  assert.is(kestrel(["report", join(dir, "nope.ndjson")]).code, 2);
  const folder = kestrel(["report", dir, "--out", join(dir, "r3.html")]);
  assert.is(folder.code, 2);
  assert.match(folder.stderr, "EISDIR");
});

const browserTest = "report page in headless Chromium: charts drawn, no console errors, sortable, evidence on click";
if (existsSync(CHROMIUM)) {
  test(browserTest, async () => {
    mkdirSync("test/output", { recursive: true });
    const session = await openPage(CHROMIUM, pathToFileURL(html).href);
    try {
      const { page } = session;
      const charts = await page.evaluate<{ id: string; chart: boolean; painted: boolean }[]>(`
        [...document.querySelectorAll("canvas")].map((c) => ({
          id: c.id,
          chart: Chart.getChart(c) !== undefined,
          painted: c.getContext("2d").getImageData(0, 0, c.width, c.height).data.some((v) => v !== 0),
        }))`);
      assert.equal(charts.map((c) => c.id), ["chart-timeline", "chart-level", "chart-host", "chart-rule", "chart-tactics"]);
      for (const c of charts) assert.ok(c.chart && c.painted, `${c.id} is a drawn Chart.js chart`);
      assert.is(await page.locator("#tactic-grid .tactic").count(), 14);
      assert.ok((await page.locator("#tactic-grid .tactic.covered").count()) > 0);
      assert.is(await page.locator("#alerts-body tr").count(), written.size);
      await page.click("th[data-key=severity]");
      assert.is(await page.getAttribute("th[data-key=severity]", "aria-sort"), "ascending");
      const mostSevere = await page.evaluate<string>("kestrelReport.data.byLevel.find((l) => l[1] > 0)[0]");
      assert.is(await page.locator("#alerts-body tr .sev").first().textContent(), mostSevere, "ascending level puts the most severe first");
      assert.ok(await page.isHidden("#evidence-panel"));
      const first = page.locator("#alerts-body tr").first();
      const id = await first.getAttribute("data-alert-id");
      await first.click();
      assert.ok(await page.isVisible("#evidence-panel"));
      assert.match((await page.textContent("#evidence-title")) ?? "", id ?? "no id");
      const evidence = JSON.parse((await page.textContent("#evidence")) ?? "null") as unknown[];
      assert.equal(evidence, written.get(id ?? "")?.evidence);
      await page.screenshot({ path: screenshot, fullPage: true });
      assert.equal(session.errors, [], "no console errors or page errors");
      assert.equal(session.requests, [], "no requests beyond the page itself");
      console.log(`report screenshot: ${screenshot}`);
    } finally {
      await session.close();
    }
  });
} else if (process.env["CI"] !== undefined) {
  test(browserTest, () => assert.unreachable(`${CHROMIUM} is missing; CI must install it (apt-get install -y chromium)`));
} else {
  // Not registered at all: a skipped test would check nothing; the notice says what did not run.
  console.log(`NOTICE: ${CHROMIUM} not found; "${browserTest}" not run (apt-get install -y chromium to run it)`);
}

test.run();
