/**
 * @fileoverview How many cases a fuzz property runs: its base count in `npm test`, times
 * KESTREL_FUZZ_SCALE under `npm run fuzz` (default 50), so CI stays fast and a fuzzing
 * session goes deep with the same properties. A failure prints fast-check's seed and path.
 */
export function fuzzRuns(base: number): number {
  const scale = Number(process.env.KESTREL_FUZZ_SCALE ?? "1");
  return Math.max(1, Math.round(base * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}
