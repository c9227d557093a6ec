/**
 * @fileoverview `kestrel test`: every rule file with a tests file beside it (cases.ts) is
 * built, and each case's events run through the real pipeline (Wasm engine, detect stage,
 * processors) into a sink that only counts. The alert count is compared with the case's.
 */
import { relative, resolve } from "node:path";
import type { Alert } from "../runtime/alert.js";
import { loadRules, type RuleCompileOptions } from "../runtime/load-rules.js";
import { runPipeline } from "../runtime/pipeline.js";
import type { EventInput } from "../runtime/source.js";
import type { Sink } from "../sinks/sink.js";
import { readCases, testsFileFor, type TestCase } from "./cases.js";

export type CaseOutcome =
  | { readonly kind: "passed"; readonly test: TestCase }
  | { readonly kind: "failed"; readonly test: TestCase; readonly got: number; readonly rules: readonly string[]; readonly warnings: readonly string[] }
  | { readonly kind: "invalid"; readonly where: string; readonly why: string }
  | { readonly kind: "unbuilt"; readonly where: string; readonly diagnostics: readonly string[] };

export interface TestReport {
  readonly outcomes: readonly CaseOutcome[];
  /** Rule files with no tests file beside them. */
  readonly untested: readonly string[];
}

function memoryInput(name: string, text: string): EventInput {
  const bytes = Buffer.from(text);
  return {
    name,
    open: async function* () {
      yield bytes;
    },
    size: () => bytes.length,
  };
}

class CountingSink implements Sink {
  readonly name = "count";
  readonly alerts: Alert[] = [];
  async write(batch: readonly Alert[]): Promise<void> {
    this.alerts.push(...batch);
  }
  async close(): Promise<void> {}
}

export async function runRuleTests(ruleFiles: readonly string[], options: RuleCompileOptions, cwd: string): Promise<TestReport> {
  const outcomes: CaseOutcome[] = [];
  const untested: string[] = [];
  for (const file of ruleFiles) {
    const testsFile = testsFileFor(resolve(cwd, file));
    if (testsFile === undefined) {
      untested.push(file);
      continue;
    }
    const shown = relative(cwd, testsFile);
    const loaded = await loadRules([file], options, cwd);
    if (loaded.packages.length === 0) {
      outcomes.push({ kind: "unbuilt", where: shown, diagnostics: loaded.diagnostics });
      continue;
    }
    for (const read of readCases(testsFile, shown)) {
      if (read.kind === "invalid") {
        outcomes.push(read);
        continue;
      }
      const sink = new CountingSink();
      const warnings: string[] = [];
      await runPipeline({ packages: loaded.packages, inputs: [memoryInput(read.test.where, read.test.events.join("\n") + "\n")], sink, workers: 1, warn: (m) => warnings.push(m) });
      const got = sink.alerts.length;
      if (got === read.test.alerts && warnings.length === 0) outcomes.push({ kind: "passed", test: read.test });
      else outcomes.push({ kind: "failed", test: read.test, got, rules: [...new Set(sink.alerts.map((a) => a.rule.id))], warnings });
    }
  }
  return { outcomes, untested };
}
