/**
 * @fileoverview Job 3: the bundled rules (rules/, schema `windows`) over every Mordor
 * NDJSON file in ../shared/datasets/mordor, through the Wasm package (fed in 64 KiB
 * pushes, as a file stream arrives) and the reference evaluator. Per file, the two must
 * agree exactly on matches (line and rule) and on malformed lines. Prints the event
 * count and matches per rule.
 */
import fg from "fast-glob";
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { compilePaths } from "../../compiler/index.js";
import { packageRoot } from "../../compiler/util/package-root.js";
import { createWasmRunner, runReference, type Outcome } from "../helpers/differential.js";
import { formatTable } from "./table.js";
import { Counter, type Tally } from "./tally.js";

const CHUNK = 64 << 10;

/** Non-blank lines, as both engines count events. */
function countEvents(bytes: Uint8Array): number {
  let n = 0;
  for (const line of Buffer.from(bytes).toString("utf8").split("\n")) if (line.trim() !== "") n++;
  return n;
}

/** First difference between two outcomes, or undefined when they agree. */
function difference(ref: Outcome, wasm: Outcome): string | undefined {
  const diff = (a: readonly (string | number)[], b: readonly (string | number)[]): string | undefined => {
    const i = a.findIndex((x, k) => x !== b[k]);
    if (i < 0 && a.length === b.length) return undefined;
    const at = i < 0 ? Math.min(a.length, b.length) : i;
    return `${a.length} vs ${b.length}, first difference at #${at}: reference ${String(a[at] ?? "-")}, wasm ${String(b[at] ?? "-")}`;
  };
  const m = diff(ref.matches, wasm.matches);
  if (m !== undefined) return `matches differ (${m})`;
  const bad = diff(ref.malformed, wasm.malformed);
  return bad === undefined ? undefined : `malformed lines differ (${bad})`;
}

export async function runMordorJob(shared: string, tally: Tally): Promise<void> {
  const root = packageRoot();
  const compiled = await compilePaths(["rules"], { schema: "windows", cwd: root });
  const errors = compiled.diagnostics.filter((d) => d.severity === "error");
  tally.check(errors.length === 0, `mordor: bundled rules do not compile: ${errors.map((d) => `${d.span.file}: ${d.code}`).join(", ")}`);
  const run = await createWasmRunner(compiled);
  const files = (await fg("datasets/mordor/*.ndjson", { cwd: shared, absolute: true })).sort();
  const perRule = new Counter();
  let events = 0;
  let malformed = 0;
  let agreed = 0;
  for (const file of files) {
    const bytes = readFileSync(file);
    events += countEvents(bytes);
    const ref = runReference(compiled.ruleSet, compiled.schema, bytes);
    const wasm = run(bytes, CHUNK);
    const why = difference(ref, wasm);
    tally.check(why === undefined, `mordor ${basename(file)}: engines disagree: ${why ?? ""}`);
    if (why === undefined) agreed++;
    malformed += ref.malformed.length;
    for (const m of ref.matches) perRule.add(m.slice(m.indexOf(":") + 1));
  }
  console.log(`Mordor: ${compiled.ruleSet.rules.length} bundled rules over ${files.length} files, ${events} events, ${malformed} malformed lines; engines agree on ${agreed}/${files.length} files`);
  const rows = compiled.ruleSet.rules.map((r) => [r.id, r.language, perRule.get(r.id)] as const);
  console.log(formatTable(["rule", "language", "matches"], rows));
  console.log("");
}
