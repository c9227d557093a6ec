/**
 * @fileoverview Many rules at once: every SigmaHQ Windows rule that compiles (with
 * --open-fields) over the bench events, linked twice — with the rule index (shared
 * leading terms tested once, compiler/codegen/dispatch.ts) and flat (each rule on its
 * own) — and timed side by side. Needs ../shared; returns undefined without it.
 */
import fg from "fast-glob";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { compileSources, linkRuleSet } from "../compiler/index.js";
import type { Dispatch } from "../compiler/codegen/rules.js";
import { PackageEngine } from "../src/runtime/engine.js";
import { feedAll } from "./feed.js";

export interface ManyRulesTiming {
  readonly rules: number;
  readonly seconds: Readonly<Record<Dispatch, number>>;
  readonly matches: Readonly<Record<Dispatch, number>>;
}

async function timeWith(result: ReturnType<typeof compileSources>, dispatch: Dispatch, files: readonly Buffer[]): Promise<{ seconds: number; matches: number }> {
  const built = await linkRuleSet(result, "bench-many", { dispatch });
  const engine = await PackageEngine.fromWasm(built.wasm, built.manifest);
  const t0 = process.hrtime.bigint();
  const matches = feedAll(engine, files);
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, matches };
}

export async function timeManyRules(shared: string, files: readonly Buffer[]): Promise<ManyRulesTiming | undefined> {
  const dir = join(shared, "corpus", "sigma", "rules", "windows");
  if (!existsSync(dir)) return undefined;
  const paths = (await fg("**/*.yml", { cwd: dir, absolute: true })).sort();
  const result = compileSources(paths.map((p) => ({ path: p, read: () => readFileSync(p, "utf8") })), { schema: "windows", openFields: true });
  const trie = await timeWith(result, "trie", files);
  const flat = await timeWith(result, "flat", files);
  return { rules: result.ruleSet.rules.length, seconds: { trie: trie.seconds, flat: flat.seconds }, matches: { trie: trie.matches, flat: flat.matches } };
}
