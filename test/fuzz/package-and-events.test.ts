/**
 * @fileoverview Fuzzing what a run reads besides rules (fast-check):
 * - the manifest reader: a real package's manifest.json with values replaced, keys removed
 *   or the text cut short, read and run as `kestrel run` would (readPackage, instantiate,
 *   scan, detect) must either run or be refused with a PackageError, never crash;
 * - the NDJSON event decoder: arbitrary lines through the Wasm scanner, where a line is set
 *   aside as malformed exactly when JSON.parse does not give an object nested at most
 *   abi.MAX_DEPTH deep, and every other line is counted and scanned.
 */
import fc from "fast-check";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { compileSources, linkRuleSet } from "../../compiler/index.js";
import { abi } from "../../compiler/package/abi.js";
import { PackageError, readPackage } from "../../compiler/package/read.js";
import { writePackage } from "../../compiler/package/write.js";
import { DetectStage } from "../../src/runtime/detect/detect.js";
import { PackageEngine } from "../../src/runtime/engine.js";
import { fuzzRuns } from "../helpers/fuzz.js";

const test = suite("fuzz: package manifests and event lines");

const rules = [
  { path: "a.eql", read: () => 'process where CommandLine : "*whoami*"\n' },
  { path: "b.eql", read: () => "sequence by Hostname with maxspan=1m [process where true] [network where DestinationPort == 443]\n" },
];
const compiled = compileSources(rules, { schema: "windows" });
const built = await linkRuleSet(compiled, "fuzz");
const events = new TextEncoder().encode(
  [
    '{"@timestamp":"2026-01-01T00:00:00Z","Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"Hostname":"h","CommandLine":"whoami"}',
    '{"@timestamp":"2026-01-01T00:00:01Z","Channel":"Microsoft-Windows-Sysmon/Operational","EventID":3,"Hostname":"h","DestinationPort":443}',
  ].join("\n") + "\n",
);
const original = JSON.stringify(built.manifest);

/** Reads, loads and runs the package in `dir` as a run does; true when it ran, false when refused with a PackageError. */
async function loadAndRun(dir: string): Promise<boolean> {
  let pkg;
  let engine;
  try {
    pkg = readPackage(dir);
    engine = await PackageEngine.fromWasm(pkg.wasm, pkg.manifest);
  } catch (e) {
    if (e instanceof PackageError) return false;
    throw e;
  }
  const scan = engine.scan({ seq: 0, source: "e", firstLine: 1, bytes: events }, true);
  const detect = new DetectStage([pkg.manifest]);
  const batch = { seq: 0, source: "e", lines: scan.lines, bytes: events.length, matches: scan.matches, malformed: scan.malformed };
  detect.stateless(batch);
  detect.stateful(batch);
  detect.finish();
  return true;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path to a value inside `v`. */
function paths(v: Json, at: (string | number)[] = []): (string | number)[][] {
  const here = [at];
  if (Array.isArray(v)) return [...here, ...v.flatMap((x, i) => paths(x, [...at, i]))];
  if (v !== null && typeof v === "object") return [...here, ...Object.entries(v).flatMap(([k, x]) => paths(x, [...at, k]))];
  return here;
}

function edit(root: Json, path: readonly (string | number)[], value: Json | undefined): Json {
  if (path.length === 0) return value ?? null;
  const [head, ...rest] = path;
  if (Array.isArray(root) && typeof head === "number") {
    const copy = [...root];
    if (value === undefined && rest.length === 0) copy.splice(head, 1);
    else copy[head] = edit(root[head] ?? null, rest, value);
    return copy;
  }
  if (root !== null && typeof root === "object" && !Array.isArray(root) && typeof head === "string") {
    const copy = { ...root };
    if (value === undefined && rest.length === 0) delete copy[head];
    else copy[head] = edit(root[head] ?? null, rest, value);
    return copy;
  }
  return root;
}

test("the unmodified package runs", async () => {
  const dir = writePackage(mkdtempSync(join(tmpdir(), "kestrel-fuzz-")), built.manifest, built.wasm, built.ir);
  assert.ok(await loadAndRun(dir));
});

test("manifest: a value replaced or removed, or the text cut short, runs or is refused, never crashes", async () => {
  const base = JSON.parse(original) as Json;
  const all = paths(base);
  const replacement = fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>, fc.integer({ min: -2, max: 1 << 20 }), fc.constantFrom("", "x", "rules.wasm", "../rules.wasm"));
  const root = mkdtempSync(join(tmpdir(), "kestrel-fuzz-"));
  let n = 0;
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: all.length - 1 }), replacement, fc.boolean(), fc.nat(), async (i, value, cut, at) => {
      const dir = writePackage(join(root, String(n++)), built.manifest, built.wasm, built.ir);
      const mutated = JSON.stringify(edit(base, all[i] ?? [], value as Json | undefined));
      writeFileSync(join(dir, "manifest.json"), cut ? mutated.slice(0, at % (mutated.length + 1)) : mutated);
      await loadAndRun(dir);
    }),
    { numRuns: fuzzRuns(150) },
  );
});

test("module: a flipped byte is refused by its sha256", async () => {
  await fc.assert(
    fc.asyncProperty(fc.nat(), fc.integer({ min: 1, max: 255 }), async (at, x) => {
      const dir = writePackage(mkdtempSync(join(tmpdir(), "kestrel-fuzz-")), built.manifest, built.wasm, built.ir);
      const file = join(dir, built.manifest.module.file);
      const bytes = readFileSync(file);
      const i = at % bytes.length;
      bytes[i] = (bytes[i] ?? 0) ^ x;
      writeFileSync(file, bytes);
      assert.is(await loadAndRun(dir), false);
    }),
    { numRuns: fuzzRuns(20) },
  );
});

function depth(v: unknown): number {
  if (Array.isArray(v)) return 1 + Math.max(0, ...v.map(depth));
  if (v !== null && typeof v === "object") return 1 + Math.max(0, ...Object.values(v).map(depth));
  return 0;
}

/** What the scanner must do with a line: set it aside exactly when it is not a JSON object nested at most MAX_DEPTH deep. */
function shouldBeMalformed(line: string): boolean {
  if (line.trim() === "") return false;
  try {
    const v: unknown = JSON.parse(line);
    return typeof v !== "object" || v === null || Array.isArray(v) || depth(v) > abi.MAX_DEPTH;
  } catch {
    return true;
  }
}

test("events: the scanner sets aside exactly the lines that are not JSON objects", async () => {
  const engine = await PackageEngine.fromWasm(built.wasm, built.manifest);
  const objectish = fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify({ CommandLine: "whoami", v }));
  const noise = fc.oneof(fc.string({ maxLength: 40 }), fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)), objectish, objectish.map((s) => s.slice(0, Math.max(1, s.length - 3))));
  fc.assert(
    fc.property(fc.array(noise.map((s) => s.replace(/[\r\n]/g, " ")), { minLength: 1, maxLength: 12 }), (lines) => {
      const bytes = new TextEncoder().encode(lines.join("\n") + "\n");
      const scan = engine.scan({ seq: 0, source: "e", firstLine: 1, bytes }, true);
      const setAside = new Set(scan.malformed.map((m) => m.line));
      lines.forEach((l, i) => assert.is(setAside.has(i + 1), shouldBeMalformed(l), `line ${i + 1}: ${l}`));
      assert.is(scan.lines, lines.length);
    }),
    { numRuns: fuzzRuns(300) },
  );
});

test.run();
