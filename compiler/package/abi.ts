/**
 * @fileoverview The package ABI's numbers, in one place (docs/package-abi.md): format and
 * ABI versions, the memory base of the rule constants, the match record and capture
 * layouts, slot tags, time formats and statuses, and the kernels' limits. The
 * AssemblyScript kernels get these as `kernels/abi.ts`, generated from this file by
 * `scripts/gen-kernel-abi.ts` (a test fails when the two differ), and the runtime reads
 * records with the same offsets.
 */

export const ABI_VERSION = 2;

/** Every number the kernels share with the compiler and the runtime; all fit an unsigned 32-bit integer. */
export const abi = {
  /** First byte of the rule constants; below it lives the kernels' static data. */
  RULE_DATA_BASE: 65536,
  /** Bytes per slot and per element-arena record. */
  SLOT_BYTES: 32,
  /** Deepest container nesting an event line may have; deeper lines are malformed. */
  MAX_DEPTH: 128,

  /** Match record header: u32 lineStart, lineLen, lineIndex, rule; i64 time; u16 step; u8 time status; u8 capture count; u32 reserved. */
  RECORD_BYTES: 32,
  REC_LINE_START: 0,
  REC_LINE_LEN: 4,
  REC_LINE_INDEX: 8,
  REC_RULE: 12,
  REC_TIME: 16,
  REC_STEP: 24,
  REC_TIME_STATUS: 26,
  REC_CAPTURES: 27,
  /** `rule` with this bit set marks a malformed line; the low bits are the byte offset of the error. */
  MALFORMED_BIT: 0x80000000,

  /** Capture entry after the header: u64 hash, u32 ptr, u32 len, u8 tag, 7 bytes pad. */
  CAPTURE_BYTES: 24,
  CAP_HASH: 0,
  CAP_PTR: 8,
  CAP_LEN: 12,
  CAP_TAG: 16,
  /** Capture flag (high byte of a capture-list entry): fold ASCII case before hashing. */
  CAPTURE_FOLD: 1,

  /** Slot tags. */
  TAG_MISSING: 0,
  TAG_NULL: 1,
  TAG_STRING: 2,
  TAG_NUMBER: 3,
  TAG_TRUE: 4,
  TAG_FALSE: 5,
  TAG_ARRAY: 6,
  TAG_OBJECT: 7,

  /** Time status of a record. */
  TIME_OK: 0,
  TIME_MISSING: 1,
  TIME_UNPARSEABLE: 2,

  /** Time format codes (schema `timestamp.format`). */
  TIME_ISO8601: 0,
  TIME_EPOCH_S: 1,
  TIME_EPOCH_MS: 2,
  TIME_EPOCH_NS: 3,
  TIME_FILETIME: 4,

  /**
   * Package metadata at `rules_meta()`: u32 timeSlot + 1 (0: none), u32 time format, u32 emit
   * count, u32 fallback time-source count; then the emit table, the capture list, and the
   * fallback time sources (u32 slot + 1, u32 format each).
   */
  META_HEADER_BYTES: 16,
  TIME_SOURCE_BYTES: 8,
  /** Emit table entry: u32 rule, u32 step, u32 first capture-list index, u32 capture count. The capture list (u32 slot | flags << 24) follows the table. */
  EMIT_BYTES: 16,

  /**
   * Computed values (compiler/ir/value.ts): a leaf evaluates into cells (u8 tag, u32 ptr at 4,
   * u32 len at 8, i64/f64 at 16), and the texts it builds (concat, string) go to a text arena
   * of VALUE_TEXT_BYTES, reset per leaf; a text that does not fit makes the value null.
   */
  VALUE_CELLS: 256,
  VALUE_CELL_BYTES: 24,
  VALUE_TEXT_BYTES: 65536,
  VALUE_NULL: 0,
  VALUE_BOOL: 1,
  VALUE_INT: 2,
  VALUE_FLOAT: 3,
  VALUE_STRING: 4,
  /** Date parts a value's ISO-8601 text yields (Sigma's time modifiers), the `part` of v_datepart. */
  DATE_MINUTE: 0,
  DATE_HOUR: 1,
  DATE_DAY: 2,
  DATE_WEEK: 3,
  DATE_MONTH: 4,
  DATE_YEAR: 5,
} as const;

export type AbiConstant = keyof typeof abi;

/** Time format names as schemas spell them → ABI codes. */
export const timeFormatCodes = {
  iso8601: abi.TIME_ISO8601,
  epoch_s: abi.TIME_EPOCH_S,
  epoch_ms: abi.TIME_EPOCH_MS,
  epoch_ns: abi.TIME_EPOCH_NS,
  filetime: abi.TIME_FILETIME,
} as const;

/** Record size with `captures` capture entries. */
export function recordBytes(captures: number): number {
  return abi.RECORD_BYTES + captures * abi.CAPTURE_BYTES;
}
