/**
 * @fileoverview The oracle for captures (docs/package-abi.md "Captures"), written from the
 * ABI text, independently of the kernels: the 64-bit FNV-1a hash of a JSON value's
 * canonical form, and the exact text a capture's span should hold.
 */
import type { JsonValue } from "./json-value.js";
import { asciiLower } from "./ascii-fold.js";

const FNV_BASIS = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;
const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

function fnv(h: bigint, bytes: Iterable<number>): bigint {
  for (const b of bytes) h = ((h ^ BigInt(b)) * FNV_PRIME) & MASK;
  return h;
}

function le64(v: bigint): number[] {
  const out: number[] = [];
  const u = BigInt.asUintN(64, v);
  for (let i = 0n; i < 64n; i += 8n) out.push(Number((u >> i) & 0xffn));
  return out;
}

/** A number's exact decimal value: sign, significand of at most 19 digits (trailing zeros dropped), exponent. */
export function decimal(raw: string): { neg: boolean; mant: bigint; exp: number } {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?)(\d+))?$/.exec(raw);
  if (m === null) throw new Error(`not a JSON number: ${raw}`);
  const [, sign = "", int = "", frac = "", esign = "", edigits = ""] = m;
  let e = 0;
  for (const d of edigits) if (e < 100000) e = e * 10 + Number(d);
  let digits = (int + frac).replace(/^0+/, "");
  let exp = (esign === "-" ? -e : e) - frac.length;
  if (digits.length > 19) {
    exp += digits.length - 19;
    digits = digits.slice(0, 19);
  }
  const trimmed = digits.replace(/0+$/, "");
  exp += digits.length - trimmed.length;
  return { neg: sign === "-", mant: trimmed === "" ? 0n : BigInt(trimmed), exp };
}

function numberHash(raw: string): bigint {
  const { neg, mant, exp } = decimal(raw);
  if (mant === 0n) return fnv(FNV_BASIS, [0x69, ...le64(0n)]);
  if (exp >= 0) {
    const v = (neg ? -mant : mant) * 10n ** BigInt(exp);
    if (v >= I64_MIN && v <= I64_MAX) return fnv(FNV_BASIS, [0x69, ...le64(v)]);
  }
  const e = new DataView(new ArrayBuffer(4));
  e.setInt32(0, exp, true);
  return fnv(FNV_BASIS, [0x64, neg ? 1 : 0, ...le64(mant), ...new Uint8Array(e.buffer)]);
}

export function canonicalHash(v: JsonValue | undefined, foldCase: boolean): bigint {
  if (v === undefined) return 0n;
  switch (v.t) {
    case "str":
      return fnv(FNV_BASIS, [0x73, ...new TextEncoder().encode(foldCase ? asciiLower(v.v) : v.v)]);
    case "num":
      return numberHash(v.raw);
    case "bool":
      return fnv(FNV_BASIS, [v.v ? 0x54 : 0x46]);
    case "null":
      return fnv(FNV_BASIS, [0x4e]);
    case "arr": {
      let h = fnv(FNV_BASIS, [0x61]);
      for (const e of v.items) if (e.t !== "arr" && e.t !== "obj") h = fnv(h, le64(canonicalHash(e, foldCase)));
      return h;
    }
    case "obj":
      return fnv(FNV_BASIS, [0x6f]);
  }
}

/** The text a capture's span holds: a string's decoded text, a number's JSON text. */
export function captureSpanText(v: JsonValue | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (v.t === "str") return v.v;
  if (v.t === "num") return v.raw;
  return undefined;
}
