/**
 * @fileoverview The engine stage: one instantiated rule package and the host's side of the
 * bulk ABI (docs/package-abi.md). A line batch is copied into the input region in one call,
 * scanned by `k_scan`, and its match records are read back with their event time and
 * captures; only matched and malformed lines are decoded to text. Regex is the one host
 * import: the bytes are decoded only for regex leaves.
 */
import { abi } from "../../compiler/package/abi.js";
import type { Manifest } from "../../compiler/package/manifest.js";
import { HOST_API_VERSION, HOST_EXPORTS, HOST_IMPORTS } from "../../compiler/package/host-api.js";
import { PackageError } from "../../compiler/package/read.js";
import type { LineBatch } from "./framing.js";
import { boundRegexBacktracking } from "./regex-safety.js";
import type { Capture, MalformedLine, MatchRecord } from "./records.js";

interface KernelExports {
  readonly memory: WebAssembly.Memory;
  k_init(heapBase: number, inputCap: number, outBytes: number): number;
  k_input_ptr(): number;
  k_out_ptr(): number;
  k_scan(start: number, end: number): number;
  k_match_count(): number;
  k_lines(): number;
  rule_count(): number;
}

export interface EngineOptions {
  /** Bytes of the input region: the largest batch, so the longest line. */
  readonly inputCapacity?: number;
  /** Bytes of the match-record region (at least one line's worst case is added by the kernels). */
  readonly recordBytes?: number;
}

export const DEFAULT_INPUT_CAPACITY = 8 << 20;

export interface EngineScan {
  lines: number;
  readonly matches: MatchRecord[];
  readonly malformed: MalformedLine[];
}

const utf8 = new TextDecoder();

/**
 * Refuses, before instantiating, a package that needs more than Host API v1: a newer
 * `hostApi`, an import the API does not provide, or a missing export of the scan protocol.
 */
function checkHostApi(module: WebAssembly.Module, manifest: Manifest): void {
  const wanted = manifest.hostApi ?? 1;
  if (wanted > HOST_API_VERSION) throw new PackageError(`${manifest.name}: the package needs Host API v${wanted}; this runner provides v${HOST_API_VERSION}`);
  for (const i of WebAssembly.Module.imports(module)) {
    const name = `${i.module}.${i.name}`;
    if (i.kind !== "function" || !HOST_IMPORTS.includes(name)) {
      throw new PackageError(`${manifest.name}: the module imports ${i.kind} ${name}, which Host API v${HOST_API_VERSION} does not provide (it provides ${HOST_IMPORTS.join(", ")})`);
    }
  }
  const exported = new Set(WebAssembly.Module.exports(module).map((e) => e.name));
  const missing = HOST_EXPORTS.filter((e) => !exported.has(e));
  if (missing.length > 0) throw new PackageError(`${manifest.name}: the module lacks the export(s) ${missing.join(", ")} that Host API v${HOST_API_VERSION} requires`);
}

export class PackageEngine {
  private bytes: Uint8Array;
  private view: DataView;
  private readonly inputPtr: number;
  private readonly outPtr: number;

  private constructor(
    readonly manifest: Manifest,
    readonly index: number,
    private readonly exports: KernelExports,
    readonly inputCapacity: number,
  ) {
    this.inputPtr = exports.k_input_ptr();
    this.outPtr = exports.k_out_ptr();
    this.bytes = new Uint8Array(exports.memory.buffer);
    this.view = new DataView(exports.memory.buffer);
  }

  /** Instantiates a compiled module (shareable between workers) for the package's manifest. */
  static async create(module: WebAssembly.Module, manifest: Manifest, index: number, options: EngineOptions = {}): Promise<PackageEngine> {
    const inputCapacity = options.inputCapacity ?? DEFAULT_INPUT_CAPACITY;
    boundRegexBacktracking();
    const regexes = manifest.regexes.map((r) => new RegExp(r.source, r.flags));
    let memory: WebAssembly.Memory | undefined;
    const imports = {
      host: {
        regex_test(idx: number, ptr: number, len: number): number {
          const re = regexes[idx];
          if (re === undefined || memory === undefined) return 0;
          return re.test(utf8.decode(new Uint8Array(memory.buffer, ptr, len))) ? 1 : 0;
        },
      },
    };
    checkHostApi(module, manifest);
    const instance = await WebAssembly.instantiate(module, imports);
    const exports = instance.exports as unknown as KernelExports;
    memory = exports.memory;
    // The sha256 vouches for the module, not for the manifest beside it.
    if (exports.rule_count() !== manifest.rules.length) {
      throw new PackageError(`${manifest.name}: the module holds ${exports.rule_count()} rules but the manifest lists ${manifest.rules.length}; the package is corrupt or was modified`);
    }
    if (exports.k_init(manifest.heapBase, inputCapacity, options.recordBytes ?? 1 << 20) !== 0) {
      throw new Error(`${manifest.name}: cannot allocate ${inputCapacity} bytes of Wasm memory for input`);
    }
    return new PackageEngine(manifest, index, exports, inputCapacity);
  }

