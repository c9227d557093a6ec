/**
 * @fileoverview Computed values inside a predicate: EQL's arithmetic, value functions
 * (`substring`, `concat`, `number`…) and comparisons between them. An IrExpr `value`
 * leaf holds when its IrValue evaluates to boolean true; the Wasm evaluates it with the
 * value kernels (kernels/values.ts), the oracle with test/reference/value.ts.
 *
 * Semantics (both implementations follow them; EQL's null is three-valued logic's unknown):
 * - A value is null, a boolean, an int (i64), a float (f64) or a string (UTF-8).
 * - `field` reads a scalar: a string, a number (an int when its JSON text is an integer
 *   that fits i64, else a float), a boolean; missing, null, arrays and objects are null.
 * - Any function with a null argument is null, except `is_null` and `and`/`or`/`not`
 *   (Kleene logic; a non-boolean operand counts as null). EQL's `x == null` is `is_null(x)`.
 * - Arithmetic needs two numbers, else null: int with int stays int (wrapping i64), else
 *   float. `divide`/`modulo` on two ints truncate toward zero and take the dividend's
 *   sign (as Elasticsearch's Java does); `true_divide` always divides as floats, and
 *   `floor_divide`/`floor_modulo` round toward negative infinity and take the divisor's
 *   sign (the reference engine's Python 2 `/`, `%`). A zero divisor gives null.
 * - Comparisons: numbers numerically; strings by UTF-8 bytes (ASCII folded when
 *   `caseInsensitive`); booleans by value for eq/ne; other mixes are unequal, unordered (null).
 * - Strings count characters (code points): `length`, `substring` (Python slice bounds:
 *   negative counts from the end, clamped), `index_of` (from a start clamped to 0; null when
 *   absent). `between(s, left, right[, greedy])` is the text after the first `left` and
 *   before the next (greedy: the last) `right`, "" when either is absent.
 * - `string` and `concat` write numbers as JSON would (ints in decimal, floats with up to
 *   15 significant digits and `.0` when whole) and booleans as `true`/`false`.
 * - `number(s[, base])`: a number stays; a string parses with JSON's number grammar (an int
 *   when integral and within i64) in base 10 (the default; a null base is the default), or as an integer in base 2–36 (a `0x` prefix selects and is
 *   skipped for base 16); text that does not parse gives null.
 * - `wildcard(s, p)`: `*`/`?` pattern match of the whole string (`\` escapes).
 * - `minute`/`hour`/`day`/`week`/`month`/`year(s)`: the part of the UTC date-time an ISO-8601
 *   string (the schema timestamp grammar: `YYYY-MM-DD[Thh:mm[:ss[.f]]][Z|±hh:mm]`) names, as an
 *   int (`week` is the ISO-8601 week, 1–53); anything else is null (Sigma's time modifiers).
 */
import { abi } from "../package/abi.js";
import { assertNever } from "../util/assert-never.js";
import type { FieldRef } from "./nodes.js";

export type IrScalar =
  | { readonly type: "null" }
  | { readonly type: "bool"; readonly value: boolean }
  /** Decimal text, so i64 survives JSON. */
  | { readonly type: "int"; readonly value: string }
  | { readonly type: "float"; readonly value: number }
  | { readonly type: "string"; readonly value: string };

export type IrValue =
  | { readonly kind: "field"; readonly field: FieldRef }
  | { readonly kind: "scalar"; readonly scalar: IrScalar }
  | { readonly kind: "call"; readonly fn: ValueFn; readonly args: readonly IrValue[]; readonly caseInsensitive: boolean };

/** Each function's argument count range (max undefined: any number). */
export const valueFns = {
  add: [2, 2],
  subtract: [2, 2],
  multiply: [2, 2],
  divide: [2, 2],
  modulo: [2, 2],
  true_divide: [2, 2],
  floor_divide: [2, 2],
  floor_modulo: [2, 2],
  negate: [1, 1],
  is_null: [1, 1],
  eq: [2, 2],
  ne: [2, 2],
  lt: [2, 2],
  le: [2, 2],
  gt: [2, 2],
  ge: [2, 2],
  and: [2, undefined],
  or: [2, undefined],
  not: [1, 1],
  minute: [1, 1],
  hour: [1, 1],
  day: [1, 1],
  week: [1, 1],
  month: [1, 1],
  year: [1, 1],
  concat: [1, undefined],
  string: [1, 1],
  number: [1, 2],
  length: [1, 1],
  substring: [1, 3],
  between: [3, 4],
  index_of: [2, 3],
  starts_with: [2, 2],
  ends_with: [2, 2],
  contains: [2, 2],
  wildcard: [2, 2],
} as const satisfies Record<string, readonly [number, number | undefined]>;

export type ValueFn = keyof typeof valueFns;

export function isValueFn(s: string): s is ValueFn {
  return Object.hasOwn(valueFns, s);
}

/** Fields a value reads, in first-use order (duplicates kept). */
export function valueFields(v: IrValue): FieldRef[] {
  switch (v.kind) {
    case "field":
      return [v.field];
    case "scalar":
      return [];
    case "call":
      return v.args.flatMap(valueFields);
    default:
      return assertNever(v);
  }
}

/**
 * Value cells the evaluation needs: a call's arguments go to consecutive cells from its
 * own, and its result replaces the first (the Wasm kernels' calling convention).
 */
export function valueCells(v: IrValue): number {
  if (v.kind !== "call") return 1;
  return Math.max(1, ...v.args.map((a, i) => i + valueCells(a)));
}

/** The most cells one value leaf may use (the kernels reserve this many). */
export const MAX_VALUE_CELLS = abi.VALUE_CELLS;
