/**
 * @fileoverview Loads dist/kernels.wasm for kernel tests and benchmarks, standing in for the
 * generated rule code: a field hash table built in JS at 65536, the package metadata (time
 * field, one emit per rule with its captures) and pattern constants after it, and
 * rules_eval / host.regex_test as JS callbacks. Runs `npm run build:kernels` first when
 * dist/kernels.wasm is missing or older than a kernels/*.ts file (checked once per process).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import ipaddr from "ipaddr.js";
import { abi } from "../../compiler/package/abi.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const WASM = join(ROOT, "dist", "kernels.wasm");
const TABLE_AT = 65536;
const CONST_AREA = 64 * 1024;
const enc = new TextEncoder();
const dec = new TextDecoder();

/** k_str ops, and k_int / k_float / k_len ops: the ABI's own tables. */
export { strOpCodes as STR, cmpOpCodes as CMP } from "../../compiler/codegen/kernel-abi.js";
/** Slot tags. */
export const TAG = { missing: abi.TAG_MISSING, null: abi.TAG_NULL, string: abi.TAG_STRING, number: abi.TAG_NUMBER, true: abi.TAG_TRUE, false: abi.TAG_FALSE, array: abi.TAG_ARRAY, object: abi.TAG_OBJECT } as const;
export const MALFORMED = abi.MALFORMED_BIT;

export interface KernelExports {
  memory: WebAssembly.Memory;
  k_init(heapBase: number, inputCap: number, outBytes: number): number;
  k_input_ptr(): number;
  k_out_ptr(): number;
  k_scan(start: number, end: number): number;
  k_match_count(): number;
  k_lines(): number;
  k_exists(slot: number): number;
  k_str(slot: number, op: number, ptr: number, len: number, ci: number): number;
  k_int(slot: number, op: number, value: bigint): number;
  k_float(slot: number, op: number, value: number): number;
  k_bool(slot: number, value: number): number;
  k_cidr(slot: number, net: number, bits: number, isV6: number): number;
  k_len(slot: number, op: number, value: bigint): number;
  k_regex(slot: number, idx: number): number;
  k_fieldcmp(slotA: number, slotB: number, op: number, ci: number): number;
  k_fieldtext(slotA: number, slotB: number, op: number, ci: number): number;
  k_emit(rule: number): void;
}

export interface CaptureRecord {
  hash: bigint;
  ptr: number;
  len: number;
  tag: number;
}

export interface MatchRecord {
  lineStart: number;
  lineLen: number;
  lineIndex: number;
  code: number;
  step: number;
  time: bigint;
  timeStatus: number;
  captures: CaptureRecord[];
}

export interface ScanResult {
  consumed: number;
  lines: number;
  records: MatchRecord[];
}

export interface SlotValue {
  tag: number;
  flags: number;
  ptr: number;
  len: number;
  f64: number;
  i64: bigint;
}

export interface HarnessOptions {
  /** Referenced field paths; slot i is fields[i]. */
  fields: readonly string[];
  ruleCount?: number;
  /** Called as rules_eval for every well-formed line. */
  rulesEval?: (h: KernelHarness) => void;
  regexes?: readonly RegExp[];
  inputCap?: number;
  /** Bytes of the record region (the kernels raise it to one line's worst case). */
  outBytes?: number;
  /** Captured field paths per rule (rule i is emit i); none by default. */
  captures?: readonly (readonly { field: string; fold?: boolean }[])[];
  /** The field event time is read from, its format (an ABI time format code), and fallback sources. */
  time?: { field: string; format: number; fallbacks?: readonly { field: string; format: number }[] };
}

