/**
 * @fileoverview --profile-rules: what each rule costs. Rules share one Wasm scan (a trie
 * tests their common terms once), so there is no per-rule clock inside it. Instead each
 * rule is linked alone into its own package (the public merge API over a one-rule slice
 * of the package's IR) and its Wasm scan is timed over the sample, best of `repeats`,
 * less the same scan by a package with no rules (JSON parsing and framing, paid once
 * whatever the rules). So it measures the rule's own tests and match records in Wasm; not
 * the detect stage's stateful work (sequences, thresholds, correlations) in JS, and not
 * what it saves by sharing terms with other rules: the costs do not add up to the run's.
 */
import type { IrRuleSet } from "../../../compiler/ir/nodes.js";
import type { Manifest } from "../../../compiler/package/manifest.js";
import type { LoadedPackage } from "../../../compiler/package/read.js";
import { loadCompiler } from "../../util/load-compiler.js";
import { PackageEngine } from "../engine.js";
import { Framer, type LineBatch } from "../framing.js";

export interface RuleCost {
  readonly id: string;
  readonly name: string;
  /** The one-rule package's scan of the whole sample, ms. */
  readonly scanMs: number;
  /** That less the rule-less scan: the rule's own cost (below 0 is timing noise). */
  readonly ms: number;
  /** `ms` per thousand sample events, in microseconds, 0 when within noise below 0. */
  readonly usPer1kEvents: number;
  readonly matches: number;
}

export interface RuleProfile {
  readonly bytes: number;
  readonly events: number;
  readonly repeats: number;
  /** The rule-less scan of the sample, ms (the largest, when packages could not be merged). */
  readonly baselineMs: number;
  /** Costliest first. */
  readonly rules: readonly RuleCost[];
}

const CAPACITY = 8 << 20;

function batches(sample: Uint8Array): LineBatch[] {
  const out: LineBatch[] = [];
  let seq = 0;
  const framer = new Framer("<sample>", CAPACITY, () => seq++, { batch: (b) => out.push(b), oversize: () => undefined });
  framer.push(sample);
  framer.end();
  return out;
}

/** Best-of-`repeats` wall time of scanning every batch, and the match count. */
async function timeScan(wasm: Uint8Array, manifest: Manifest, work: readonly LineBatch[], repeats: number): Promise<{ ms: number; matches: number }> {
  const engine = await PackageEngine.fromWasm(wasm, manifest, { inputCapacity: CAPACITY });
  let best = Infinity;
  let matches = 0;
  for (let r = 0; r <= repeats; r++) {
    const start = performance.now();
    matches = 0;
    for (const b of work) matches += engine.scan(b, false).matches.length;
    // The first pass only warms the engine up (Wasm tier-up, memory growth).
    if (r > 0) best = Math.min(best, performance.now() - start);
  }
  return { ms: best, matches };
}

export async function profileRules(packages: readonly LoadedPackage[], sample: Uint8Array, events: number, repeats = 5): Promise<RuleProfile> {
  const { mergePackages, readPackageIr } = await loadCompiler();
  const work = batches(sample);
  const slice = async (pkg: LoadedPackage, ir: IrRuleSet, keep: readonly number[]) =>
    mergePackages([{ label: pkg.dir, manifest: { ...pkg.manifest, rules: keep.flatMap((i) => pkg.manifest.rules[i] ?? []) }, ir: { ...ir, rules: keep.flatMap((i) => ir.rules[i] ?? []) } }], "profile");
  const costs: RuleCost[] = [];
  let baselineMs = 0;
  for (const pkg of packages) {
    const ir = readPackageIr(pkg);
    const empty = await slice(pkg, ir, []);
    const base = (await timeScan(empty.wasm, empty.manifest, work, repeats)).ms;
    baselineMs = Math.max(baselineMs, base);
    for (const [i, rule] of pkg.manifest.rules.entries()) {
      const alone = await slice(pkg, ir, [i]);
      const t = await timeScan(alone.wasm, alone.manifest, work, repeats);
      const ms = t.ms - base;
      costs.push({ id: rule.id, name: rule.title, scanMs: t.ms, ms, usPer1kEvents: events > 0 ? (Math.max(0, ms) * 1e6) / events : 0, matches: t.matches });
    }
  }
  costs.sort((a, b) => b.scanMs - a.scanMs || a.id.localeCompare(b.id));
  return { bytes: sample.length, events, repeats, baselineMs, rules: costs };
}
