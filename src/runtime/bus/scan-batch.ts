/**
 * @fileoverview One batch through every loaded package's engine, merged into one
 * ScannedBatch. Malformed lines are the same for every package, so only the first
 * reports them. Shared by the in-thread scanner and the worker.
 */
import type { Manifest } from "../../../compiler/package/manifest.js";
import { PackageEngine, type EngineOptions } from "../engine.js";
import type { LineBatch } from "../framing.js";
import type { ScannedBatch } from "../records.js";

export interface CompiledPackage {
  readonly manifest: Manifest;
  /** Compiled once; a WebAssembly.Module crosses to workers without recompiling. */
  readonly module: WebAssembly.Module;
}

export async function createEngines(packages: readonly CompiledPackage[], options: EngineOptions = {}): Promise<PackageEngine[]> {
  return Promise.all(packages.map((p, i) => PackageEngine.create(p.module, p.manifest, i, options)));
}

export function scanBatch(engines: readonly PackageEngine[], batch: LineBatch): ScannedBatch {
  let lines = 0;
  const matches = [];
  const malformed = [];
  for (const [i, engine] of engines.entries()) {
    const r = engine.scan(batch, i === 0);
    if (i === 0) lines = r.lines;
    matches.push(...r.matches);
    malformed.push(...r.malformed);
  }
  if (engines.length > 1) matches.sort((a, b) => a.line - b.line || a.pkg - b.pkg || a.rule - b.rule);
  return { seq: batch.seq, source: batch.source, lines, bytes: batch.bytes.length, matches, malformed };
}
