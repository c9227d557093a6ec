/**
 * @fileoverview A real manifest without binaryen: the fixture rules (one EQL, one Sigma,
 * one JSON) compiled to IR, around a stand-in module. For tests of manifest validation
 * and of the package cache, which never run the Wasm.
 */
import { planPackage } from "../../compiler/codegen/captures.js";
import { compilePaths } from "../../compiler/index.js";
import type { Manifest } from "../../compiler/package/manifest.js";
import { buildManifest } from "../../compiler/package/write.js";

export interface SamplePackage {
  readonly manifest: Manifest;
  readonly wasm: Uint8Array;
}

/** `seed` changes the module bytes, so packages (and their hashes) differ. */
export async function samplePackage(seed = 0): Promise<SamplePackage> {
  const result = await compilePaths(["test/fixtures/three-rules"], { schema: "windows" });
  const wasm = new Uint8Array(64).fill(seed);
  const manifest = buildManifest("rules", result.ruleSet, result.schema, {
    wasm,
    heapBase: 65536,
    hostImports: [],
    regexes: [{ source: "a", flags: "i" }],
    fields: [{ slot: 0, id: 1, path: "Image", type: "string" }],
  }, planPackage(result.ruleSet, result.schema));
  return { manifest, wasm };
}
