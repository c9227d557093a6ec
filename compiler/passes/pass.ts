/**
 * @fileoverview A pass is a named, pure IR → IR function over one rule.
 */
import type { IrRule } from "../ir/nodes.js";

export interface Pass {
  readonly name: string;
  run(rule: IrRule): IrRule;
}
