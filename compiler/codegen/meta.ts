/**
 * @fileoverview The package metadata bytes at `rules_meta()` (package ABI "Emit table"):
 * the time slot and format, then one entry per emit (rule, step, captures), then the
 * capture list those entries index (u32 slot | flags << 24), then the fallback time sources.
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
  const [primary, ...fallbacks] = plan.time;
  const bytes = new Uint8Array(abi.META_HEADER_BYTES + plan.emits.length * abi.EMIT_BYTES + captures * 4 + fallbacks.length * abi.TIME_SOURCE_BYTES);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, primary === undefined ? 0 : slot(primary.field.id) + 1, true);
  view.setUint32(4, primary === undefined ? 0 : timeFormatCodes[primary.format], true);
  view.setUint32(8, plan.emits.length, true);
  view.setUint32(12, fallbacks.length, true);
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
  for (const t of fallbacks) {
    view.setUint32(list, slot(t.field.id) + 1, true);
    view.setUint32(list + 4, timeFormatCodes[t.format], true);
    list += abi.TIME_SOURCE_BYTES;
  }
  return bytes;
}