  /** Compiles and instantiates in one step, for a single engine (tests, benches). */
  static async fromWasm(wasm: Uint8Array, manifest: Manifest, options: EngineOptions = {}): Promise<PackageEngine> {
    return PackageEngine.create(await WebAssembly.compile(wasm as Uint8Array<ArrayBuffer>), manifest, 0, options);
  }

  private refresh(): void {
    if (this.bytes.buffer !== this.exports.memory.buffer) {
      this.bytes = new Uint8Array(this.exports.memory.buffer);
      this.view = new DataView(this.exports.memory.buffer);
    }
  }

  /** Scans one batch of whole lines (at most inputCapacity bytes). */
  scan(batch: LineBatch, reportMalformed: boolean): EngineScan {
    if (batch.bytes.length > this.inputCapacity) throw new Error(`internal: batch of ${batch.bytes.length} bytes exceeds the input region`);
    this.refresh();
    this.bytes.set(batch.bytes, this.inputPtr);
    const out: EngineScan = { lines: 0, matches: [], malformed: [] };
    let pos = 0;
    while (pos < batch.bytes.length) {
      const end = this.exports.k_scan(pos, batch.bytes.length);
      this.refresh();
      this.readRecords(batch.source, batch.firstLine + out.lines, reportMalformed, out);
      out.lines += this.exports.k_lines();
      if (end <= pos) throw new Error("internal: k_scan made no progress");
      pos = end;
    }
    return out;
  }

  private readRecords(source: string, lineBase: number, reportMalformed: boolean, out: EngineScan): void {
    const v = this.view;
    const count = this.exports.k_match_count();
    let lastIndex = -1;
    let lastRaw = "";
    for (let i = 0, r = this.outPtr; i < count; i++) {
      const start = v.getUint32(r + abi.REC_LINE_START, true);
      const len = v.getUint32(r + abi.REC_LINE_LEN, true);
      const index = v.getUint32(r + abi.REC_LINE_INDEX, true);
      const rule = v.getUint32(r + abi.REC_RULE, true);
      const ncap = v.getUint8(r + abi.REC_CAPTURES);
      const line = lineBase + index;
      if ((rule & abi.MALFORMED_BIT) !== 0) {
        if (reportMalformed) out.malformed.push({ line, offset: rule & ~abi.MALFORMED_BIT, bytes: this.bytes.slice(this.inputPtr + start, this.inputPtr + start + len) });
      } else {
        if (index !== lastIndex) {
          lastIndex = index;
          lastRaw = utf8.decode(this.bytes.subarray(this.inputPtr + start, this.inputPtr + start + len));
        }
        const status = v.getUint8(r + abi.REC_TIME_STATUS);
        out.matches.push({
          pkg: this.index,
          rule,
          source,
          step: v.getUint16(r + abi.REC_STEP, true),
          line,
          timeNs: status === abi.TIME_OK ? v.getBigInt64(r + abi.REC_TIME, true) : undefined,
          timeStatus: status,
          captures: this.readCaptures(r + abi.RECORD_BYTES, ncap),
          raw: lastRaw,
        });
      }
      r += abi.RECORD_BYTES + ncap * abi.CAPTURE_BYTES;
    }
  }

  private readCaptures(at: number, count: number): Capture[] {
    const v = this.view;
    const captures: Capture[] = [];
    for (let i = 0, c = at; i < count; i++, c += abi.CAPTURE_BYTES) {
      const tag = v.getUint8(c + abi.CAP_TAG);
      const ptr = v.getUint32(c + abi.CAP_PTR, true);
      const len = v.getUint32(c + abi.CAP_LEN, true);
      const hasText = tag === abi.TAG_STRING || tag === abi.TAG_NUMBER;
      captures.push({ hash: v.getBigUint64(c + abi.CAP_HASH, true), tag, text: hasText ? utf8.decode(this.bytes.subarray(ptr, ptr + len)) : undefined });
    }
    return captures;
  }
}
