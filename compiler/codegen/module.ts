/**
 * @fileoverview The only file that imports binaryen: a thin typed builder with one small
 * method per Wasm construct codegen uses, plus linking helpers (replace an import by a
 * defined function, add data segments, trim exports) and validate/optimize/emit.
 * binaryen is heavy to load, so only `kestrel build` reaches this file.
 */
import binaryen from "binaryen";

export type Expr = number;
export type ValType = "none" | "i32" | "i64" | "f64";

const types: Readonly<Record<ValType, number>> = {
  none: binaryen.none,
  i32: binaryen.i32,
  i64: binaryen.i64,
  f64: binaryen.f64,
};

/** What every supported Node (20+) runs; the kernels use bulk memory for fills and copies. */
const FEATURES =
  binaryen.Features.MutableGlobals |
  binaryen.Features.NontrappingFPToInt |
  binaryen.Features.SignExt |
  binaryen.Features.BulkMemory |
  binaryen.Features.BulkMemoryOpt;

/** Largest function (binaryen size units) inlined only because it has one caller. */
const ONE_CALLER_INLINE_MAX = 200;

export interface FunctionSignature {
  readonly params: readonly ValType[];
  readonly result: ValType;
}

export interface DataSegment {
  readonly offset: number;
  readonly data: Uint8Array;
}

/** The data-segment calls binaryen 132 has (its index.d.ts lags behind). */
interface DataSegmentApi {
  getNumDataSegments(): number;
  getDataSegmentByIndex(index: number): number;
  getDataSegmentInfo(ref: number): { name: string; offset: number | null; data: ArrayBuffer; passive: boolean };
}

export class WasmModule {
  private constructor(private readonly m: binaryen.Module) {}

  static empty(): WasmModule {
    const m = new binaryen.Module();
    m.setFeatures(FEATURES);
    return new WasmModule(m);
  }

  static fromBinary(bytes: Uint8Array): WasmModule {
    const m = binaryen.readBinary(bytes);
    m.setFeatures(FEATURES);
    return new WasmModule(m);
  }

  // --- constants and operators -------------------------------------------------
  i32(value: number): Expr {
    return this.m.i32.const(value | 0);
  }

  i64(value: bigint): Expr {
    return this.m.i64.const(BigInt.asIntN(64, value));
  }

  f64(value: number): Expr {
    return this.m.f64.const(value);
  }

  eqz(value: Expr): Expr {
    return this.m.i32.eqz(value);
  }

  /** `cond ? then : otherwise`, evaluating only the branch taken. */
  ifElse(cond: Expr, then: Expr, otherwise: Expr): Expr {
    return this.m.if(cond, then, otherwise);
  }

  ifThen(cond: Expr, then: Expr): Expr {
    return this.m.if(cond, then);
  }

  block(children: readonly Expr[], result: ValType = "none"): Expr {
    return this.m.block(null, children, types[result]);
  }

  call(name: string, args: readonly Expr[], result: ValType): Expr {
    return this.m.call(name, args, types[result]);
  }

  nop(): Expr {
    return this.m.nop();
  }

  // --- module items -------------------------------------------------------------
  addFunction(name: string, sig: FunctionSignature, body: Expr): void {
    this.m.addFunction(name, binaryen.createType(sig.params.map((p) => types[p])), types[sig.result], [], body);
  }

  addFunctionImport(name: string, module: string, base: string, sig: FunctionSignature): void {
    this.m.addFunctionImport(name, module, base, binaryen.createType(sig.params.map((p) => types[p])), types[sig.result]);
  }

  addExport(internalName: string, externalName: string): void {
    this.m.addFunctionExport(internalName, externalName);
  }

  /** Internal function name behind each function export. */
  functionExports(): Map<string, string> {
    const out = new Map<string, string>();
    for (let i = 0; i < this.m.getNumExports(); i++) {
      const info = binaryen.getExportInfo(this.m.getExportByIndex(i));
      if (info.kind === binaryen.ExternalFunction) out.set(info.name, info.value);
    }
    return out;
  }

  /** Imported functions as `module.base` → internal name. */
  functionImports(): Map<string, string> {
    const out = new Map<string, string>();
    for (let i = 0; i < this.m.getNumFunctions(); i++) {
      const info = binaryen.getFunctionInfo(this.m.getFunctionByIndex(i));
      if (info.module) out.set(`${info.module}.${info.base ?? ""}`, info.name);
    }
    return out;
  }

  removeExport(externalName: string): void {
    this.m.removeExport(externalName);
  }

  /**
   * Turn an imported function into a defined one with the same internal name, so every
   * existing call to it becomes a direct call.
   */
  defineImport(internalName: string, sig: FunctionSignature, body: Expr): void {
    this.m.removeFunction(internalName);
    this.addFunction(internalName, sig, body);
  }

  /** Keep the memory (size, export name) and its segments, adding `extra` segments. */
  addDataSegments(extra: readonly DataSegment[], minPages: number): void {
    const info = this.m.getMemoryInfo();
    // binaryen 132 renamed the segment API; its bundled typings still describe the old one.
    const api = this.m as unknown as DataSegmentApi;
    const kept: binaryen.MemorySegment[] = [];
    for (let i = 0; i < api.getNumDataSegments(); i++) {
      const seg = api.getDataSegmentInfo(api.getDataSegmentByIndex(i));
      const offset = seg.passive ? 0 : (seg.offset ?? 0);
      kept.push({ offset: this.m.i32.const(offset), data: new Uint8Array(seg.data), passive: seg.passive });
    }
    const added = extra.map((s) => ({ offset: this.m.i32.const(s.offset), data: s.data, passive: false }));
    const max = info.max ?? 65536;
    this.m.removeExport("memory");
    this.m.setMemory(Math.max(info.initial, minPages), max, "memory", [...kept, ...added]);
  }

  // --- output -------------------------------------------------------------------
  validate(): boolean {
    return this.m.validate() !== 0;
  }

  optimize(level: number): void {
    binaryen.setOptimizeLevel(level);
    binaryen.setShrinkLevel(0);
    // binaryen inlines any function that has one caller, whatever its size (-1); the rule
    // index's branch functions each have one caller, and inlining them all back into one
    // giant function took 3/4 of the link time of 2,000+ rules for no speed-up.
    binaryen.setOneCallerInlineMaxSize(ONE_CALLER_INLINE_MAX);
    this.m.optimize();
  }

  emitBinary(): Uint8Array {
    return this.m.emitBinary();
  }

  emitText(): string {
    return this.m.emitText();
  }

  dispose(): void {
    this.m.dispose();
  }
}
