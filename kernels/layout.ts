/**
 * @fileoverview The kernels' memory regions (package ABI "Memory map"): k_init lays out slots,
 * element arena, decode scratch, capture arena, match records and input from heapBase, grows
 * memory, and keeps every region base in a module global so the hot path uses plain loads
 * and stores. It also reads the package metadata (time slot, emit table) once.
 */
import { rules_field_table, rules_field_count, rule_count, rules_meta } from "./imports";
import { SLOT_BYTES, RECORD_BYTES, CAPTURE_BYTES, META_HEADER_BYTES, EMIT_BYTES, TIME_SOURCE_BYTES, VALUE_CELLS, VALUE_CELL_BYTES, VALUE_TEXT_BYTES } from "./abi";

/** Bytes per slot and per element-arena record (same layout). */
export const REC_SIZE: usize = SLOT_BYTES;
/** Array elements kept per line; later ones are dropped (the ABI leaves the bound to us). */
export const ARENA_CAP: u32 = 4096;
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
export let captureBase: usize = 0;
export let outBase: usize = 0;
/** Bytes of the match-record region, and the most one line's records can take. */
export let outBytes: u32 = 0;
export let lineRecordBytes: u32 = 0;
/** Time slot address (0: the package reads no time), its format, and the emit table. */
export let timeSlot: usize = 0;
export let timeFormat: u32 = 0;
export let emitTable: usize = 0;
export let emitCount: u32 = 0;
/** First entry of the capture list (u32 slot | flags << 24) that follows the emit table. */
export let captureList: usize = 0;
/** Fallback time sources (u32 slot + 1, u32 format), read in order when the time slot is missing or null. */
export let timeFallbacks: usize = 0;
export let timeFallbackCount: u32 = 0;
/** Computed-value cells and the text arena after them (kernels/values.ts). */
export let valueCellBase: usize = 0;
export let valueTextBase: usize = 0;
export let inputBase: usize = 0;
export let inputCap: u32 = 0;

/** Stand-in table (capacity 1, empty) for a package whose table says capacity 0. */
const emptyTable: usize = memory.data(24, 8);

@inline function align8(a: u64): u64 {
  return (a + 7) & ~(<u64>7);
}

/** Reads the metadata at rules_meta() and sums the worst case of one line's records. */
function readMeta(): void {
  const meta = <usize>rules_meta();
  const slot1 = load<u32>(meta);
  timeFormat = load<u32>(meta, 4);
  emitCount = load<u32>(meta, 8);
  emitTable = meta + META_HEADER_BYTES;
  captureList = emitTable + <usize>emitCount * EMIT_BYTES;
  let worst: u64 = RECORD_BYTES;
  let captures: u64 = 0;
  for (let e: u32 = 0; e < emitCount; e++) {
    const n = <u64>load<u32>(emitTable + <usize>e * EMIT_BYTES, 12);
    worst += <u64>RECORD_BYTES + n * CAPTURE_BYTES;
    captures += n;
  }
  timeFallbackCount = load<u32>(meta, 12);
  timeFallbacks = captureList + <usize>(captures << 2);
  lineRecordBytes = worst > 0xffffffff ? 0xffffffff : <u32>worst;
  timeSlot = slot1;
}

/**
 * Lays out the regions from heapBase. Scratch and the capture arena get inputCap bytes each:
 * a decoded string is never longer than its escaped source, and each line pins a slot's
 * string at most once, so neither can overflow. The record region is at least one line's
 * worst case, so k_scan always makes progress.
 */
export function k_init(heapBase: u32, inCap: u32, oBytes: u32): u32 {
  readMeta();
  const oCap = oBytes > lineRecordBytes ? oBytes : lineRecordBytes;
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
  const captures = a;
  a = align8(a + <u64>inCap + PAD);
  const out = a;
  a = align8(a + <u64>oCap);
  const cells = a;
  a += <u64>VALUE_CELLS * VALUE_CELL_BYTES;
  const texts = a;
  a = align8(a + <u64>VALUE_TEXT_BYTES + PAD);
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
  captureBase = <usize>captures;
  outBase = <usize>out;
  outBytes = oCap;
  timeSlot = timeSlot == 0 ? 0 : <usize>slots + <usize>(timeSlot - 1) * REC_SIZE;
  valueCellBase = <usize>cells;
  valueTextBase = <usize>texts;
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
