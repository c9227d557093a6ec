/**
 * @fileoverview Job 1: one EQL conformance suite (a TOML file over a JSON event array).
 * Each case is compiled alone; cases that do not compile are "unsupported" (their
 * error codes tallied). The compiled cases run together as one package through both
 * engines; each engine's ids must equal expected_event_ids and the engines must agree.
 * Kestrel's `==` is case-sensitive, so cases marked only `case_insensitive` are skipped.
 * Wrong ids are failures unless baselined; a baselined case that passes is a failure.
 */
import { readFileSync } from "node:fs";
import type { IrRule } from "../../compiler/ir/nodes.js";
import type { EventSchema } from "../../compiler/schema/schema.js";
import { assertNever } from "../../compiler/util/assert-never.js";
import { Baseline } from "./baseline.js";
import { compileText } from "./compile-case.js";
import { jsonArrayToNdjson, type EventFile } from "./ndjson.js";
import { runBoth, type EngineIds } from "./run-both.js";
import { Counter, type Tally } from "./tally.js";
import { readCases, type EqlCase } from "./toml-cases.js";

export interface EqlSuiteSpec {
  /** How the report and the baseline name the suite, e.g. "eql/test_queries.toml". */
  readonly label: string;
  readonly tomlPath: string;
  readonly dataPath: string;
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
  const events = jsonArrayToNdjson(readFileSync(spec.dataPath, "utf8"), "serial_event_id");
  const report: SuiteReport = { label: spec.label, total: cases.length, skipped: 0, compiled: 0, passed: 0, failed: 0, known: 0, unsupported: 0, disagreements: 0, codes: new Counter() };
  const compiled: { c: EqlCase; rule: IrRule }[] = [];
  for (const c of cases) {
    if (c.caseInsensitiveOnly) {
      report.skipped++;
      continue;
    }
    const result = compileText(`case_${c.index}.eql`, () => c.query, ctx.schema, () => `case_${c.index}`);
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
        break;
      default:
        assertNever(result);
    }
  }
  report.compiled = compiled.length;
  const ids = await runAll(compiled.map((x) => x.rule), ctx.schema, events, spec.label, ctx);
  for (const { c, rule } of compiled) {
    const got = ids === undefined ? undefined : { ref: ids.ref.get(rule.id) ?? [], wasm: ids.wasm.get(rule.id) ?? [], chunked: ids.wasmChunked.get(rule.id) ?? [] };
    judge(spec.label, c, got, report, ctx);
  }
  return report;
}

async function runAll(rules: IrRule[], schema: EventSchema, events: EventFile, label: string, ctx: SuiteContext): Promise<EngineIds | undefined> {
  try {
    const ids = await runBoth(rules, schema, events);
    const malformed = ids.refMalformed.length + ids.wasmMalformed.length;
    ctx.tally.check(malformed === 0, `${label}: event lines reported malformed (ref ${ids.refMalformed.join(",")}; wasm ${ids.wasmMalformed.join(",")})`);
    return ids;
  } catch (e) {
    ctx.tally.fail(`${label}: linking or running the ${rules.length} compiled cases threw: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}

function same(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

interface Got {
  readonly ref: readonly number[];
  readonly wasm: readonly number[];
  /** The Wasm package fed in small pushes. */
  readonly chunked: readonly number[];
}

function judge(label: string, c: EqlCase, got: Got | undefined, report: SuiteReport, ctx: SuiteContext): void {
  const key = Baseline.key(label, c.id);
  ctx.seen.add(key);
  const known = ctx.baseline.get(label, c.id);
  const where = `${label} case ${c.id}`;
  if (got === undefined) {
    report.failed++;
    ctx.tally.fail(`${where}: not run (its batch failed)`);
    return;
  }
  const { ref, wasm, chunked } = got;
  const detail = `expected [${c.expected.join(",")}], reference [${ref.join(",")}], wasm [${wasm.join(",")}], wasm chunked [${chunked.join(",")}]`;
  if (!same(ref, wasm) || !same(wasm, chunked)) {
    report.disagreements++;
    report.failed++;
    ctx.tally.fail(`${where}: engines disagree: ${detail}`);
    return;
  }
  const ok = same(ref, c.expected);
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
