/**
 * @fileoverview Dev script, not a test: compiles every Sigma rule under a folder
 * (default ../shared/corpus/sigma/rules/windows) against an event schema (default
 * `windows`), checks each lowered rule with validateRule, and prints how many
 * compiled plus the diagnostic codes that stopped the rest, most frequent first.
 * Usage: node --import tsx test/unit/frontends/sigma/corpus-report.ts [dir] [schema] [--show CODE]
 */
import fg from "fast-glob";
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { DiagnosticBag } from "../../../../compiler/diagnostics/diagnostic.js";
import { formatDiagnostic } from "../../../../compiler/diagnostics/format.js";
import { sigmaFrontend } from "../../../../compiler/frontends/sigma/index.js";
import { validateRule } from "../../../../compiler/ir/validate.js";
import { loadSchema } from "../../../../compiler/schema/load.js";
import { SourceFile } from "../../../../compiler/source/source-file.js";

const args = process.argv.slice(2);
const showIdx = args.indexOf("--show");
const show = showIdx >= 0 ? args.splice(showIdx, 2)[1] : undefined;
const dir = args[0] ?? "../shared/corpus/sigma/rules/windows";
const schema = loadSchema(args[1] ?? "windows");
const files = (await fg("**/*.{yml,yaml}", { cwd: dir, absolute: true })).sort();
const byCode = new Map<string, number>();
const messages = new Map<string, number>();
let compiled = 0;
let invalidIr = 0;
for (const path of files) {
  const file = new SourceFile(relative(process.cwd(), path), readFileSync(path, "utf8"));
  const bag = new DiagnosticBag();
  const ast = sigmaFrontend.parse(file, bag);
  const rules = ast === undefined ? [] : sigmaFrontend.lower(ast, { schema, bag, file });
  for (const r of rules) {
    const problems = validateRule(r, schema);
    if (problems.length > 0) {
      invalidIr++;
      console.error(`${file.path}: invalid IR: ${problems.join("; ")}`);
    }
  }
  if (rules.length > 0 && !bag.hasErrors()) {
    compiled++;
    continue;
  }
  const codes = new Set(bag.items.filter((d) => d.severity === "error").map((d) => d.code));
  for (const c of codes) byCode.set(c, (byCode.get(c) ?? 0) + 1);
  for (const d of bag.items) {
    if (d.severity !== "error") continue;
    const key = `${d.code} ${d.message.replace(/'[^']*'/, "'…'")}`;
    messages.set(key, (messages.get(key) ?? 0) + 1);
    if (d.code === show) console.log(formatDiagnostic(d, file));
  }
}
const sorted = (m: Map<string, number>): [string, number][] => [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
console.log(`schema ${schema.id}: ${files.length} rules, ${compiled} compiled, ${files.length - compiled} failed, ${invalidIr} with invalid IR`);
console.log("rules failing per code:");
for (const [c, n] of sorted(byCode)) console.log(`  ${c}  ${n}`);
console.log("top messages:");
for (const [m, n] of sorted(messages).slice(0, 25)) console.log(`  ${String(n).padStart(5)}  ${m}`);
