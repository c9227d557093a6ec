/**
 * @fileoverview Job 1 driver: the endgame reference suite and the two Elasticsearch
 * suites, all over the same Endgame-schema events, then the per-suite table and any
 * stale baseline entries.
 */
import { join } from "node:path";
import { loadSchema } from "../../compiler/schema/load.js";
import { Baseline } from "./baseline.js";
import { inferSchema } from "../../compiler/schema/infer.js";
import { indexSchema } from "../../compiler/schema/load.js";
import { readEventArray, runEqlSuite, type EqlSuiteSpec, type SuiteReport } from "./eql-suite.js";
import { formatTable } from "./table.js";
import type { Tally } from "./tally.js";

/**
 * Elasticsearch's `.data` suites have no Kestrel schema: one is inferred from each file's
 * events (compiler/schema/infer.ts, as `--schema auto` does), with `event_type` as the
 * category field, as their mappings alias it to event.category.
 */
function dataSuite(es: string, toml: string, data: string, idField: string): EqlSuiteSpec {
  const dataPath = join(es, "data", data);
  const events = JSON.parse(readEventArray(dataPath)) as Record<string, unknown>[];
  const schema = indexSchema(inferSchema(events, { categoryField: "event_type", id: data.replace(/\W/g, "-").toLowerCase() }), dataPath);
  return { label: `eql-es/${toml} (${data})`, tomlPath: join(es, toml), dataPath, dialect: "elastic", idField, schema };
}

function specs(shared: string): EqlSuiteSpec[] {
  const eql = join(shared, "conformance", "eql");
  const es = join(shared, "conformance", "eql-es");
  return [
    { label: "eql/test_queries.toml", tomlPath: join(eql, "test_queries.toml"), dataPath: join(eql, "test_data.json"), dialect: "endgame" },
    { label: "eql-es/test_queries.toml", tomlPath: join(es, "test_queries.toml"), dataPath: join(es, "test_data.json"), dialect: "elastic" },
    { label: "eql-es/additional_test_queries.toml", tomlPath: join(es, "additional_test_queries.toml"), dataPath: join(es, "test_data.json"), dialect: "elastic" },
    { label: "eql-es/test_queries_supported.toml", tomlPath: join(es, "test_queries_supported.toml"), dataPath: join(es, "test_data.json"), dialect: "elastic" },
    dataSuite(es, "test_extra.toml", "extra.data", "sequence"),
    dataSuite(es, "test_missing_events.toml", "missing-events.data", "sequence"),
  ];
}

export async function runEqlJob(shared: string, tally: Tally, verbose: boolean): Promise<void> {
  const baseline = Baseline.load();
  const seen = new Set<string>();
  const ctx = { schema: loadSchema("endgame"), baseline, tally, seen, verbose };
  const reports: SuiteReport[] = [];
  const suites = specs(shared);
  for (const spec of suites) reports.push(await runEqlSuite(spec, ctx));
  console.log("EQL conformance (schema endgame; eql/ in the endgame dialect without its case_sensitive-only cases, eql-es/ in the elastic dialect without its case_insensitive-only cases)");
  const header = ["suite", "total", "skipped", "compiled", "passed", "failed", "known", "unsupported", "disagree", "unsupported codes (cases)"];
  console.log(formatTable(header, reports.map((r) => [r.label, r.total, r.skipped, r.compiled, r.passed, r.failed, r.known, r.unsupported, r.disagreements, r.codes.format(5)])));
  for (const stale of baseline.unused(seen, suites.map((s) => s.label))) {
    tally.fail(`known-failures.json: ${stale.suite} case ${stale.case} was not run or did not compile; remove it`);
  }
  console.log("");
}
