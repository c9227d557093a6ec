/**
 * @fileoverview Feeds whole files through one package engine as `kestrel run` does (1 MiB
 * pushes, a fresh Feeder per file) and counts the matches: the loop every bench row times.
 */
import type { PackageEngine } from "../src/runtime/engine.js";
import { Feeder } from "../src/runtime/feeder.js";

const CHUNK = 1 << 20;

export function feedAll(engine: PackageEngine, files: readonly Uint8Array[]): number {
  let matches = 0;
  for (const f of files) {
    const feeder = new Feeder(engine, { match: () => matches++, malformed: () => undefined, oversize: () => undefined });
    for (let i = 0; i < f.length; i += CHUNK) feeder.push(f.subarray(i, i + CHUNK));
    feeder.end();
  }
  return matches;
}
