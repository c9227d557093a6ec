/**
 * @fileoverview IR to and from JSON text, with a format tag and version, validated on read.
 */
import type { IrRuleSet } from "./nodes.js";
import { validateRuleSet } from "./validate.js";

const FORMAT = "kestrel-ir";

export function ruleSetToJson(set: IrRuleSet): string {
  return JSON.stringify({ format: FORMAT, ...set }, null, 2) + "\n";
}

export function ruleSetFromJson(text: string): IrRuleSet {
  const raw = JSON.parse(text) as { format?: unknown } & IrRuleSet;
  if (raw.format !== FORMAT) throw new Error(`not a ${FORMAT} document`);
  const { format: _format, ...set } = raw;
  const problems = validateRuleSet(set);
  if (problems.length > 0) throw new Error(`invalid IR: ${problems.join("; ")}`);
  return set;
}
