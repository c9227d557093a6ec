/**
 * @fileoverview The oracle for IrValue (compiler/ir/value.ts states the semantics): plain
 * TypeScript over the event's decoded fields, written apart from the Wasm value kernels.
 */
import type { IrScalar, IrValue, ValueFn } from "../../compiler/ir/value.js";
import { referenceTime } from "./event-time.js";
import { assertNever } from "../../compiler/util/assert-never.js";
import { asciiLower } from "./ascii-fold.js";
import type { KEvent } from "./event.js";
import { parseJsonNumber, type JsonValue } from "./json-value.js";

export type RValue =
  | { readonly t: "null" }
  | { readonly t: "bool"; readonly v: boolean }
  | { readonly t: "int"; readonly v: bigint }
  | { readonly t: "float"; readonly v: number }
  | { readonly t: "str"; readonly v: string };

type Num = Extract<RValue, { t: "int" | "float" }>;

const NULL: RValue = { t: "null" };
const bool = (v: boolean): RValue => ({ t: "bool", v });
const int = (v: bigint): RValue => ({ t: "int", v: BigInt.asIntN(64, v) });
const str = (v: string): RValue => ({ t: "str", v });

/** Is the value boolean true? (What a `value` leaf means.) */
export function valueHolds(v: IrValue, event: KEvent): boolean {
  const r = evalValue(v, event);
  return r.t === "bool" && r.v;
}

export function evalValue(v: IrValue, event: KEvent): RValue {
  switch (v.kind) {
    case "field":
      return fromJson(event.fields.get(v.field.id));
    case "scalar":
      return fromScalar(v.scalar);
    case "call":
      return call(v.fn, v.args.map((a) => evalValue(a, event)), v.caseInsensitive);
    default:
      return assertNever(v);
  }
}

function fromJson(j: JsonValue | undefined): RValue {
  if (j === undefined) return NULL;
  switch (j.t) {
    case "str":
      return str(j.v);
    case "num":
      return j.int !== undefined ? int(j.int) : { t: "float", v: j.f };
    case "bool":
      return bool(j.v);
    case "null":
    case "arr":
    case "obj":
      return NULL;
    default:
      return assertNever(j);
  }
}

function fromScalar(s: IrScalar): RValue {
  switch (s.type) {
    case "null":
      return NULL;
    case "bool":
      return bool(s.value);
    case "int":
      return int(BigInt(s.value));
    case "float":
      return { t: "float", v: s.value };
    case "string":
      return str(s.value);
    default:
      return assertNever(s);
  }
}

function isNum(v: RValue): v is Num {
  return v.t === "int" || v.t === "float";
}

function asFloat(v: Num): number {
  return v.t === "int" ? Number(v.v) : v.v;
}

function call(fn: ValueFn, a: readonly RValue[], ci: boolean): RValue {
  switch (fn) {
    case "is_null":
      return bool(at(a, 0).t === "null");
    case "and":
    case "or":
      return kleene(fn, a);
    case "not": {
      const x = at(a, 0);
      return x.t === "bool" ? bool(!x.v) : NULL;
    }
    default:
      break;
  }
  // number(s, null) is number(s).
  const args = fn === "number" && a[1]?.t === "null" ? a.slice(0, 1) : a;
  return strict(fn, args, ci);
}

function strict(fn: Exclude<ValueFn, "is_null" | "and" | "or" | "not">, a: readonly RValue[], ci: boolean): RValue {
  if (a.some((x) => x.t === "null")) return NULL;
  switch (fn) {
    case "add":
    case "subtract":
    case "multiply":
    case "divide":
    case "modulo":
    case "true_divide":
    case "floor_divide":
    case "floor_modulo":
      return arith(fn, at(a, 0), at(a, 1));
    case "negate": {
      const x = at(a, 0);
      if (x.t === "int") return int(-x.v);
      return x.t === "float" ? { t: "float", v: -x.v } : NULL;
    }
    case "lt":
    case "le":
    case "gt":
    case "ge":
      return order(fn, at(a, 0), at(a, 1), ci);
    case "eq":
    case "ne": {
      const same = equal(at(a, 0), at(a, 1), ci);
      return bool(fn === "eq" ? same : !same);
    }
    case "concat":
      return str(a.map(text).join(""));
    case "string":
      return str(text(at(a, 0)));
    case "number":
      return toNumber(at(a, 0), a[1]);
    case "length": {
      const s = at(a, 0);
      return s.t === "str" ? int(BigInt([...s.v].length)) : NULL;
    }
    case "minute":
    case "hour":
    case "day":
    case "week":
    case "month":
    case "year":
      return datePart(fn, at(a, 0));
    case "substring":
      return substring(a);
    case "between":
      return between(a, ci);
    case "index_of":
      return indexOf(a, ci);
    case "starts_with":
    case "ends_with":
    case "contains":
    case "wildcard":
      return textTest(fn, at(a, 0), at(a, 1), ci);
    default:
      return assertNever(fn);
  }
}

function at(a: readonly RValue[], i: number): RValue {
  return a[i] ?? NULL;
}

