/**
 * @fileoverview `kestrel report`'s library entry: alerts file → aggregated data → HTML
 * page written to `out`. The command only parses flags and prints what this returns.
 */
import { writeFileSync } from "node:fs";
import { aggregate } from "./aggregate.js";
import { loadAssets } from "./assets.js";
import type { BadLine } from "./read-alerts.js";
import { readAlertsFile } from "./read-alerts.js";
import { renderHtml } from "./render-html.js";

export interface ReportOptions {
  readonly out: string;
  readonly title: string;
  /** Table rows embedded in the page (each carries its evidence). */
  readonly maxRows: number;
  /** As shown in the page: the path the user gave. */
  readonly sourceName: string;
}

export interface ReportResult {
  readonly out: string;
  readonly alerts: number;
  readonly rows: number;
  readonly rules: number;
  readonly badLines: readonly BadLine[];
  readonly bytes: number;
}

export async function writeReport(alertsPath: string, options: ReportOptions): Promise<ReportResult> {
  const file = await readAlertsFile(alertsPath, options.maxRows);
  const data = aggregate(file.alerts, file.bad, { source: options.sourceName, maxRows: options.maxRows });
  const html = renderHtml(data, loadAssets(), options.title);
  writeFileSync(options.out, html);
  return { out: options.out, alerts: data.alerts, rows: data.rows.length, rules: data.byRule.length, badLines: file.bad, bytes: Buffer.byteLength(html) };
}
