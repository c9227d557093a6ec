/**
 * @fileoverview Builds a package's Wasm: reads the prebuilt kernels with readBinary,
 * adds the rule code, turns the kernels' `kestrel.*` imports into direct calls to it,
 * trims kernel exports to the host ABI, validates, optimizes and emits. Also renders
 * the rule half alone as text, for `.wat` golden files.
 */
import type { IrRuleSet } from "../ir/nodes.js";
import { HOST_REGEX, generatedImports, hostExports, kernelSignatures, type KernelName } from "./kernel-abi.js";
import { WasmModule } from "./module.js";
import type { PackagePlan } from "./captures.js";
import { addRuleCode, type Dispatch, type RuleCode } from "./rules.js";

export interface LinkedPackage {
  readonly wasm: Uint8Array;
  readonly code: RuleCode;
  /** Host imports left in the module, as `module.base`. */
  readonly hostImports: readonly string[];
}

export class LinkError extends Error {}

export interface LinkOptions {
  readonly optimizeLevel?: number;
  readonly dispatch?: Dispatch;
}

export function linkPackage(set: IrRuleSet, kernels: Uint8Array, plan: PackagePlan, options: LinkOptions = {}): LinkedPackage {
  const optimizeLevel = options.optimizeLevel ?? 3;
  const mod = WasmModule.fromBinary(kernels);
  try {
    const exports = mod.functionExports();
    const imports = mod.functionImports();
    const kernel = (name: KernelName): string => {
      const internal = exports.get(name);
      if (internal === undefined) throw new LinkError(`kernels.wasm does not export ${name}`);
      return internal;
    };
    const code = addRuleCode(mod, set, plan, kernel, (name, sig, body) => {
      const internal = imports.get(`kestrel.${name}`);
      if (internal === undefined) throw new LinkError(`kernels.wasm does not import kestrel.${name}`);
      mod.defineImport(internal, sig, body);
    }, options.dispatch);
    for (const name of Object.keys(kernelSignatures)) mod.removeExport(name);
    mod.addExport(imports.get("kestrel.rule_count") ?? "rule_count", "rule_count");
    mod.addExport("heap_base", "heap_base");
    mod.addDataSegments([code.data], Math.ceil((code.heapBase + 1) / 65536));
    if (!mod.validate()) throw new LinkError("generated module failed validation");
    if (optimizeLevel > 0) mod.optimize(optimizeLevel);
    const left = [...mod.functionImports().keys()];
    const hostImports = left.filter((i) => i === HOST_REGEX);
    const stray = left.filter((i) => i !== HOST_REGEX);
    if (stray.length > 0) throw new LinkError(`unresolved imports: ${stray.join(", ")}`);
    return { wasm: mod.emitBinary(), code, hostImports };
  } finally {
    mod.dispose();
  }
}

/** The rule half as text, kernels declared as imports: deterministic, for golden files. */
export function rulesWat(set: IrRuleSet, plan: PackagePlan): string {
  const mod = WasmModule.empty();
  try {
    for (const [name, sig] of Object.entries(kernelSignatures)) mod.addFunctionImport(name, "kernels", name, sig);
    addRuleCode(mod, set, plan, (name) => name, (name, sig, body) => mod.addFunction(name, sig, body));
    for (const name of Object.keys(generatedImports)) mod.addExport(name, name);
    if (!mod.validate()) throw new LinkError("generated module failed validation");
    return mod.emitText();
  } finally {
    mod.dispose();
  }
}

export { hostExports };
