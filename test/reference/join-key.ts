/**
 * @fileoverview The oracle's join key of an event for one step of a sequence or join (IR
 * `IrStep`): its `by` values' canonical hashes, where a missing or null value is the value
 * null if the step's `nullable` allows it and otherwise leaves the event out (undefined).
 */
import type { IrStep } from "../../compiler/ir/nodes.js";
import { canonicalHash } from "./canonical-value.js";
import type { JsonValue } from "./json-value.js";

export function stepJoinKey(step: IrStep, paths: ReadonlyMap<string, JsonValue>): string | undefined {
  const values = step.by.map((f) => paths.get(f.path));
  if (values.some((v, i) => (v === undefined || v.t === "null") && step.nullable?.[i] !== true)) return undefined;
  return values.map((v) => (v === undefined || v.t === "null" ? "null" : canonicalHash(v, false).toString(16))).join(":");
}