function kleene(fn: "and" | "or", a: readonly RValue[]): RValue {
  const decisive = fn === "or";
  let unknown = false;
  for (const x of a) {
    if (x.t !== "bool") unknown = true;
    else if (x.v === decisive) return bool(decisive);
  }
  return unknown ? NULL : bool(!decisive);
}

function fold(s: string, ci: boolean): string {
  return ci ? asciiLower(s) : s;
}

function equal(x: RValue, y: RValue, ci: boolean): boolean {
  if (isNum(x) && isNum(y)) return x.t === "int" && y.t === "int" ? x.v === y.v : asFloat(x) === asFloat(y);
  if (x.t === "str" && y.t === "str") return fold(x.v, ci) === fold(y.v, ci);
  if (x.t === "bool" && y.t === "bool") return x.v === y.v;
  return false;
}

function order(fn: "lt" | "le" | "gt" | "ge", x: RValue, y: RValue, ci: boolean): RValue {
  let c: number;
  if (isNum(x) && isNum(y)) {
    const [p, q] = x.t === "int" && y.t === "int" ? [x.v, y.v] : [asFloat(x), asFloat(y)];
    c = p < q ? -1 : p > q ? 1 : p === q ? 0 : NaN;
  }
  else if (x.t === "str" && y.t === "str") c = Buffer.compare(Buffer.from(fold(x.v, ci)), Buffer.from(fold(y.v, ci)));
  else return NULL;
  if (Number.isNaN(c)) return NULL;
  return bool(fn === "lt" ? c < 0 : fn === "le" ? c <= 0 : fn === "gt" ? c > 0 : c >= 0);
}

type ArithFn = "add" | "subtract" | "multiply" | "divide" | "modulo" | "true_divide" | "floor_divide" | "floor_modulo";

function arith(fn: ArithFn, x: RValue, y: RValue): RValue {
  if (!isNum(x) || !isNum(y)) return NULL;
  if (fn !== "add" && fn !== "subtract" && fn !== "multiply" && asFloat(y) === 0) return NULL;
  if (x.t === "int" && y.t === "int" && fn !== "true_divide") {
    switch (fn) {
      case "add":
        return int(x.v + y.v);
      case "subtract":
        return int(x.v - y.v);
      case "multiply":
        return int(x.v * y.v);
      case "divide":
        return int(x.v / y.v);
      case "modulo":
        return int(x.v % y.v);
      case "floor_divide": {
        const q = x.v / y.v;
        return int(q * y.v !== x.v && x.v < 0n !== y.v < 0n ? q - 1n : q);
      }
      case "floor_modulo": {
        const r = x.v % y.v;
        return int(r !== 0n && r < 0n !== y.v < 0n ? r + y.v : r);
      }
      default:
        return assertNever(fn);
    }
  }
  const p = asFloat(x);
  const q = asFloat(y);
  switch (fn) {
    case "add":
      return { t: "float", v: p + q };
    case "subtract":
      return { t: "float", v: p - q };
    case "multiply":
      return { t: "float", v: p * q };
    case "divide":
    case "true_divide":
    case "floor_divide":
      return { t: "float", v: p / q };
    case "modulo":
      return { t: "float", v: p % q };
    case "floor_modulo": {
      const r = p % q;
      return { t: "float", v: r !== 0 && r < 0 !== q < 0 ? r + q : r };
    }
    default:
      return assertNever(fn);
  }
}

/** A value's text for `string` and `concat` (value.ts: ints in decimal, floats shortest with `.0` when whole). */
export function text(v: RValue): string {
  switch (v.t) {
    case "null":
      return "";
    case "bool":
      return v.v ? "true" : "false";
    case "int":
      return v.v.toString();
    case "float": {
      const s = String(v.v);
      return /[.eIN]/.test(s) ? s : `${s}.0`;
    }
    case "str":
      return v.v;
    default:
      return assertNever(v);
  }
}

function toNumber(s: RValue, baseArg: RValue | undefined): RValue {
  if (isNum(s)) return s;
  if (s.t !== "str") return NULL;
  let base = 10;
  let t = s.v;
  const hex = t.startsWith("0x");
  if (baseArg === undefined) base = hex ? 16 : 10;
  else if (baseArg.t === "int" && baseArg.v >= 2n && baseArg.v <= 36n) base = Number(baseArg.v);
  else return NULL;
  if (hex && base === 16) t = t.slice(2);
  if (base === 10) {
    // JSON's number grammar: an int when integral and within i64.
    const n = parseJsonNumber(t);
    if (n === undefined) return NULL;
    return n.int !== undefined ? int(n.int) : { t: "float", v: n.f };
  }
  const digits = "0123456789abcdefghijklmnopqrstuvwxyz".slice(0, base);
  const neg = t.startsWith("-");
  const body = asciiLower(neg ? t.slice(1) : t);
  if (body === "" || [...body].some((c) => !digits.includes(c))) return NULL;
  let n = 0n;
  for (const c of body) n = n * BigInt(base) + BigInt(digits.indexOf(c));
  if (neg) n = -n;
  return BigInt.asIntN(64, n) === n ? int(n) : NULL;
}

