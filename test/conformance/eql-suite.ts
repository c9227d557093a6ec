/**
 * @fileoverview Job 1: one EQL conformance suite (a TOML file over a JSON event array).
 * Each case is compiled alone; cases that do not compile are "unsupported" (their
 * error codes tallied). The compiled cases run together as one package through every
 * engine (Wasm whole and chunked, the oracle after and before the passes); the engines
 * must agree, and their ids must equal expected_event_ids. Sequences are checked twice:
 * the events passing each step must agree across those engines, then the sequences the
 * runtime's detect stage builds must agree with the sequence oracle's (after and before
 * the passes) and equal expected_event_ids, alert after alert.
 * The endgame suite runs in the endgame dialect (its `case_sensitive`-only cases skipped),
 * the Elasticsearch suites in the elastic dialect (their `case_insensitive`-only cases skipped).
 * Wrong ids are failures unless baselined; a baselined case that passes is a failure.
 */
import { readFileSync } from "node:fs";
import type { IrRule } from "../../compiler/ir/nodes.js";
import type { EqlDialect } from "../../compiler/frontends/frontend.js";
import type { EventSchema } from "../../compiler/schema/schema.js";
import { assertNever } from "../../compiler/util/assert-never.js";
import { Baseline } from "./baseline.js";
import { compileText } from "./compile-case.js";
import { jsonArrayToNdjson, type EventFile } from "./ndjson.js";
import { AFTER_PASSES } from "../helpers/differential.js";
import { queryPredicates } from "../../compiler/ir/visit.js";
import { ORACLE_AFTER, runStateful, type StatefulIds } from "./run-stateful.js";
import { describeDisagreement, describeMalformed, idsFor, runEngines, type EngineIds, type RuleBatch } from "./run-engines.js";
import { Counter, type Tally } from "./tally.js";
import { readCases, type EqlCase } from "./toml-cases.js";

export interface EqlSuiteSpec {
  /** How the report and the baseline name the suite, e.g. "eql/test_queries.toml". */
  readonly label: string;
  readonly tomlPath: string;
  readonly dataPath: string;
  /** The dialect the suite is written for; cases marked for the other case mode are skipped. */
  readonly dialect: EqlDialect;
  /** The events' id field (default serial_event_id). */
  readonly idField?: string;
  /** The suite's own schema (default: the job's). */
  readonly schema?: EventSchema;
}

/**
 * A JSON array of events; Elasticsearch's `.data` files carry `//` comment lines, and their
 * `@timestamp` (mapped as `date`, default format strict_date_optional_time||epoch_millis)
 * may be a string of epoch milliseconds beside ISO 8601 ones: those are rewritten to ISO
 * 8601, as Elasticsearch reads them, since a Kestrel schema gives a field one time format.
 */
export function readEventArray(path: string): string {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => !l.trim().startsWith("//"))
    .join("\n")
    .replace(/("@timestamp"\s*:\s*)"(\d{1,15})"/g, (_, key: string, ms: string) => `${key}"${new Date(Number(ms)).toISOString()}"`);
}

export interface SuiteReport {
  readonly label: string;
  total: number;
  skipped: number;
  compiled: number;
  passed: number;
  failed: number;
  known: number;
  unsupported: number;
  disagreements: number;
  readonly codes: Counter;
}

export interface SuiteContext {
  readonly schema: EventSchema;
  readonly baseline: Baseline;
  readonly tally: Tally;
  /** Baseline keys of cases that were judged, to find stale entries. */
  readonly seen: Set<string>;
  /** Print every failing case's detail. */
  readonly verbose: boolean;
}

