/**
 * @fileoverview The package metadata bytes at `rules_meta()` (package ABI "Emit table"):
 * the time slot and format, then one entry per emit (rule, step, captures), then the
 * capture list those entries index (u32 slot | flags << 24).
 */
import { abi, timeFormatCodes } from "../package/abi.js";
import type { PackagePlan } from "./captures.js";

export function metaBytes(plan: PackagePlan, slotOf: (fieldId: number) => number | undefined): Uint8Array {
  const slot = (id: number): number => {
    const s = slotOf(id);
    if (s === undefined) throw new Error(`internal: field ${id} has no slot`);
    return s;
  };
  const captures = plan.emits.reduce((n, e) => n + e.captures.length, 0);
  const bytes = new Uint8Array(abi.META_HEADER_BYTES + plan.emits.length * abi.EMIT_BYTES + captures * 4);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, plan.time === undefined ? 0 : slot(plan.time.field.id) + 1, true);
  view.setUint32(4, plan.time === undefined ? 0 : timeFormatCodes[plan.time.format], true);
  view.setUint32(8, plan.emits.length, true);
  let entry = abi.META_HEADER_BYTES;
  let list = abi.META_HEADER_BYTES + plan.emits.length * abi.EMIT_BYTES;
  let index = 0;
  for (const e of plan.emits) {
    if (e.captures.length > 255) throw new Error(`internal: rule ${e.rule} captures more than 255 values`);
    view.setUint32(entry, e.rule, true);
    view.setUint32(entry + 4, e.step, true);
    view.setUint32(entry + 8, index, true);
    view.setUint32(entry + 12, e.captures.length, true);
    entry += abi.EMIT_BYTES;
    for (const c of e.captures) {
      view.setUint32(list, (slot(c.field.id) | ((c.foldCase ? abi.CAPTURE_FOLD : 0) << 24)) >>> 0, true);
      list += 4;
      index++;
    }
  }
  return bytes;
}
