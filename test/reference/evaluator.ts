/**
 * @fileoverview The reference evaluator: the IR's semantics written plainly in
 * TypeScript over decoded events. It is the oracle that differential tests hold the
 * Wasm packages to (and, run on the IR before and after the passes, the passes too), so
 * it favours obviousness over speed. Test-only: nothing under src/ or compiler/ imports it.
 */
import ipaddr from "ipaddr.js";
import type { CmpOp, IrExpr, StrOp } from "../../compiler/ir/nodes.js";
import { assertNever } from "../../compiler/util/assert-never.js";
import type { KEvent } from "./event.js";
import { parseJsonNumber, type JsonValue } from "./json-value.js";
import { asciiLower } from "./ascii-fold.js";
import { valueHolds } from "./value.js";

export function evaluate(e: IrExpr, event: KEvent): boolean {
  switch (e.kind) {
    case "const":
      return e.value;
    case "and":
      return e.terms.every((t) => evaluate(t, event));
    case "or":
      return e.terms.some((t) => evaluate(t, event));
    case "not":
      return !evaluate(e.term, event);
    case "exists":
      return exists(event.fields.get(e.field.id));
    case "str":
      return anyElement(event, e.field.id, (v) => {
        const text = textOf(v);
        return text !== undefined && strMatch(e.op, e.caseInsensitive ? asciiLower(text) : text, e.value);
      });
    case "int":
      return anyElement(event, e.field.id, (v) => {
        const n = numberOf(v);
        if (n === undefined) return false;
        return n.int !== undefined ? cmp(e.op, n.int, BigInt(e.value)) : cmp(e.op, n.f, Number(e.value));
      });
    case "float":
      return anyElement(event, e.field.id, (v) => {
        const n = numberOf(v);
        return n !== undefined && cmp(e.op, n.f, e.value);
      });
    case "bool":
      return anyElement(event, e.field.id, (v) => boolOf(v) === e.value);
    case "regex": {
      const re = new RegExp(e.pattern, e.caseInsensitive ? "i" : "");
      return anyElement(event, e.field.id, (v) => {
        const text = textOf(v);
        return text !== undefined && re.test(text);
      });
    }
    case "cidr": {
      const [net, bits] = ipaddr.parseCIDR(e.cidr);
      return anyElement(event, e.field.id, (v) => {
        const text = v.t === "str" ? v.v : undefined;
        return text !== undefined && inCidr(text, net, bits);
      });
    }
    case "len": {
      const v = event.fields.get(e.field.id);
      if (v === undefined) return false;
      if (v.t === "arr") return cmp(e.op, v.items.length, e.value);
      if (v.t === "str") return cmp(e.op, [...v.v].length, e.value);
      return false;
    }
    case "raw":
      return strMatch(e.op, e.caseInsensitive ? asciiLower(event.raw) : event.raw, e.value);
    case "fieldcmp":
      return compareFields(e.op, event.fields.get(e.field.id), event.fields.get(e.other.id), e.caseInsensitive);
    case "fieldtext": {
      const a = event.fields.get(e.field.id);
      const b = event.fields.get(e.other.id);
      const x = a === undefined ? undefined : textOf(a);
      const y = b === undefined ? undefined : textOf(b);
      if (x === undefined || y === undefined) return false;
      return strMatch(e.op, e.caseInsensitive ? asciiLower(x) : x, e.caseInsensitive ? asciiLower(y) : y);
    }
    case "value":
      return valueHolds(e.value, event);
    default:
      return assertNever(e);
  }
}

/** Two present scalars: numbers as numbers, booleans by value (eq/ne), else texts by UTF-8 bytes. */
function compareFields(op: CmpOp, a: JsonValue | undefined, b: JsonValue | undefined, ci: boolean): boolean {
  if (a === undefined || b === undefined) return false;
  if (a.t === "num" && b.t === "num") return a.int !== undefined && b.int !== undefined ? cmp(op, a.int, b.int) : cmp(op, a.f, b.f);
  if (a.t === "bool" || b.t === "bool") {
    if (a.t !== "bool" || b.t !== "bool" || (op !== "eq" && op !== "ne")) return false;
    return (a.v === b.v) === (op === "eq");
  }
  const x = textOf(a);
  const y = textOf(b);
  if (x === undefined || y === undefined) return false;
  return cmp(op, utf8Order(ci ? asciiLower(x) : x, ci ? asciiLower(y) : y), 0);
}

/** Present and not null; an array only when some element is (as Elasticsearch treats `[]`, `[null]`). */
function exists(v: JsonValue | undefined): boolean {
  if (v === undefined || v.t === "null") return false;
  if (v.t === "arr") return v.items.some((x) => x.t !== "null");
  return true;
}

