/**
 * @fileoverview The ordered list of IR passes every rule goes through after lowering.
 */
import type { IrRule } from "../ir/nodes.js";
import type { Pass } from "./pass.js";
import { simplifyBoolean } from "./simplify-boolean.js";

export const passes: readonly Pass[] = [simplifyBoolean];

export function runPasses(rule: IrRule): IrRule {
  return passes.reduce((r, p) => p.run(r), rule);
}
