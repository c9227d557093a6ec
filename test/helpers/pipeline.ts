/**
 * @fileoverview Runs the real runtime pipeline in this process for tests: a compile result
 * linked into a compiled package, and a run whose alerts are collected by a sink in memory.
 */
import { linkRuleSet, type CompileResult } from "../../compiler/index.js";
import type { Alert } from "../../src/runtime/alert.js";
import type { CompiledPackage } from "../../src/runtime/bus/scan-batch.js";
import { runPipeline, type RunOptions } from "../../src/runtime/pipeline.js";
import type { EventInput } from "../../src/runtime/source.js";

/** Events held in memory as one input, handed over in `chunk`-byte pieces (all at once by default). */
export function bytesInput(name: string, bytes: Uint8Array, chunk = bytes.length || 1): EventInput {
  return {
    name,
    open: async function* () {
      for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
    },
    size: () => bytes.length,
  };
}

export async function compiledPackage(result: Pick<CompileResult, "ruleSet" | "schema">, name: string): Promise<CompiledPackage> {
  const built = await linkRuleSet(result, name);
  return { manifest: built.manifest, module: await WebAssembly.compile(built.wasm as Uint8Array<ArrayBuffer>) };
}

/** Every alert of the run, in delivery order; input problems are ignored. */
export async function collectAlerts(options: Omit<RunOptions, "sink" | "warn">): Promise<Alert[]> {
  const alerts: Alert[] = [];
  await runPipeline({ ...options, sink: { name: "collect", write: async (b) => void alerts.push(...b), close: async () => undefined }, warn: () => undefined });
  return alerts;
}
