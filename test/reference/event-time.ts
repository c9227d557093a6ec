/**
 * @fileoverview The oracle for event time (docs/package-abi.md "Event time"), written from
 * the ABI text, independently of the kernels: signed ns since the Unix epoch, or why not.
 */
import type { TimestampDef, TimestampFormat } from "../../compiler/schema/schema.js";
import { decimal } from "./canonical-value.js";
import type { JsonValue } from "./json-value.js";

export type TimeResult = { readonly status: "ok"; readonly ns: bigint } | { readonly status: "missing" | "unparseable" };

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:[Zz]|([+-])(\d{2})(?::?(\d{2}))?)?)?$/;
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const I64_MAX = 2n ** 63n - 1n;
const FILETIME_UNIX = 116444736000000000n;
const bad: TimeResult = { status: "unparseable" };

/** Days since 1970-01-01 of y-m-d (setUTCFullYear, unlike Date.UTC, keeps years 0-99). */
function epochDay(y: number, m: number, d: number): number {
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  return Math.round(date.getTime() / 86_400_000);
}

function daysInMonth(y: number, m: number): number {
  return epochDay(y, m + 1, 1) - epochDay(y, m, 1);
}

function iso(text: string): TimeResult {
  const m = ISO.exec(text);
  if (m === null) return bad;
  const [y, mo, d, h = 0, mi = 0, s = 0] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((x) => (x === undefined ? undefined : Number(x))) as number[];
  if (y === undefined || mo === undefined || d === undefined) return bad;
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return bad;
  const oh = Number(m[9] ?? 0);
  const om = Number(m[10] ?? 0);
  if (oh > 23 || om > 59) return bad;
  let secs = BigInt(epochDay(y, mo, d)) * 86400n + BigInt(h * 3600 + mi * 60 + s);
  const offset = BigInt(oh * 3600 + om * 60);
  if (m[8] === "+") secs -= offset;
  if (m[8] === "-") secs += offset;
  if (secs > 9223372035n || secs < -9223372035n) return bad;
  const frac = BigInt(((m[7] ?? "") + "000000000").slice(0, 9));
  return { status: "ok", ns: secs * 1_000_000_000n + frac };
}

/** The number's exact decimal value times 10^unit, rounded half away from zero, if it fits i64. */
function scaled(text: string, unit: number): TimeResult {
  if (!JSON_NUMBER.test(text)) return bad;
  const { neg, mant, exp } = decimal(text);
  const e = exp + unit;
  let v = mant;
  if (e >= 0) v = mant * 10n ** BigInt(e);
  else {
    const p = 10n ** BigInt(-e);
    v = (mant % p) * 2n >= p ? mant / p + 1n : mant / p;
  }
  const signed = neg ? -v : v;
  return signed > I64_MAX || signed < -I64_MAX - 1n ? bad : { status: "ok", ns: signed };
}

export function referenceTime(v: JsonValue | undefined, format: TimestampFormat): TimeResult {
  if (v === undefined || v.t === "null") return { status: "missing" };
  if (format === "iso8601") return v.t === "str" ? iso(v.v) : bad;
  const text = v.t === "num" ? v.raw : v.t === "str" ? v.v : undefined;
  if (text === undefined) return bad;
  switch (format) {
    case "epoch_s":
      return scaled(text, 9);
    case "epoch_ms":
      return scaled(text, 6);
    case "epoch_ns":
      return scaled(text, 0);
    case "filetime": {
      const r = scaled(text, 0);
      if (r.status !== "ok") return r;
      const since = r.ns - FILETIME_UNIX;
      return since > 92233720368547758n || since < -92233720368547758n ? bad : { status: "ok", ns: since * 100n };
    }
  }
}

/** An event's time per its schema: the primary field, or when it is missing or null, the first fallback present. */
export function referenceEventTime(paths: ReadonlyMap<string, JsonValue>, ts: TimestampDef): TimeResult {
  let result = referenceTime(paths.get(ts.field), ts.format);
  for (const f of ts.fallbacks ?? []) {
    if (result.status !== "missing") break;
    result = referenceTime(paths.get(f.field), f.format);
  }
  return result;
}
