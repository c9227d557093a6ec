/**
 * @fileoverview An explanation tree as text: one line per node, indented like the IR
 * printer, marked [x] when it holds and [ ] when not; each leaf also shows what the event
 * holds in the fields it reads, "(absent)" when nothing.
 */
import type { FieldRef, IrExpr } from "../../compiler/ir/nodes.js";
import { printExpr } from "../../compiler/ir/print.js";
import { leafFields } from "../../compiler/ir/visit.js";
import { assertNever } from "../../compiler/util/assert-never.js";
import { showValue, valueAt } from "./event-values.js";
import type { ExplainNode } from "./tree.js";

/** The fields a leaf reads, each once. */
function distinctFields(leaf: IrExpr): FieldRef[] {
  const all = leafFields(leaf);
  return all.filter((f, i) => all.findIndex((g) => g.path === f.path) === i);
}

const mark = (b: boolean): string => (b ? "[x]" : "[ ]");

export function renderTree(node: ExplainNode, event: unknown, depth = 0): string[] {
  const pad = "  ".repeat(depth);
  switch (node.kind) {
    case "and":
    case "or":
      return [`${pad}${mark(node.result)} ${node.kind}`, ...node.terms.flatMap((t) => renderTree(t, event, depth + 1))];
    case "not":
      return [`${pad}${mark(node.result)} not`, ...renderTree(node.term, event, depth + 1)];
    case "const":
      return [`${pad}${mark(node.result)} ${String(node.result)}`];
    case "leaf": {
      const text = printExpr(node.leaf).replace(/\s*\n\s*/g, " ");
      const held = node.leaf.kind === "raw" ? "the event's raw text" : distinctFields(node.leaf).map((f) => `${f.path} = ${showValue(valueAt(event, f.path))}`).join(", ");
      return [`${pad}${mark(node.result)} ${text}    ← ${held}`];
    }
    default:
      return assertNever(node);
  }
}

/** Fields read by leaves that did not hold and that the event lacks: the usual silent non-match. */
export function absentFields(node: ExplainNode, event: unknown): string[] {
  const out = new Set<string>();
  const walk = (n: ExplainNode): void => {
    switch (n.kind) {
      case "and":
      case "or":
        n.terms.forEach(walk);
        return;
      case "not":
        walk(n.term);
        return;
      case "const":
        return;
      case "leaf":
        if (!n.result) for (const f of distinctFields(n.leaf)) if (valueAt(event, f.path) === undefined) out.add(f.path);
        return;
      default:
        assertNever(n);
    }
  };
  walk(node);
  return [...out];
}
