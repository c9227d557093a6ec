/**
 * @fileoverview Feeds whole files through one package engine as `kestrel run --workers 1`
 * does (1 MiB chunks through the framing stage, then one engine scan per batch) and counts
 * the matches: the loop every in-process bench row times.
 */
import type { PackageEngine } from "../src/runtime/engine.js";
import { Framer, type LineBatch } from "../src/runtime/framing.js";

const CHUNK = 1 << 20;

export function feedAll(engine: PackageEngine, files: readonly Uint8Array[]): number {
  let matches = 0;
  let seq = 0;
  const scan = (b: LineBatch): void => void (matches += engine.scan(b, true).matches.length);
  for (const f of files) {
    const framer = new Framer("<bench>", engine.inputCapacity, () => seq++, { batch: scan, oversize: () => undefined });
    for (let i = 0; i < f.length; i += CHUNK) framer.push(f.subarray(i, i + CHUNK));
    framer.end();
  }
  return matches;
}