function isScalar(v: JsonValue): boolean {
  return v.t !== "arr" && v.t !== "obj";
}

/** A leaf holds when the value, or any scalar element of an array value, satisfies it. */
function anyElement(event: KEvent, id: number, test: (v: JsonValue) => boolean): boolean {
  const v = event.fields.get(id);
  if (v === undefined) return false;
  if (v.t === "arr") return v.items.some((x) => isScalar(x) && test(x));
  return test(v);
}

function textOf(v: JsonValue): string | undefined {
  if (v.t === "str") return v.v;
  if (v.t === "num") return v.raw;
  return undefined;
}

function numberOf(v: JsonValue): { f: number; int: bigint | undefined } | undefined {
  if (v.t === "num") return v;
  if (v.t === "str") return parseJsonNumber(v.v);
  return undefined;
}

function boolOf(v: JsonValue): boolean | undefined {
  if (v.t === "bool") return v.v;
  if (v.t === "str") {
    const l = asciiLower(v.v);
    if (l === "true") return true;
    if (l === "false") return false;
  }
  return undefined;
}

function cmp<T extends number | bigint>(op: CmpOp, a: T, b: T): boolean {
  switch (op) {
    case "eq":
      return a === b;
    case "ne":
      return a !== b;
    case "lt":
      return a < b;
    case "le":
      return a <= b;
    case "gt":
      return a > b;
    case "ge":
      return a >= b;
    default:
      return assertNever(op);
  }
}

function strMatch(op: StrOp, text: string, pattern: string): boolean {
  switch (op) {
    case "eq":
      return text === pattern;
    case "prefix":
      return text.startsWith(pattern);
    case "suffix":
      return text.endsWith(pattern);
    case "contains":
      return text.includes(pattern);
    case "wildcard":
      return wildcardMatch(text, pattern);
    case "lt":
      return utf8Order(text, pattern) < 0;
    case "le":
      return utf8Order(text, pattern) <= 0;
    case "gt":
      return utf8Order(text, pattern) > 0;
    case "ge":
      return utf8Order(text, pattern) >= 0;
    default:
      return assertNever(op);
  }
}

/** Order by UTF-8 bytes (code points), not JS's UTF-16 code units. */
function utf8Order(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

type WildToken = { kind: "star" } | { kind: "any" } | { kind: "lit"; cp: string };

function wildTokens(pattern: string): WildToken[] {
  const out: WildToken[] = [];
  const cps = [...pattern];
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i] as string;
    if (c === "\\" && i + 1 < cps.length) out.push({ kind: "lit", cp: cps[++i] as string });
    else if (c === "*") out.push({ kind: "star" });
    else if (c === "?") out.push({ kind: "any" });
    else out.push({ kind: "lit", cp: c });
  }
  return out;
}

/** `*` any run, `?` one code point, `\` escapes; greedy with backtrack to the last star. */
export function wildcardMatch(text: string, pattern: string): boolean {
  const t = [...text];
  const p = wildTokens(pattern);
  let ti = 0;
  let pi = 0;
  let starP = -1;
  let starT = 0;
  while (ti < t.length) {
    const tok = p[pi];
    if (tok !== undefined && (tok.kind === "any" || (tok.kind === "lit" && tok.cp === t[ti]))) {
      ti++;
      pi++;
    } else if (tok !== undefined && tok.kind === "star") {
      starP = pi++;
      starT = ti;
    } else if (starP >= 0) {
      pi = starP + 1;
      ti = ++starT;
    } else {
      return false;
    }
  }
  while (p[pi]?.kind === "star") pi++;
  return pi === p.length;
}

function inCidr(text: string, net: ipaddr.IPv4 | ipaddr.IPv6, bits: number): boolean {
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) addr = ipaddr.IPv4.parse(text);
  else {
    // A zone suffix (fe80::1%eth0) names an interface, not part of the address.
    const bare = text.includes("%") ? text.slice(0, text.indexOf("%")) : text;
    if (!ipaddr.IPv6.isValid(bare)) return false;
    addr = ipaddr.IPv6.parse(bare);
  }
  if (net.kind() === "ipv4" && addr.kind() === "ipv6") {
    const v6 = addr as ipaddr.IPv6;
    if (!v6.isIPv4MappedAddress()) return false;
    addr = v6.toIPv4Address();
  }
  if (net.kind() !== addr.kind()) return false;
  return net.kind() === "ipv4"
    ? (addr as ipaddr.IPv4).match(net as ipaddr.IPv4, bits)
    : (addr as ipaddr.IPv6).match(net as ipaddr.IPv6, bits);
}
