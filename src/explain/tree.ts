/**
 * @fileoverview A predicate as an explanation tree: every leaf with its truth value, and
 * every and/or/not with the value its terms give it. Leaf values come from the engine
 * (leaf-truth.ts); combining them here follows the IR's two-valued logic, and the
 * command checks the root against the engine's own verdict for the whole predicate.
 */
import type { IrExpr } from "../../compiler/ir/nodes.js";
import { forEachExpr } from "../../compiler/ir/visit.js";

export type ExplainNode =
  | { readonly kind: "and" | "or"; readonly terms: readonly ExplainNode[]; readonly result: boolean }
  | { readonly kind: "not"; readonly term: ExplainNode; readonly result: boolean }
  | { readonly kind: "const"; readonly result: boolean }
  | { readonly kind: "leaf"; readonly leaf: IrExpr; readonly index: number; readonly result: boolean };

/** The leaves (every node but and/or/not/const), in the order explainTree numbers them. */
export function leavesOf(e: IrExpr): IrExpr[] {
  const out: IrExpr[] = [];
  forEachExpr(e, (n) => {
    if (isLeaf(n)) out.push(n);
  });
  return out;
}

function isLeaf(e: IrExpr): boolean {
  return e.kind !== "and" && e.kind !== "or" && e.kind !== "not" && e.kind !== "const";
}

export function explainTree(e: IrExpr, leafTrue: (index: number) => boolean): ExplainNode {
  let next = 0;
  const walk = (x: IrExpr): ExplainNode => {
    switch (x.kind) {
      case "and":
      case "or": {
        const terms = x.terms.map(walk);
        const result = x.kind === "and" ? terms.every((t) => t.result) : terms.some((t) => t.result);
        return { kind: x.kind, terms, result };
      }
      case "not": {
        const term = walk(x.term);
        return { kind: "not", term, result: !term.result };
      }
      case "const":
        return { kind: "const", result: x.value };
      default: {
        // Every other kind is a leaf (isLeaf), numbered in the pre-order leavesOf uses.
        const index = next++;
        return { kind: "leaf", leaf: x, index, result: leafTrue(index) };
      }
    }
  };
  return walk(e);
}
