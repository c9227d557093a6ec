/**
 * @fileoverview Job 4: SigmaHQ's regression data (../shared/datasets/sigma-regression),
 * labelled positives. Each labelled rule is found in ../shared/corpus/sigma and compiled
 * alone against schema `windows` (not compiling = unsupported, its error codes tallied);
 * the compiled rules are linked in batches (one package per LINK_BATCH rules) and run
 * through every engine (Wasm whole and chunked, the oracle after and before the passes)
 * over all flattened events, then judged per rule by
 * sigma-regression-judge.ts. Prints the summary table and flags stale baseline entries.
 */
import type { IrRule } from "../../compiler/ir/nodes.js";
import { loadSchema } from "../../compiler/schema/load.js";
import type { EventSchema } from "../../compiler/schema/schema.js";
import { assertNever } from "../../compiler/util/assert-never.js";
import { Baseline } from "./baseline.js";
import { compileText } from "./compile-case.js";
import { LINK_BATCH } from "./corpus-link.js";
import type { EventFile } from "./ndjson.js";
import { describeMalformed, idsFor, runEngines, type EngineIds } from "./run-engines.js";
import { readRegressionData, type EventShape, type RegressionCase } from "./sigma-regression-data.js";
import { judgeCase, type CaseOutcome, type JudgeContext, type RegressionReport } from "./sigma-regression-judge.js";
import { SigmaRuleFiles } from "./sigma-rule-files.js";
import { formatTable } from "./table.js";
import { Counter, type Tally } from "./tally.js";

interface Compiled {
  readonly c: RegressionCase;
  readonly rules: readonly IrRule[];
  /** The same rules before the passes. */
  readonly lowered: readonly IrRule[];
}

/** Compiles every case; judges at once those that cannot run (missing file, compiler threw). */
function compileCases(cases: readonly RegressionCase[], files: SigmaRuleFiles, schema: EventSchema, ctx: JudgeContext, verbose: boolean): Compiled[] {
  const out: Compiled[] = [];
  cases.forEach((c, n) => {
    const path = files.find(c.rulePath, c.ruleId);
    if (path === undefined) return judgeCase(c, { kind: "missing" }, ctx);
    const result = compileText(path, () => files.read(path), schema, (i) => `sr${n}_${i}`);
    switch (result.kind) {
      case "threw":
        return judgeCase(c, { kind: "not-run", why: `compiler threw: ${result.message.split("\n").slice(0, 3).join(" | ")}` }, ctx);
      case "unsupported":
        ctx.report.unsupported++;
        for (const code of result.codes) ctx.report.codes.add(code);
        if (verbose) console.log(`unsupported ${ctx.suite} ${c.ruleId} (${path}): ${result.codes.join(",")} ${result.first}`);
        return;
      case "compiled":
        out.push({ c, rules: result.rules, lowered: result.lowered });
        return;
      default:
        return assertNever(result);
    }
  });
  return out;
}

async function runBatch(batch: readonly Compiled[], schema: EventSchema, events: EventFile, ctx: JudgeContext): Promise<void> {
  let ids: EngineIds;
  try {
    ids = await runEngines({ rules: batch.flatMap((x) => x.rules), lowered: batch.flatMap((x) => x.lowered) }, schema, events);
  } catch (e) {
    const why = `its batch of ${batch.length} rules failed to link or run: ${e instanceof Error ? e.message : String(e)}`;
    for (const { c } of batch) judgeCase(c, { kind: "not-run", why }, ctx);
    return;
  }
  const malformed = describeMalformed(ids);
  ctx.tally.check(malformed === undefined, `${ctx.suite}: event lines reported malformed (${malformed ?? ""})`);
  for (const { c, rules } of batch) {
    const outcome: CaseOutcome = { kind: "ran", byEngine: idsFor(ids, rules.map((r) => r.id)) };
    judgeCase(c, outcome, ctx);
  }
}

/** The event shapes the data runs in: flattened under the windows schema, and as exported under the evtx schema (its pipeline maps Sigma's names). */
const shapes: readonly { readonly suite: string; readonly schema: string; readonly shape: EventShape }[] = [
  { suite: "sigma-regression", schema: "windows", shape: "flat" },
  { suite: "sigma-regression (evtx)", schema: "evtx", shape: "evtx" },
];

export async function runSigmaRegressionJob(shared: string, tally: Tally, verbose: boolean): Promise<void> {
  for (const s of shapes) await runShape(shared, s.suite, s.schema, s.shape, tally, verbose);
}

async function runShape(shared: string, suite: string, schemaName: string, shape: EventShape, tally: Tally, verbose: boolean): Promise<void> {
  const t0 = performance.now();
  const schema = loadSchema(schemaName);
  const data = readRegressionData(shared, shape);
  const baseline = Baseline.load();
  const report: RegressionReport = { labelled: data.cases.length, compiled: 0, matched: 0, failed: 0, known: 0, unsupported: 0, disagreements: 0, codes: new Counter() };
  const ctx: JudgeContext = { suite, baseline, tally, report, seen: new Set(), verbose };
  const compiled = compileCases(data.cases, SigmaRuleFiles.inShared(shared), schema, ctx, verbose);
  report.compiled = compiled.length;
  let batches = 0;
  for (let at = 0; at < compiled.length; at += LINK_BATCH, batches++) await runBatch(compiled.slice(at, at + LINK_BATCH), schema, data.events, ctx);
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(`Sigma regression data (schema ${schemaName}, ${shape === "flat" ? "events flattened" : "EVTX-JSON as exported"}; ${data.events.ids.length} events; ${batches} package(s); ${seconds} s)`);
  const header = ["labelled rules", "compiled", "matched", "failed", "known", "unsupported", "disagree", "unsupported codes (rules)"];
  const r = report;
  console.log(formatTable(header, [[r.labelled, r.compiled, r.matched, r.failed, r.known, r.unsupported, r.disagreements, r.codes.format()]]));
  for (const stale of baseline.unused(ctx.seen, [suite])) {
    tally.fail(`known-failures.json: ${stale.suite} rule ${stale.case} was not run or did not compile; remove it`);
  }
  console.log("");
}