/** The package metadata for the harness's fields, rules and captures (package ABI "Emit table"). */
function buildMeta(opts: HarnessOptions): Uint8Array {
  const rules = opts.ruleCount ?? 1;
  const caps = Array.from({ length: rules }, (_, i) => opts.captures?.[i] ?? []);
  const total = caps.reduce((n, c) => n + c.length, 0);
  const fallbacks = opts.time?.fallbacks ?? [];
  const out = new Uint8Array(abi.META_HEADER_BYTES + rules * abi.EMIT_BYTES + total * 4 + fallbacks.length * abi.TIME_SOURCE_BYTES);
  const dv = new DataView(out.buffer);
  const slotOf = (f: string): number => {
    const i = opts.fields.indexOf(f);
    if (i < 0) throw new Error(`field ${f} not in harness fields`);
    return i;
  };
  dv.setUint32(0, opts.time === undefined ? 0 : slotOf(opts.time.field) + 1, true);
  dv.setUint32(4, opts.time?.format ?? 0, true);
  dv.setUint32(8, rules, true);
  dv.setUint32(12, fallbacks.length, true);
  let list = abi.META_HEADER_BYTES + rules * abi.EMIT_BYTES;
  let index = 0;
  caps.forEach((c, rule) => {
    const e = abi.META_HEADER_BYTES + rule * abi.EMIT_BYTES;
    dv.setUint32(e, rule, true);
    dv.setUint32(e + 4, 0, true);
    dv.setUint32(e + 8, index, true);
    dv.setUint32(e + 12, c.length, true);
    for (const cap of c) {
      dv.setUint32(list, (slotOf(cap.field) | ((cap.fold === true ? abi.CAPTURE_FOLD : 0) << 24)) >>> 0, true);
      list += 4;
      index++;
    }
  });
  for (const f of fallbacks) {
    dv.setUint32(list, slotOf(f.field) + 1, true);
    dv.setUint32(list + 4, f.format, true);
    list += abi.TIME_SOURCE_BYTES;
  }
  return out;
}

let built = false;

/** Rebuilds dist/kernels.wasm when it is missing or older than any kernels/*.ts. */
export function ensureKernelsBuilt(): void {
  if (built) return;
  const dir = join(ROOT, "kernels");
  const newest = Math.max(
    ...readdirSync(dir).filter((f) => f.endsWith(".ts")).map((f) => statSync(join(dir, f)).mtimeMs),
  );
  if (!existsSync(WASM) || statSync(WASM).mtimeMs < newest) {
    execFileSync("npm", ["run", "--silent", "build:kernels"], { cwd: ROOT, stdio: "inherit" });
  }
  built = true;
}

