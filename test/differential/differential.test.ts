/**
 * @fileoverview Differential tests: every rule in rules/, test/differential/ and test/fixtures runs
 * through the compiled Wasm package and through the reference evaluator, on the IR after
 * the passes and on the IR as lowered, over the same NDJSON bytes. All three must agree,
 * under every way of feeding the bytes to Wasm (tiny chunks, a small input region, a
 * record region that fills up), and their common answer must equal the golden
 * `*.expected.txt`, so a bug every engine shares still fails a test.
 */
import { readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { compilePaths, type CompileResult } from "../../compiler/index.js";
import { AFTER_PASSES, BEFORE_PASSES, expectAgreement, runOracle, runThreeWay, runWasm, WASM, type Outcome, type WasmRunOptions } from "../helpers/differential.js";
import { expectGolden } from "../helpers/golden.js";
import { queryPredicates } from "../../compiler/ir/visit.js";

interface Case {
  readonly name: string;
  readonly rules: string;
  readonly schema: string;
  readonly events: string;
}

const cases: readonly Case[] = [
  { name: "bundled", rules: "rules", schema: "windows", events: "examples/sample-events.ndjson" },
  { name: "ecs-edge", rules: "test/differential/ecs-rules.json", schema: "ecs", events: "test/fixtures/ecs-edge.ndjson" },
  { name: "ecs-edge-eql", rules: "test/differential/eql", schema: "ecs", events: "test/fixtures/ecs-edge.ndjson" },
  { name: "three-rules", rules: "test/fixtures/three-rules", schema: "windows", events: "test/fixtures/three-rules-events.ndjson" },
  { name: "windows-sigma", rules: "test/differential/sigma", schema: "windows", events: "examples/sample-events.ndjson" },
  { name: "threshold-predicates", rules: "test/differential/threshold-rules.json", schema: "windows", events: "examples/sample-events.ndjson" },
];

const feeds: readonly (WasmRunOptions & { label: string })[] = [
  { label: "whole buffer" },
  { label: "1-byte chunks", chunkSize: 1 },
  { label: "7-byte chunks", chunkSize: 7 },
  { label: "1 KiB input region", chunkSize: 300, inputCapacity: 1024 },
  { label: "record region of one line", recordBytes: 1 },
];

function render(o: Outcome): string {
  return [...o.matches, ...o.malformed.map((l) => `${l}:malformed`)].join("\n") + "\n";
}

async function compiled(c: Case): Promise<CompileResult> {
  const result = await compilePaths([c.rules], { schema: c.schema });
  assert.equal(result.diagnostics.filter((d) => d.severity === "error"), [], `${c.rules} compiles`);
  return result;
}

for (const c of cases) {
  test(`${c.name}: Wasm and the oracle before and after passes agree, and match the golden`, async () => {
    const result = await compiled(c);
    const bytes = readFileSync(c.events);
    const { after, before } = runOracle(result, bytes);
    for (const feed of feeds) {
      const wasm = await runWasm(result, bytes, feed);
      expectAgreement(new Map([[WASM, wasm], [AFTER_PASSES, after], [BEFORE_PASSES, before]]), `${c.name}, ${feed.label}`);
    }
    expectGolden(`test/differential/${c.name}.expected.txt`, render(after));
  });
}

test("bundled: every step of every rule in rules/ fires on the sample events", async () => {
  const result = await compiled(cases[0] as Case);
  const wasm = await runWasm(result, readFileSync("examples/sample-events.ndjson"));
  const fired = new Set(wasm.matches.map((m) => m.slice(m.indexOf(":") + 1)));
  for (const rule of result.ruleSet.rules) {
    const steps = queryPredicates(rule.query).length;
    const items = steps === 1 ? [rule.id] : Array.from({ length: steps }, (_, k) => `${rule.id}#${k}`);
    for (const item of items) assert.ok(fired.has(item), `${item} (${rule.source.path}) never fires`);
  }
  assert.ok(result.ruleSet.rules.some((r) => r.language === "eql"));
  assert.ok(result.ruleSet.rules.some((r) => r.language === "sigma"));
  assert.ok(result.ruleSet.rules.some((r) => r.language === "json"));
});

test("nesting at the limit: every engine takes 128 containers and sets 129 aside", async () => {
  const result = await compiled(cases[1] as Case);
  const nested = (n: number) => `{"process":{"name":"cmd.exe"},"z":${"[".repeat(n - 1)}${"]".repeat(n - 1)}}\n`;
  const bytes = Buffer.from([128, 129, 130].map(nested).join(""));
  const three = await runThreeWay(result, bytes);
  expectAgreement(three, "nesting");
  assert.equal(three.get(WASM)?.malformed, [2, 3]);
  assert.ok(three.get(WASM)?.matches.includes("1:str-eq-cs"));
});

test("a line longer than the input region is set aside; its neighbours still match", async () => {
  const result = await compiled(cases[1] as Case);
  const hit = '{"process":{"name":"cmd.exe"}}\n';
  const huge = `{"process":{"name":"cmd.exe","command_line":"${"x".repeat(5000)}"}}\n`;
  const bytes = Buffer.from(hit + huge + hit);
  const wasm = await runWasm(result, bytes, { inputCapacity: 1024, chunkSize: 512 });
  assert.equal(wasm.malformed, [2]);
  assert.ok(wasm.matches.includes("1:str-eq-cs"));
  assert.ok(wasm.matches.includes("3:str-eq-cs"));
  assert.not.ok(wasm.matches.some((m) => m.startsWith("2:")));
});

test.run();
