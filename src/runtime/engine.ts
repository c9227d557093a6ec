/**
 * @fileoverview One instantiated rule package: the Wasm instance, its memory regions,
 * and the host's side of the bulk ABI (write input bytes, scan, read match records).
 * Regex is the one host import: the bytes are decoded only for regex leaves.
 */
import { MALFORMED_BIT, RECORD_BYTES } from "../../compiler/codegen/kernel-abi.js";
import type { Manifest } from "../../compiler/package/manifest.js";
import type { LoadedPackage } from "../../compiler/package/read.js";

interface KernelExports {
  readonly memory: WebAssembly.Memory;
  k_init(heapBase: number, inputCap: number, outCap: number): number;
  k_input_ptr(): number;
  k_out_ptr(): number;
  k_scan(len: number, final: number): number;
  k_match_count(): number;
  k_lines(): number;
}

export interface ScanResult {
  readonly consumed: number;
  readonly lines: number;
  /** Flat [lineStart, lineLen, lineIndex, code] quadruples, copied out of Wasm memory. */
  readonly records: Uint32Array;
}

export interface EngineOptions {
  readonly inputCapacity?: number;
  readonly recordCapacity?: number;
}

export class PackageEngine {
  private bytes: Uint8Array;
  private readonly inputPtr: number;
  private readonly outPtr: number;

  private constructor(
    readonly manifest: Manifest,
    private readonly exports: KernelExports,
    readonly inputCapacity: number,
  ) {
    this.inputPtr = exports.k_input_ptr();
    this.outPtr = exports.k_out_ptr();
    this.bytes = new Uint8Array(exports.memory.buffer);
  }

  static async create(pkg: LoadedPackage, options: EngineOptions = {}): Promise<PackageEngine> {
    const inputCapacity = options.inputCapacity ?? 8 << 20;
    // k_scan needs room for one line's worth of records (every rule, or one malformed mark).
    const recordCapacity = Math.max(options.recordCapacity ?? 1 << 16, pkg.manifest.rules.length + 1);
    const regexes = pkg.manifest.regexes.map((r) => new RegExp(r.source, r.flags));
    const decoder = new TextDecoder();
    let memory: WebAssembly.Memory | undefined;
    const imports = {
      host: {
        regex_test(idx: number, ptr: number, len: number): number {
          const re = regexes[idx];
          if (re === undefined || memory === undefined) return 0;
          return re.test(decoder.decode(new Uint8Array(memory.buffer, ptr, len))) ? 1 : 0;
        },
      },
    };
    const module = await WebAssembly.compile(pkg.wasm as Uint8Array<ArrayBuffer>);
    const instance = await WebAssembly.instantiate(module, imports);
    const exports = instance.exports as unknown as KernelExports;
    memory = exports.memory;
    if (exports.k_init(pkg.manifest.heapBase, inputCapacity, recordCapacity) !== 0) {
      throw new Error(`${pkg.dir}: cannot allocate ${inputCapacity} bytes of Wasm memory for input`);
    }
    return new PackageEngine(pkg.manifest, exports, inputCapacity);
  }

  private view(): Uint8Array {
    if (this.bytes.buffer !== this.exports.memory.buffer) this.bytes = new Uint8Array(this.exports.memory.buffer);
    return this.bytes;
  }

  /** Copy bytes into the input region at `at`. */
  write(data: Uint8Array, at: number): void {
    this.view().set(data, this.inputPtr + at);
  }

  /** Move `len` input bytes from `from` to the start of the input region. */
  shift(from: number, len: number): void {
    const v = this.view();
    v.copyWithin(this.inputPtr, this.inputPtr + from, this.inputPtr + from + len);
  }

  /** Offset of the first "\n" in input[from, to), or -1. */
  indexOfNewline(from: number, to: number): number {
    const at = this.view().subarray(this.inputPtr + from, this.inputPtr + to).indexOf(10);
    return at < 0 ? -1 : from + at;
  }

  scan(len: number, final: boolean): ScanResult {
    const consumed = this.exports.k_scan(len, final ? 1 : 0);
    const count = this.exports.k_match_count();
    const v = this.view();
    const start = this.outPtr;
    const records = new Uint32Array(v.buffer.slice(start, start + count * RECORD_BYTES));
    return { consumed, lines: this.exports.k_lines(), records };
  }

  /** The bytes of an input line; valid until the next write or shift. */
  line(start: number, len: number): Uint8Array {
    return this.view().subarray(this.inputPtr + start, this.inputPtr + start + len);
  }
}

export function isMalformed(code: number): boolean {
  return (code & MALFORMED_BIT) !== 0;
}

export function malformedOffset(code: number): number {
  return code & ~MALFORMED_BIT;
}
