/**
 * @fileoverview `kestrel explain`: one rule against one event. Each per-event predicate of
 * the rule (one, or one per sequence/correlation step) becomes an explanation tree whose
 * leaves the engine judged (leaf-truth.ts); the root must equal the engine's verdict on
 * the whole predicate, or the explanation says it cannot be trusted.
 */
import type { IrRule } from "../../compiler/ir/nodes.js";
import { queryPredicates } from "../../compiler/ir/visit.js";
import type { EventSchema } from "../../compiler/schema/schema.js";
import { leafTruth } from "./leaf-truth.js";
import { absentFields, renderTree } from "./render.js";
import { explainTree, leavesOf, type ExplainNode } from "./tree.js";

export interface StepExplanation {
  readonly tree: ExplainNode;
  /** The engine's verdict on the whole predicate; equal to tree.result unless something is wrong. */
  readonly engine: boolean;
  readonly absent: readonly string[];
}

export type Explanation =
  | { readonly kind: "malformed" }
  | { readonly kind: "explained"; readonly steps: readonly StepExplanation[] };

export async function explainRule(rule: IrRule, schema: EventSchema, line: Uint8Array, event: unknown): Promise<Explanation> {
  const steps: StepExplanation[] = [];
  for (const predicate of queryPredicates(rule.query)) {
    const leaves = leavesOf(predicate);
    const truth = await leafTruth(leaves, predicate, schema, line);
    if (truth.malformed) return { kind: "malformed" };
    const tree = explainTree(predicate, (i) => truth.leaves.has(i));
    steps.push({ tree, engine: truth.whole, absent: absentFields(tree, event) });
  }
  return { kind: "explained", steps };
}

/** The explanation as the command prints it. */
export function explanationText(rule: IrRule, where: string, steps: readonly StepExplanation[], event: unknown): string[] {
  const lines = [`rule '${rule.title}' (${rule.id}, ${rule.language}, ${rule.source.path}:${rule.source.line}) against ${where}`];
  const many = steps.length > 1;
  steps.forEach((s, i) => {
    lines.push("");
    if (many) lines.push(`step ${i + 1} of ${steps.length} (${rule.query.kind}):`);
    lines.push(...renderTree(s.tree, event, 1));
    const verdict = s.tree.result ? "the event matches" : "the event does not match";
    lines.push(s.engine === s.tree.result ? `${verdict}${many ? " this step" : ""}` : `${verdict} by the tree, but the engine says ${s.engine ? "it matches" : "it does not"}: this explanation cannot be trusted; please report it`);
    if (!s.tree.result && s.absent.length > 0) lines.push(`fields the event lacks: ${s.absent.join(", ")} (a field the pipeline did not map, or another log source's event)`);
  });
  if (rule.query.kind !== "match") lines.push("", `a ${rule.query.kind} rule alerts on several events together; this shows what each step makes of this one event`);
  return lines;
}