export async function runEqlSuite(spec: EqlSuiteSpec, ctx: SuiteContext): Promise<SuiteReport> {
  const cases = readCases(spec.tomlPath);
  const events = jsonArrayToNdjson(readEventArray(spec.dataPath), spec.idField ?? "serial_event_id");
  const schema = spec.schema ?? ctx.schema;
  const report: SuiteReport = { label: spec.label, total: cases.length, skipped: 0, compiled: 0, passed: 0, failed: 0, known: 0, unsupported: 0, disagreements: 0, codes: new Counter() };
  const compiled: { c: EqlCase; rule: IrRule }[] = [];
  const lowered: IrRule[] = [];
  for (const c of cases) {
    if (spec.dialect === "endgame" ? c.caseSensitiveOnly : c.caseInsensitiveOnly) {
      report.skipped++;
      continue;
    }
    const result = compileText(`case_${c.index}.eql`, () => c.query, schema, () => `case_${c.index}`, spec.dialect);
    switch (result.kind) {
      case "threw":
        report.failed++;
        ctx.tally.fail(`${spec.label} case ${c.id}: compiler threw: ${result.message}`);
        break;
      case "unsupported":
        report.unsupported++;
        for (const code of result.codes) report.codes.add(code);
        if (ctx.verbose) console.log(`unsupported ${spec.label} case ${c.id}: ${result.codes.join(",")} ${result.first}`);
        break;
      case "compiled":
        for (const rule of result.rules) compiled.push({ c, rule });
        lowered.push(...result.lowered);
        break;
      default:
        assertNever(result);
    }
  }
  report.compiled = compiled.length;
  const batch = { rules: compiled.map((x) => x.rule), lowered };
  const ids = await runAll(batch, schema, events, spec.label, ctx);
  const stateful = await runStatefulAll(statefulOnly(batch), schema, events, spec.label, ctx);
  for (const { c, rule } of compiled) {
    const steps = queryPredicates(rule.query).length;
    if (!hasResults(rule)) {
      judge(spec.label, c, ids === undefined ? undefined : idsFor(ids, [rule.id]), AFTER_PASSES, report, ctx);
      continue;
    }
    // Each step's events must agree first; then the results built from them.
    const perStep = ids === undefined ? undefined : idsFor(ids, steps === 1 ? [rule.id] : Array.from({ length: steps }, (_, k) => `${rule.id}#${k}`));
    const stepProblem = perStep === undefined ? undefined : describeDisagreement(perStep);
    if (stepProblem !== undefined) {
      report.disagreements++;
      report.failed++;
      ctx.tally.fail(`${spec.label} case ${c.id}: engines disagree on the events passing each step: ${stepProblem}`);
      continue;
    }
    const got = stateful === undefined ? undefined : new Map([...stateful].map(([name, byRule]) => [name, byRule.get(rule.id) ?? []]));
    judge(spec.label, c, got, ORACLE_AFTER, report, ctx);
  }
  return report;
}

/** Whether a rule's results are more than its matches (a sequence, or pipes). */
function hasResults(rule: IrRule): boolean {
  return queryPredicates(rule.query).length > 1 || rule.pipes !== undefined;
}

/** The batch's rules with results (hasResults), with their lowered forms. */
function statefulOnly(batch: RuleBatch): RuleBatch {
  const ids = new Set(batch.rules.filter(hasResults).map((r) => r.id));
  return { rules: batch.rules.filter((r) => ids.has(r.id)), lowered: batch.lowered.filter((r) => ids.has(r.id)) };
}

async function runStatefulAll(batch: RuleBatch, schema: EventSchema, events: EventFile, label: string, ctx: SuiteContext): Promise<StatefulIds | undefined> {
  if (batch.rules.length === 0) return new Map();
  try {
    return await runStateful(batch, schema, events);
  } catch (e) {
    ctx.tally.fail(`${label}: running the ${batch.rules.length} stateful cases threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return undefined;
  }
}

async function runAll(batch: RuleBatch, schema: EventSchema, events: EventFile, label: string, ctx: SuiteContext): Promise<EngineIds | undefined> {
  try {
    const ids = await runEngines(batch, schema, events);
    const malformed = describeMalformed(ids);
    ctx.tally.check(malformed === undefined, `${label}: event lines reported malformed (${malformed ?? ""})`);
    return ids;
  } catch (e) {
    ctx.tally.fail(`${label}: linking or running the ${batch.rules.length} compiled cases threw: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}

function same(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** `got` is engine name → the case's matched event ids; `reference` names the engine quoted when all agree. */
function judge(label: string, c: EqlCase, got: ReadonlyMap<string, readonly number[]> | undefined, reference: string, report: SuiteReport, ctx: SuiteContext): void {
  const key = Baseline.key(label, c.id);
  ctx.seen.add(key);
  const known = ctx.baseline.get(label, c.id);
  const where = `${label} case ${c.id}`;
  if (got === undefined) {
    report.failed++;
    ctx.tally.fail(`${where}: not run (its batch failed)`);
    return;
  }
  const disagreement = describeDisagreement(got);
  if (disagreement !== undefined) {
    report.disagreements++;
    report.failed++;
    ctx.tally.fail(`${where}: engines disagree: ${disagreement}; expected [${c.expected.join(",")}]`);
    return;
  }
  const ref = got.get(reference) ?? [];
  const detail = `expected [${c.expected.join(",")}], got [${ref.join(",")}] from every engine`;
  const ok = [c.expected, ...c.alternatives].some((e) => same(ref, e));
  if (ok && known === undefined) {
    report.passed++;
    ctx.tally.pass();
  } else if (ok) {
    report.failed++;
    ctx.tally.fail(`${where}: now passing, remove from baseline (${known?.reason ?? ""})`);
  } else if (known !== undefined) {
    report.known++;
    if (ctx.verbose) console.log(`known failure ${where}: ${detail} (${known.reason})`);
  } else {
    report.failed++;
    ctx.tally.fail(`${where}: wrong ids: ${detail}`);
  }
}