/** 64-bit FNV-1a, as the ABI's field table uses. */
export function fnv1a64(bytes: Uint8Array): bigint {
  let h = 0xcbf29ce484222325n;
  for (const b of bytes) h = ((h ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return h;
}

/** The field table bytes for these paths (capacity a power of two, at least 2 per field). */
export function buildFieldTable(fields: readonly string[]): Uint8Array {
  let cap = 1;
  while (cap < fields.length * 2) cap *= 2;
  const out = new Uint8Array(8 + cap * 16);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, cap, true);
  fields.forEach((f, slot) => {
    const path = enc.encode(f);
    const h = fnv1a64(path);
    let i = Number(h & BigInt(cap - 1));
    while (dv.getUint32(8 + i * 16 + 8, true) !== 0) i = (i + 1) & (cap - 1);
    dv.setBigUint64(8 + i * 16, h, true);
    dv.setUint32(8 + i * 16 + 8, slot + 1, true);
    dv.setUint32(8 + i * 16 + 12, path.length, true);
  });
  return out;
}

export class KernelHarness {
  readonly k: KernelExports;
  readonly fields: readonly string[];
  private readonly constStart: number;
  private constTop: number;
  private readonly constants = new Map<string, number>();

  private constructor(k: KernelExports, fields: readonly string[], constStart: number) {
    this.k = k;
    this.fields = fields;
    this.constStart = constStart;
    this.constTop = constStart;
  }

  static async create(opts: HarnessOptions): Promise<KernelHarness> {
    ensureKernelsBuilt();
    const table = buildFieldTable(opts.fields);
    const meta = buildMeta(opts);
    const metaAt = TABLE_AT + table.length;
    const constStart = (metaAt + meta.length + 7) & ~7;
    const heapBase = constStart + CONST_AREA;
    let self: KernelHarness | undefined;
    const imports = {
      kestrel: {
        rules_field_table: () => TABLE_AT,
        rules_field_count: () => opts.fields.length,
        rule_count: () => opts.ruleCount ?? 1,
        rules_meta: () => metaAt,
        rules_eval: () => opts.rulesEval?.(self!),
      },
      host: {
        regex_test: (idx: number, ptr: number, len: number) => {
          const re = opts.regexes?.[idx];
          return re !== undefined && re.test(self!.text(ptr, len)) ? 1 : 0;
        },
      },
    };
    const { instance } = await WebAssembly.instantiate(readFileSync(WASM), imports);
    const k = instance.exports as unknown as KernelExports;
    const need = Math.ceil(heapBase / 65536) - k.memory.buffer.byteLength / 65536;
    if (need > 0) k.memory.grow(need);
    new Uint8Array(k.memory.buffer).set(table, TABLE_AT);
    new Uint8Array(k.memory.buffer).set(meta, metaAt);
    self = new KernelHarness(k, opts.fields, constStart);
    if (k.k_init(heapBase, opts.inputCap ?? 1 << 16, opts.outBytes ?? 1 << 16) !== 0) throw new Error("k_init failed");
    return self;
  }

  /** A fresh view (memory.grow detaches old ones). */
  bytes(): Uint8Array {
    return new Uint8Array(this.k.memory.buffer);
  }

  text(ptr: number, len: number): string {
    return dec.decode(this.bytes().subarray(ptr, ptr + len));
  }

  slot(field: string): number {
    const i = this.fields.indexOf(field);
    if (i < 0) throw new Error(`field ${field} not in harness fields`);
    return i;
  }

  /** Writes bytes into the constants area once; returns [ptr, len]. */
  constant(data: string | Uint8Array): [number, number] {
    const bytes = typeof data === "string" ? enc.encode(data) : data;
    const key = Buffer.from(bytes).toString("latin1");
    let ptr = this.constants.get(key);
    if (ptr === undefined) {
      ptr = this.constTop;
      if (ptr + bytes.length > this.constStart + CONST_AREA) throw new Error("constants area full");
      this.bytes().set(bytes, ptr);
      this.constTop += bytes.length;
      this.constants.set(key, ptr);
    }
    return [ptr, bytes.length];
  }

  /** Copies input into the input region and runs one k_scan over [start, its length). */
  scan(input: string | Uint8Array, start = 0): ScanResult {
    const bytes = typeof input === "string" ? enc.encode(input) : input;
    this.bytes().set(bytes, this.k.k_input_ptr());
    const consumed = this.k.k_scan(start, bytes.length);
    return { consumed, lines: this.k.k_lines(), records: this.records() };
  }

  /** Scans one line (final), failing if it is malformed; slots then hold its values. */
  load(json: string): this {
    const r = this.scan(json);
    const bad = r.records.find((m) => m.code >= MALFORMED);
    if (bad !== undefined) throw new Error(`malformed at ${bad.code - MALFORMED}: ${json}`);
    return this;
  }

  records(): MatchRecord[] {
    const dv = new DataView(this.k.memory.buffer);
    const out: MatchRecord[] = [];
    for (let i = 0, p = this.k.k_out_ptr(); i < this.k.k_match_count(); i++) {
      const n = dv.getUint8(p + abi.REC_CAPTURES);
      const captures: CaptureRecord[] = [];
      for (let j = 0, c = p + abi.RECORD_BYTES; j < n; j++, c += abi.CAPTURE_BYTES) {
        captures.push({ hash: dv.getBigUint64(c + abi.CAP_HASH, true), ptr: dv.getUint32(c + abi.CAP_PTR, true), len: dv.getUint32(c + abi.CAP_LEN, true), tag: dv.getUint8(c + abi.CAP_TAG) });
      }
      out.push({
        lineStart: dv.getUint32(p + abi.REC_LINE_START, true),
        lineLen: dv.getUint32(p + abi.REC_LINE_LEN, true),
        lineIndex: dv.getUint32(p + abi.REC_LINE_INDEX, true),
        code: dv.getUint32(p + abi.REC_RULE, true),
        step: dv.getUint16(p + abi.REC_STEP, true),
        time: dv.getBigInt64(p + abi.REC_TIME, true),
        timeStatus: dv.getUint8(p + abi.REC_TIME_STATUS),
        captures,
      });
      p += abi.RECORD_BYTES + n * abi.CAPTURE_BYTES;
    }
    return out;
  }

  /** The raw 32-byte slot of a field. */
  slotValue(field: string, slotBase = this.slotBase()): SlotValue {
    const dv = new DataView(this.k.memory.buffer);
    const p = slotBase + this.slot(field) * 32;
    return {
      tag: dv.getUint8(p),
      flags: dv.getUint8(p + 1),
      ptr: dv.getUint32(p + 4, true),
      len: dv.getUint32(p + 8, true),
      f64: dv.getFloat64(p + 16, true),
      i64: dv.getBigInt64(p + 24, true),
    };
  }

  /** Slots start at heapBase rounded to 8 (the layout k_init uses). */
  slotBase(): number {
    return (this.constStart + CONST_AREA + 7) & ~7;
  }

  /** A STRING slot's bytes as text. */
  slotText(field: string): string {
    const v = this.slotValue(field);
    return this.text(v.ptr, v.len);
  }

  str(field: string, op: number, pattern: string | Uint8Array, ci = false): boolean {
    const [ptr, len] = this.constant(pattern);
    return this.k.k_str(this.slot(field), op, ptr, len, ci ? 1 : 0) === 1;
  }

  int(field: string, op: number, value: bigint | number): boolean {
    return this.k.k_int(this.slot(field), op, BigInt(value)) === 1;
  }

  float(field: string, op: number, value: number): boolean {
    return this.k.k_float(this.slot(field), op, value) === 1;
  }

  bool(field: string, value: boolean): boolean {
    return this.k.k_bool(this.slot(field), value ? 1 : 0) === 1;
  }

  exists(field: string): boolean {
    return this.k.k_exists(this.slot(field)) === 1;
  }

  len(field: string, op: number, value: number): boolean {
    return this.k.k_len(this.slot(field), op, BigInt(value)) === 1;
  }

  fieldcmp(a: string, b: string, op: number, ci = false): boolean {
    return this.k.k_fieldcmp(this.slot(a), this.slot(b), op, ci ? 1 : 0) === 1;
  }

  /** op: 1 prefix, 2 suffix, 3 contains (k_str's codes). */
  fieldtext(a: string, b: string, op: number, ci = false): boolean {
    return this.k.k_fieldtext(this.slot(a), this.slot(b), op, ci ? 1 : 0) === 1;
  }

  regex(field: string, idx: number): boolean {
    return this.k.k_regex(this.slot(field), idx) === 1;
  }

  /** k_cidr with a network written as "a.b.c.d/n" or "v6::/n". */
  cidr(field: string, network: string): boolean {
    const [addr, bits] = ipaddr.parseCIDR(network);
    const [ptr] = this.constant(Uint8Array.from(addr.toByteArray()));
    return this.k.k_cidr(this.slot(field), ptr, bits, addr.kind() === "ipv6" ? 1 : 0) === 1;
  }
}

/** Creates a harness; the common entry point for kernel tests. */
export function loadKernels(opts: HarnessOptions): Promise<KernelHarness> {
  return KernelHarness.create(opts);
}
