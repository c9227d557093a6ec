/**
 * @fileoverview Reads an alerts NDJSON file line by line (streamed, so a large file is
 * never one string). A line that is not an alert is counted and kept with its line number
 * and reason, and reading goes on: a report over the good lines beats no report.
 */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { assertNever } from "../../compiler/util/assert-never.js";
import { parseAlertLine, type ReportAlert } from "./alert-record.js";

export interface BadLine {
  readonly line: number;
  readonly reason: string;
}

export interface AlertsFile {
  readonly alerts: ReportAlert[];
  readonly bad: BadLine[];
}

/** Alerts past `keepEvidence` drop their evidence (only the table shows it), so a large file stays small in memory. */
export function readAlertLines(lines: Iterable<string>, keepEvidence = Infinity): AlertsFile {
  const out: AlertsFile = { alerts: [], bad: [] };
  let n = 0;
  for (const text of lines) add(out, text, ++n, keepEvidence);
  return out;
}

export async function readAlertsFile(path: string, keepEvidence = Infinity): Promise<AlertsFile> {
  const out: AlertsFile = { alerts: [], bad: [] };
  const rl = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let n = 0;
  for await (const text of rl) add(out, text, ++n, keepEvidence);
  return out;
}

function add(out: AlertsFile, text: string, line: number, keepEvidence: number): void {
  const parsed = parseAlertLine(text, line);
  switch (parsed.kind) {
    case "alert":
      out.alerts.push(out.alerts.length < keepEvidence ? parsed.alert : { ...parsed.alert, evidence: [] });
      return;
    case "bad":
      out.bad.push({ line, reason: parsed.reason });
      return;
    case "blank":
      return;
    default:
      return assertNever(parsed);
  }
}
