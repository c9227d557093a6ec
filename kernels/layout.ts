/**
 * @fileoverview The kernels' memory regions (package ABI "Memory map"): k_init lays out slots,
 * element arena, decode scratch, match records and input from heapBase, grows memory, and keeps
 * every region base in a module global so the hot path uses plain loads and stores.
 */
import { rules_field_table, rules_field_count, rule_count } from "./imports";

/** Bytes per slot and per element-arena record (same layout). */
export const REC_SIZE: usize = 32;
/** Bytes per match record. */
export const MATCH_SIZE: usize = 16;
/** Array elements kept per line; later ones are dropped (the ABI leaves the bound to us). */
export const ARENA_CAP: u32 = 4096;
/** Deepest container nesting a line may have; deeper lines are malformed. */
export const MAX_DEPTH: u32 = 128;
/** Slack after scratch and input so 8-byte reads near their ends stay inside memory. */
const PAD: u64 = 16;

export let fieldCount: u32 = 0;
export let ruleCount: u32 = 0;
/** First hash-table entry, and capacity - 1. */
export let tableBase: usize = 0;
export let tableMask: u32 = 0;
export let slotBase: usize = 0;
export let arenaBase: usize = 0;
export let scratchBase: usize = 0;
export let outBase: usize = 0;
export let outCap: u32 = 0;
export let inputBase: usize = 0;
export let inputCap: u32 = 0;

/** Stand-in table (capacity 1, empty) for a package whose table says capacity 0. */
const emptyTable: usize = memory.data(24, 8);

@inline function align8(a: u64): u64 {
  return (a + 7) & ~(<u64>7);
}

/**
 * Lays out the regions from heapBase. Scratch gets inputCap bytes because a decoded string is
 * never longer than its escaped source, so one line can never overflow it.
 */
export function k_init(heapBase: u32, inCap: u32, oCap: u32): u32 {
  let table = <usize>rules_field_table();
  let cap = load<u32>(table);
  if (cap == 0 || (cap & (cap - 1)) != 0) {
    table = emptyTable;
    cap = 1;
  }
  const fields = rules_field_count();
  let a = align8(<u64>heapBase);
  const slots = a;
  a = align8(a + <u64>fields * REC_SIZE);
  const arena = a;
  a += <u64>ARENA_CAP * REC_SIZE;
  const scratch = a;
  a = align8(a + <u64>inCap + PAD);
  const out = a;
  a += <u64>oCap * MATCH_SIZE;
  const input = a;
  a = align8(a + <u64>inCap + PAD);
  if (a > 0x100000000) return 1;
  const pages = <i32>((a + 0xffff) >> 16);
  const have = memory.size();
  if (pages > have && memory.grow(pages - have) < 0) return 1;
  tableBase = table + 8;
  tableMask = cap - 1;
  fieldCount = fields;
  ruleCount = rule_count();
  slotBase = <usize>slots;
  arenaBase = <usize>arena;
  scratchBase = <usize>scratch;
  outBase = <usize>out;
  outCap = oCap;
  inputBase = <usize>input;
  inputCap = inCap;
  return 0;
}

/** Where the host writes up to inputCap bytes of NDJSON. */
export function k_input_ptr(): u32 {
  return <u32>inputBase;
}

/** First match record. */
export function k_out_ptr(): u32 {
  return <u32>outBase;
}
