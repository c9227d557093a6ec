/**
 * @fileoverview Job 2: compile counts over the rule corpora (figures, not pass/fail).
 * Elastic's EQL rules against schema `ecs`; SigmaHQ's rules, emerging-threats and
 * threat-hunting folders against schema `windows`; each set also with `--open-fields`, and `rules` with
 * `--open-fields --pipeline native` too (unknown log sources match by detection alone). Each rule is compiled alone through
 * compileSources. Checks: the compiler never throws, and each set's compiled rules link
 * (in batches) into packages that pass WebAssembly.validate.
 */
import fg from "fast-glob";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { IrRule } from "../../compiler/ir/nodes.js";
import { loadSchema } from "../../compiler/schema/load.js";
import type { EventSchema } from "../../compiler/schema/schema.js";
import { assertNever } from "../../compiler/util/assert-never.js";
import { compileText } from "./compile-case.js";
import { linkInBatches } from "./corpus-link.js";
import { formatTable } from "./table.js";
import { Counter, type Tally } from "./tally.js";

interface CorpusItem {
  /** Frontend-selecting path, shown in failures. */
  readonly path: string;
  read(): string;
}

interface CorpusReport {
  readonly label: string;
  readonly schema: string;
  readonly total: number;
  readonly compiled: number;
  readonly codes: Counter;
  readonly threw: number;
  readonly batches: number;
  readonly linkOk: boolean;
}

function isEqlRule(v: unknown): v is { rule_id: string; query: string } {
  if (typeof v !== "object" || v === null) return false;
  const r = v as Record<string, unknown>;
  return typeof r["rule_id"] === "string" && typeof r["query"] === "string";
}

function elasticItems(shared: string): CorpusItem[] {
  const doc: unknown = JSON.parse(readFileSync(join(shared, "corpus", "elastic-eql-rules.json"), "utf8"));
  if (!Array.isArray(doc) || !doc.every(isEqlRule)) throw new Error("elastic-eql-rules.json: expected [{rule_id, query}]");
  return doc.map((r) => ({ path: `${r.rule_id}.eql`, read: () => r.query }));
}

async function sigmaItems(shared: string, folder: string): Promise<CorpusItem[]> {
  const dir = join(shared, "corpus", "sigma", folder);
  const files = (await fg("**/*.yml", { cwd: dir, absolute: true })).sort();
  return files.map((f) => ({ path: relative(join(shared, "corpus", "sigma"), f), read: () => readFileSync(f, "utf8") }));
}

async function runCorpus(label: string, items: readonly CorpusItem[], schema: EventSchema, tally: Tally, pipelines: readonly string[] = []): Promise<CorpusReport> {
  const codes = new Counter();
  const rules: IrRule[] = [];
  let compiled = 0;
  let threw = 0;
  items.forEach((item, n) => {
    const result = compileText(item.path, () => item.read(), schema, (i) => `c${n}_${i}`, "elastic", pipelines);
    switch (result.kind) {
      case "compiled":
        compiled++;
        rules.push(...result.rules);
        break;
      case "unsupported":
        for (const code of result.codes) codes.add(code);
        break;
      case "threw":
        threw++;
        tally.fail(`${label}: compiler threw on ${item.path}: ${result.message.split("\n").slice(0, 3).join(" | ")}`);
        break;
      default:
        assertNever(result);
    }
  });
  if (threw === 0) tally.pass();
  const link = await linkInBatches(rules, schema, label);
  for (const p of link.problems) tally.fail(p);
  if (link.problems.length === 0) tally.pass();
  return { label, schema: schema.id, total: items.length, compiled, codes, threw, batches: link.batches, linkOk: link.problems.length === 0 };
}

/** The schema as `--open-fields` makes it: undeclared fields are strings. */
function open(schema: EventSchema): EventSchema {
  return { ...schema, openFields: { type: "string" } };
}

export async function runCorpusJob(shared: string, tally: Tally): Promise<void> {
  const ecs = loadSchema("ecs");
  const windows = loadSchema("windows");
  const elastic = elasticItems(shared);
  const reports = [await runCorpus("elastic-eql-rules.json", elastic, ecs, tally)];
  reports.push(await runCorpus("elastic-eql-rules.json --open-fields", elastic, open(ecs), tally));
  for (const folder of ["rules", "rules-emerging-threats", "rules-threat-hunting"]) {
    const items = await sigmaItems(shared, folder);
    reports.push(await runCorpus(`sigma/${folder}`, items, windows, tally));
    reports.push(await runCorpus(`sigma/${folder} --open-fields`, items, open(windows), tally));
    if (folder === "rules") reports.push(await runCorpus(`sigma/${folder} --open-fields -p native`, items, open(windows), tally, ["native"]));
  }
  console.log("Rule corpora: compile counts (figures; checks are: no compiler exception, compiled rules link and validate)");
  const header = ["corpus", "schema", "rules", "compiled", "failed", "threw", "link batches", "link+validate"];
  console.log(formatTable(header, reports.map((r) => [r.label, r.schema, r.total, r.compiled, r.total - r.compiled, r.threw, r.batches, r.linkOk ? "ok" : "FAILED"])));
  for (const r of reports) {
    console.log(`top diagnostic codes, ${r.label} (rules failing per code):`);
    console.log(`  ${r.codes.format(10)}`);
  }
  console.log("");
}
