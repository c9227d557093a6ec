/**
 * @fileoverview Merging packages (compiler/index.ts mergePackages, compiler/package/merge.ts):
 * different schemas and a rule id in two packages are refused with both packages named;
 * rules keep their order and their origin (also through a merge of a merged package); the
 * merged package's ir.json reads back; and running the merged package raises exactly the
 * alerts, ids and `kestrel.package` included, of running each package on its own, over the
 * bundled sample events and the fixture events.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { compilePaths, linkRuleSet, mergePackages, MergeError, readPackageIr, type BuiltPackage, type MergeInput } from "../../../compiler/index.js";
import { planMerge } from "../../../compiler/package/merge.js";
import { readPackage } from "../../../compiler/package/read.js";
import { writePackage } from "../../../compiler/package/write.js";
import { alertToJson } from "../../../src/runtime/alert.js";
import { runPipeline } from "../../../src/runtime/pipeline.js";
import { fileInput } from "../../../src/runtime/source.js";
import type { Sink } from "../../../src/sinks/sink.js";

async function build(name: string, paths: readonly string[]): Promise<BuiltPackage> {
  const result = await compilePaths(paths, { schema: "windows" });
  assert.equal(result.diagnostics.filter((d) => d.severity === "error"), [], name);
  return linkRuleSet(result, name);
}

const a = await build("a", ["rules/eql", "rules/json", "test/fixtures/three-rules/rdp_logon.json"]);
const b = await build("b", ["rules/sigma", "test/fixtures/three-rules/net_tool.eql", "test/fixtures/three-rules/service_install.yml", "test/differential/threshold-rules.json"]);
const inputOf = (label: string, p: BuiltPackage): MergeInput => ({ label, manifest: p.manifest, ir: readPackageIr({ dir: label, ...p }) });
const merged = await mergePackages([inputOf("a.kpkg", a), inputOf("b.kpkg", b)], "merged");

test("a package carries its IR: ir.json beside rules.wasm, its sha256 in the manifest", () => {
  const dir = writePackage(mkdtempSync(join(tmpdir(), "kestrel-merge-")), merged.manifest, merged.wasm, merged.ir);
  const pkg = readPackage(dir);
  assert.is(pkg.manifest.ir?.file, "ir.json");
  assert.equal(readPackageIr(pkg).rules.map((r) => r.id), merged.manifest.rules.map((r) => r.id));
  assert.throws(() => readPackageIr({ ...pkg, ir: merged.ir.replace("\n", " \n") }), /does not match the manifest's/);
});

test("rules keep their order and their origin", () => {
  const ids = (p: BuiltPackage): string[] => p.manifest.rules.map((r) => r.id);
  assert.equal(ids(merged), [...ids(a), ...ids(b)]);
  assert.equal(merged.manifest.rules.map((r) => r.index), merged.manifest.rules.map((_, i) => i));
  const origins = merged.manifest.rules.map((r) => r.origin);
  const of = (p: BuiltPackage) => ({ package: p.manifest.name, sha256: p.manifest.module.sha256 });
  assert.equal(origins, [...a.manifest.rules.map(() => of(a)), ...b.manifest.rules.map(() => of(b))]);
  assert.is.not(merged.manifest.module.sha256, a.manifest.module.sha256);
});

test("merging a merged package keeps the first origins", () => {
  const again = planMerge([inputOf("merged.kpkg", merged)]);
  assert.equal(again.origins, merged.manifest.rules.map((r) => r.origin));
});

test("different schemas are refused, naming both packages", () => {
  const other = { ...b.manifest, schema: { ...b.manifest.schema, id: "ecs", hash: "e".repeat(64) } };
  const ir = { ...inputOf("b.kpkg", b).ir, schema: { id: "ecs", hash: "e".repeat(64) } };
  try {
    planMerge([inputOf("a.kpkg", a), { label: "b.kpkg", manifest: other, ir }]);
    assert.unreachable("merged packages of different schemas");
  } catch (e) {
    assert.instance(e, MergeError);
    assert.match((e as Error).message, /cannot merge a\.kpkg \(schema 'windows' [0-9a-f]{12}\) with b\.kpkg \(schema 'ecs' eeeeeeeeeeee\)/);
  }
});

test("a rule id in two packages is refused, naming both", () => {
  assert.throws(() => planMerge([inputOf("a.kpkg", a), inputOf("again.kpkg", a)]), (e: Error) => e instanceof MergeError && /cannot merge a\.kpkg with again\.kpkg: both have a rule with id/.test(e.message));
});

async function alertLines(packages: readonly BuiltPackage[], events: string): Promise<string[]> {
  const lines: string[] = [];
  const sink: Sink = { name: "collect", write: async (batch) => void lines.push(...batch.map(alertToJson)), close: async () => undefined };
  const compiled = await Promise.all(packages.map(async (p) => ({ manifest: p.manifest, module: await WebAssembly.compile(p.wasm as Uint8Array<ArrayBuffer>) })));
  await runPipeline({ packages: compiled, inputs: [fileInput(events, events)], sink, workers: 1, ordered: true, warn: () => undefined });
  return lines.sort();
}

for (const events of ["examples/sample-events.ndjson", "test/fixtures/three-rules-events.ndjson"]) {
  test(`run(a+b merged) raises the alerts of run(a) and run(b), ids included: ${events}`, async () => {
    const alone = [...(await alertLines([a], events)), ...(await alertLines([b], events))].sort();
    const together = await alertLines([merged], events);
    assert.ok(together.length > 0, "some alerts");
    assert.equal(together, alone);
    assert.equal(await alertLines([a, b], events), alone, "and so does scanning them separately");
  });
}

test("the fixture events fire a threshold rule through the merged package", async () => {
  const lines = await alertLines([merged], "test/fixtures/three-rules-events.ndjson");
  assert.ok(lines.some((l) => l.includes('"detection"')), "a stateful alert");
});

test.run();