/** Python's slice bounds over code points. */
function sliceBound(v: RValue | undefined, len: number, dflt: number): number | undefined {
  if (v === undefined) return dflt;
  if (v.t !== "int") return undefined;
  let i = Number(v.v);
  if (i < 0) i = Math.max(0, i + len);
  return Math.min(i, len);
}

function substring(a: readonly RValue[]): RValue {
  const s = at(a, 0);
  if (s.t !== "str") return NULL;
  const cps = [...s.v];
  const start = sliceBound(a[1], cps.length, 0);
  const end = sliceBound(a[2], cps.length, cps.length);
  if (start === undefined || end === undefined) return NULL;
  return str(start >= end ? "" : cps.slice(start, end).join(""));
}

function between(a: readonly RValue[], ci: boolean): RValue {
  const [s, left, right] = [at(a, 0), at(a, 1), at(a, 2)];
  const greedy = a[3];
  if (s.t !== "str" || left.t !== "str" || right.t !== "str" || (greedy !== undefined && greedy.t !== "bool")) return NULL;
  // Searching folded ASCII keeps byte offsets, so the slice comes from the original text.
  const src = Buffer.from(s.v);
  const hay = Buffer.from(fold(s.v, ci));
  const l = Buffer.from(fold(left.v, ci));
  const r = Buffer.from(fold(right.v, ci));
  const i = hay.indexOf(l);
  if (i < 0) return str("");
  const from = i + l.length;
  const j = greedy?.v === true ? hay.lastIndexOf(r) : hay.indexOf(r, from);
  if (j < from) return str("");
  return str(src.subarray(from, j).toString());
}

function indexOf(a: readonly RValue[], ci: boolean): RValue {
  const [s, sub] = [at(a, 0), at(a, 1)];
  const startArg = a[2];
  if (s.t !== "str" || sub.t !== "str" || (startArg !== undefined && startArg.t !== "int")) return NULL;
  const cps = [...fold(s.v, ci)];
  const needle = [...fold(sub.v, ci)];
  const start = startArg === undefined || startArg.v < 0n ? 0 : startArg.v > BigInt(cps.length) ? cps.length + 1 : Number(startArg.v);
  for (let i = start; i + needle.length <= cps.length; i++) {
    if (needle.every((c, k) => cps[i + k] === c)) return int(BigInt(i));
  }
  return NULL;
}

/** The part of an ISO-8601 string's UTC date-time, through JS's Date (the ISO week by its Thursday rule). */
function datePart(fn: "minute" | "hour" | "day" | "week" | "month" | "year", v: RValue): RValue {
  if (v.t !== "str") return NULL;
  const t = referenceTime({ t: "str", v: v.v }, "iso8601");
  if (t.status !== "ok") return NULL;
  const ms = Number(t.ns / 1_000_000n) - (t.ns % 1_000_000n < 0n ? 1 : 0);
  const d = new Date(ms);
  switch (fn) {
    case "minute":
      return int(BigInt(d.getUTCMinutes()));
    case "hour":
      return int(BigInt(d.getUTCHours()));
    case "day":
      return int(BigInt(d.getUTCDate()));
    case "month":
      return int(BigInt(d.getUTCMonth() + 1));
    case "year":
      return int(BigInt(d.getUTCFullYear()));
    case "week": {
      const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
      const thursday = new Date(day + (3 - ((d.getUTCDay() + 6) % 7)) * 86_400_000);
      const jan1 = Date.UTC(thursday.getUTCFullYear(), 0, 1);
      return int(BigInt(Math.floor((thursday.getTime() - jan1) / (7 * 86_400_000)) + 1));
    }
    default:
      return assertNever(fn);
  }
}

function textTest(fn: "starts_with" | "ends_with" | "contains" | "wildcard", s: RValue, p: RValue, ci: boolean): RValue {
  if (s.t !== "str" || p.t !== "str") return NULL;
  const x = fold(s.v, ci);
  const y = fold(p.v, ci);
  switch (fn) {
    case "starts_with":
      return bool(x.startsWith(y));
    case "ends_with":
      return bool(x.endsWith(y));
    case "contains":
      return bool(x.includes(y));
    case "wildcard":
      return bool(wildcard([...x], 0, [...y], 0));
    default:
      return assertNever(fn);
  }
}

/** `*` any run, `?` one code point, `\` makes the next literal; whole string. */
function wildcard(t: readonly string[], i: number, p: readonly string[], j: number): boolean {
  let ti = i;
  let pj = j;
  let star = -1;
  let mark = 0;
  while (ti < t.length) {
    const c = p[pj];
    if (c === "*") {
      star = ++pj;
      mark = ti;
    } else if (c !== undefined && (c === "?" || (c === "\\" && pj + 1 < p.length ? p[pj + 1] === t[ti] : c === t[ti]))) {
      pj += c === "\\" && pj + 1 < p.length ? 2 : 1;
      ti++;
    } else if (star >= 0) {
      pj = star;
      ti = ++mark;
    } else return false;
  }
  while (p[pj] === "*") pj++;
  return pj === p.length;
}
