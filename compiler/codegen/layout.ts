/**
 * @fileoverview Decides the package's data layout: one slot per referenced field, and
 * the FNV-1a keyed open-addressing table the kernels' JSON scanner uses to find a key's
 * slot (docs/package-abi.md, "Field hash table").
 */
import type { FieldRef } from "../ir/nodes.js";

export interface FieldSlot {
  readonly slot: number;
  readonly field: FieldRef;
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;

export function fnv1a64(bytes: Uint8Array): bigint {
  let h = FNV_OFFSET;
  for (const b of bytes) h = BigInt.asUintN(64, (h ^ BigInt(b)) * FNV_PRIME);
  return h;
}

/** Slots in field-id order, so the layout does not depend on rule order. */
export function assignSlots(fields: Iterable<FieldRef>): FieldSlot[] {
  const byId = new Map<number, FieldRef>();
  for (const f of fields) {
    const known = byId.get(f.id);
    // Two open fields whose hashed IDs collide (about 1 in 10^9 per pair) would share a slot.
    if (known !== undefined && known.path !== f.path) throw new Error(`internal: fields '${known.path}' and '${f.path}' share id ${f.id}`);
    byId.set(f.id, f);
  }
  return [...byId.values()].sort((a, b) => a.id - b.id).map((field, slot) => ({ slot, field }));
}

/** The hash table bytes: u32 capacity, u32 pad, then 16-byte entries. */
export function fieldTableBytes(slots: readonly FieldSlot[]): Uint8Array {
  let capacity = 8;
  while (capacity < slots.length * 2) capacity *= 2;
  const bytes = new Uint8Array(8 + capacity * 16);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, capacity, true);
  const encoder = new TextEncoder();
  for (const { slot, field } of slots) {
    const path = encoder.encode(field.path);
    const hash = fnv1a64(path);
    let i = Number(hash & BigInt(capacity - 1));
    while (view.getUint32(8 + i * 16 + 8, true) !== 0) i = (i + 1) & (capacity - 1);
    const at = 8 + i * 16;
    view.setBigUint64(at, hash, true);
    view.setUint32(at + 8, slot + 1, true);
    view.setUint32(at + 12, path.length, true);
  }
  return bytes;
}
