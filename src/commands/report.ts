/**
 * @fileoverview `kestrel report`: an alerts NDJSON file (what `kestrel run` prints) → one
 * self-contained HTML page of charts and a sortable alerts table. Logic in src/report/.
 */
import { Args, Command, Flags } from "@oclif/core";
import { existsSync } from "node:fs";
import { writeReport, type ReportResult } from "../report/index.js";

const LISTED_BAD_LINES = 20;

export default class Report extends Command {
  static override summary = "Write an HTML report of an alerts file: alerts over time, by rule, level and host, ATT&CK tactic coverage, and a sortable alerts table.";
  static override description =
    "The page is self-contained (Chart.js and the data are inlined; it loads nothing), so it can be mailed or archived. Lines of the alerts file that are not alerts are reported on stderr with their line number and skipped. The table embeds each alert's evidence, so it holds the first --max-rows alerts; the charts count them all.";
  static override examples = [
    "<%= config.bin %> run logs/ > alerts.ndjson && <%= config.bin %> report alerts.ndjson --out report.html",
    "<%= config.bin %> report alerts.ndjson --out report.html --title 'Night shift, 2 Dec' --json",
  ];
  static override enableJsonFlag = true;
  static override args = {
    alerts: Args.string({ description: "NDJSON alerts file, as `kestrel run` writes it.", required: true }),
  };
  static override flags = {
    out: Flags.string({ char: "o", summary: "The HTML file to write.", default: "report.html" }),
    title: Flags.string({ summary: "The page's title.", default: "Kestrel alert report" }),
    "max-rows": Flags.integer({ summary: "Alerts listed in the table (with their evidence).", default: 5000, min: 1 }),
  };

  async run(): Promise<ReportResult> {
    const { args, flags } = await this.parse(Report);
    if (!existsSync(args.alerts)) this.error(`${args.alerts}: no such file`, { exit: 2 });
    let result: ReportResult;
    try {
      result = await writeReport(args.alerts, { out: flags.out, title: flags.title, maxRows: flags["max-rows"], sourceName: args.alerts });
    } catch (e) {
      // A folder, an unreadable file, an unwritable --out: one line, not a stack.
      const err = e as NodeJS.ErrnoException;
      if (err.code === undefined) throw e;
      return this.error(err.message, { exit: 2 });
    }
    for (const b of result.badLines.slice(0, LISTED_BAD_LINES)) this.logToStderr(`${args.alerts}:${b.line}: not an alert (${b.reason}); skipped`);
    if (result.badLines.length > LISTED_BAD_LINES) this.logToStderr(`… and ${result.badLines.length - LISTED_BAD_LINES} more line(s) skipped`);
    const table = result.rows < result.alerts ? ` (the table lists the first ${result.rows})` : "";
    this.logToStderr(`kestrel: wrote ${result.out}: ${result.alerts} alert(s) from ${result.rules} rule(s)${table}, ${result.badLines.length} bad line(s) skipped`);
    return result;
  }
}
