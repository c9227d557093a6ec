/**
 * @fileoverview Runs loaded packages over event inputs: bytes go through each engine in
 * bulk, matches become alerts for the sink, malformed lines are counted, reported with
 * their line number and set aside (optionally into a rejects stream), and the run goes on.
 */
import type { Writable } from "node:stream";
import type { Sink } from "../sinks/sink.js";
import { alertId, type Alert, type Evidence } from "./alert.js";
import { flattenPaths, parseTimestamp } from "./event.js";
import { parseJson } from "./json-value.js";
import type { Manifest, ManifestRule } from "../../compiler/package/manifest.js";
import type { PackageEngine } from "./engine.js";
import { Feeder, type LineHandler } from "./feeder.js";
import type { EventInput } from "./inputs.js";

export interface RunReport {
  files: number;
  lines: number;
  bytes: number;
  alerts: number;
  malformed: number;
  oversize: number;
  seconds: number;
}

export interface RunOptions {
  readonly engines: readonly PackageEngine[];
  readonly inputs: readonly EventInput[];
  readonly sink: Sink;
  /** Human-readable problems with input (malformed lines); one call per line. */
  readonly warn: (message: string) => void;
  readonly rejects?: Writable;
  /** Stop reporting malformed lines one by one after this many (they are still counted). */
  readonly maxWarnings?: number;
}

const utf8 = new TextDecoder();

export async function runEvents(options: RunOptions): Promise<RunReport> {
  const started = process.hrtime.bigint();
  const report: RunReport = { files: 0, lines: 0, bytes: 0, alerts: 0, malformed: 0, oversize: 0, seconds: 0 };
  const maxWarnings = options.maxWarnings ?? 100;
  for (const input of options.inputs) {
    report.files++;
    const pending: Alert[] = [];
    const feeders = options.engines.map((engine, i) => new Feeder(engine, handlerFor(engine, i === 0)));

    function handlerFor(engine: PackageEngine, reportsInputProblems: boolean): LineHandler {
      return {
        match(rule, line, lineNo) {
          const r = engine.manifest.rules[rule];
          if (r === undefined) throw new Error(`internal: rule index ${rule} out of range`);
          pending.push(buildAlert(engine.manifest, r, [{ raw: utf8.decode(line), origin: { file: input.name, line: lineNo } }]));
        },
        malformed(lineNo, offset, line) {
          if (!reportsInputProblems) return;
          report.malformed++;
          if (report.malformed <= maxWarnings) options.warn(`${input.name}:${lineNo}:${offset + 1}: malformed event line (invalid JSON, nested deeper than 128, or not a JSON object); set aside`);
          else if (report.malformed === maxWarnings + 1) options.warn(`further malformed lines are counted but not listed`);
          options.rejects?.write(Buffer.concat([line, Buffer.from("\n")]));
        },
        oversize(lineNo) {
          if (!reportsInputProblems) return;
          report.oversize++;
          options.warn(`${input.name}:${lineNo}: event line longer than ${engine.inputCapacity} bytes; set aside`);
        },
      };
    }

    const flush = async (): Promise<void> => {
      report.alerts += pending.length;
      if (pending.length > 0) await options.sink.write(pending.splice(0));
    };
    for await (const chunk of input.open()) {
      const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
      for (const f of feeders) f.push(bytes);
      await flush();
    }
    for (const f of feeders) f.end();
    await flush();
    report.lines += feeders[0]?.lines ?? 0;
    report.bytes += feeders[0]?.bytes ?? 0;
  }
  report.seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return report;
}

/** Interim: reads the time in JS until the Wasm scanner reports it (ABI v2). */
function buildAlert(manifest: Manifest, rule: ManifestRule, evidence: readonly Evidence[]): Alert {
  const first = evidence[0];
  const ts = first === undefined ? undefined : flattenPaths(parseJson(first.raw)).get(manifest.schema.timestamp.field);
  const timeNs = ts === undefined ? undefined : parseTimestamp(ts, manifest.schema.timestamp.format);
  return {
    id: alertId(rule.id, manifest.module.sha256, evidence),
    timeNs,
    rule: { id: rule.id, name: rule.title, severity: rule.severity, author: rule.author, tags: rule.tags, description: rule.description, language: rule.language },
    package: { name: manifest.name, sha256: manifest.module.sha256 },
    evidence,
  };
}
