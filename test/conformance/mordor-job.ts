/**
 * @fileoverview Job 3: the bundled rules (rules/, schema `windows`) over every Mordor
 * NDJSON file in ../shared/datasets/mordor, through the Wasm package (fed in 64 KiB
 * pushes, as a file stream arrives) and the reference evaluator on the IR after and
 * before the passes. Per file, the three must agree exactly on matches (line and rule)
 * and on malformed lines. Prints the event count and matches per rule.
 */
import fg from "fast-glob";
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { compilePaths } from "../../compiler/index.js";
import { packageRoot } from "../../compiler/util/package-root.js";
import { AFTER_PASSES, BEFORE_PASSES, createWasmRunner, outcomeDisagreements, runOracle, WASM } from "../helpers/differential.js";
import { formatTable } from "./table.js";
import { Counter, type Tally } from "./tally.js";

const CHUNK = 64 << 10;

/** Non-blank lines, as both engines count events. */
function countEvents(bytes: Uint8Array): number {
  let n = 0;
  for (const line of Buffer.from(bytes).toString("utf8").split("\n")) if (line.trim() !== "") n++;
  return n;
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
    const { after: ref, before } = runOracle(compiled, bytes);
    const problems = outcomeDisagreements(new Map([[WASM, run(bytes, CHUNK)], [AFTER_PASSES, ref], [BEFORE_PASSES, before]]), 5);
    tally.check(problems.length === 0, `mordor ${basename(file)}: engines disagree: ${problems.join("; ")}`);
    if (problems.length === 0) agreed++;
    malformed += ref.malformed.length;
    for (const m of ref.matches) perRule.add(m.slice(m.indexOf(":") + 1));
  }
  console.log(`Mordor: ${compiled.ruleSet.rules.length} bundled rules over ${files.length} files, ${events} events, ${malformed} malformed lines; engines agree on ${agreed}/${files.length} files`);
  const rows = compiled.ruleSet.rules.map((r) => [r.id, r.language, perRule.get(r.id)] as const);
  console.log(formatTable(["rule", "language", "matches"], rows));
  console.log("");
}
