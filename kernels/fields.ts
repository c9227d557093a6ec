/**
 * @fileoverview Field-path hashing and the field hash table lookup (package ABI "Field hash
 * table"): 64-bit FNV-1a over the dotted path, linear probing, hit on equal hash and length.
 */
import { tableBase, tableMask, slotBase, REC_SIZE } from "./layout";

export const FNV_BASIS: u64 = 0xcbf29ce484222325;
export const FNV_PRIME: u64 = 0x100000001b3;

@inline export function fnvByte(h: u64, b: u32): u64 {
  return (h ^ <u64>b) * FNV_PRIME;
}

/** Slot address of the field with this path hash and byte length, or 0 when not referenced. */
export function lookupField(h: u64, len: u32): usize {
  let i = <u32>h & tableMask;
  // At most capacity probes, so a table without empty entries cannot hang the scanner.
  for (let n: u32 = 0; n <= tableMask; n++) {
    const e = tableBase + (<usize>i << 4);
    const slot1 = load<u32>(e, 8);
    if (slot1 == 0) return 0;
    if (load<u64>(e) == h && load<u32>(e, 12) == len) {
      return slotBase + <usize>(slot1 - 1) * REC_SIZE;
    }
    i = (i + 1) & tableMask;
  }
  return 0;
}
