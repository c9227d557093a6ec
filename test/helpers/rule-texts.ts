/**
 * @fileoverview Rules written inline in a test (file name → text), compiled with no errors
 * allowed, linked into a package, and a runner that feeds generated event text through the
 * real runtime in 997-byte pieces (so lines split across chunks), alerts in input order.
 */
import * as assert from "uvu/assert";
import type { EqlDialect } from "../../compiler/frontends/frontend.js";
import { compileSources, type CompileResult } from "../../compiler/index.js";
import type { Alert } from "../../src/runtime/alert.js";
import type { CompiledPackage } from "../../src/runtime/bus/scan-batch.js";
import { bytesInput, collectAlerts, compiledPackage } from "./pipeline.js";

export interface InlineRules {
  readonly result: CompileResult;
  readonly packages: readonly CompiledPackage[];
  readonly runtimeAlerts: (text: string, workers: number) => Promise<Alert[]>;
}

/** `count`: the rules the files hold (default: one per file). */
export async function inlineRules(rules: Readonly<Record<string, string>>, schema: string, dialect: EqlDialect = "elastic", count = Object.keys(rules).length): Promise<InlineRules> {
  const result = compileSources(
    Object.entries(rules).map(([path, text]) => ({ path, read: () => text })),
    { schema, dialect },
  );
  assert.equal(result.diagnostics.filter((d) => d.severity === "error"), []);
  assert.is(result.ruleSet.rules.length, count);
  const packages = [await compiledPackage(result, "inline-rules")];
  const runtimeAlerts = (text: string, workers: number): Promise<Alert[]> =>
    collectAlerts({ packages, inputs: [bytesInput("<gen>", Buffer.from(text), 997)], workers, ordered: true, inputCapacity: 4096 });
  return { result, packages, runtimeAlerts };
}
