/**
 * @fileoverview Which leaves of a predicate hold for one event, as the engine decides: each
 * leaf becomes a rule of its own in one package (plus the whole predicate, last), built
 * with the same compiler and scanned by the same Wasm kernels as a real run. So an
 * explanation never comes from a second evaluator that could disagree with the engine.
 */
import type { IrExpr, IrRule, IrRuleSet } from "../../compiler/ir/nodes.js";
import type { EventSchema } from "../../compiler/schema/schema.js";
import { PackageEngine } from "../runtime/engine.js";
import { loadCompiler } from "../util/load-compiler.js";

export interface LeafTruth {
  /** Indexes of the leaves that hold. */
  readonly leaves: ReadonlySet<number>;
  /** The engine's verdict on the whole predicate. */
  readonly whole: boolean;
  /** The event line is not a JSON object the scanner accepts. */
  readonly malformed: boolean;
}

function asRule(id: string, predicate: IrExpr): IrRule {
  return { id, title: id, language: "json", source: { path: "explain", line: 1 }, severity: "low", author: [], tags: [], action: "alert", description: "", query: { kind: "match", predicate } };
}

export async function leafTruth(leaves: readonly IrExpr[], whole: IrExpr, schema: EventSchema, line: Uint8Array): Promise<LeafTruth> {
  const { linkRuleSet } = await loadCompiler();
  const rules = [...leaves.map((l, i) => asRule(`leaf-${i}`, l)), asRule("whole", whole)];
  const ruleSet: IrRuleSet = { version: 1, schema: { id: schema.id, hash: schema.hash }, rules };
  const built = await linkRuleSet({ ruleSet, schema }, "explain");
  const engine = await PackageEngine.fromWasm(built.wasm, built.manifest, { inputCapacity: Math.max(1 << 16, line.length + 1) });
  const scan = engine.scan({ seq: 0, source: "event", firstLine: 1, bytes: line }, true);
  const hit = new Set(scan.matches.map((m) => m.rule));
  return { leaves: new Set([...hit].filter((r) => r < leaves.length)), whole: hit.has(leaves.length), malformed: scan.malformed.length > 0 };
}
