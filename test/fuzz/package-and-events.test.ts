/**
 * @fileoverview Fuzzing what a run reads besides rules (fast-check):
 * - the manifest reader: a real package's manifest.json with values replaced, keys removed
 *   or the text cut short, read and run as `kestrel run` would (readPackage, instantiate,
 *   scan, detect) must either run or be refused with a PackageError, never crash;
 * - the NDJSON event decoder: arbitrary lines through the Wasm scanner (raw bytes too, valid
 *   UTF-8 or not), where a line is set aside as malformed exactly when it is not well-formed
 *   UTF-8 or JSON.parse does not give an object nested at most abi.MAX_DEPTH deep, and every
 *   other line is counted and scanned.
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

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** What the scanner must do with a line: set it aside exactly when it is not UTF-8, or not a JSON object nested at most MAX_DEPTH deep. */
function shouldBeMalformed(bytes: Uint8Array): boolean {
  let line: string;
  try {
    line = strictUtf8.decode(bytes);
  } catch {
    return true;
  }
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
  const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: "binary", maxLength: 20 }), fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)), objectish, objectish.map((s) => s.slice(0, Math.max(1, s.length - 3))));
  const encoded = text.map((s) => new TextEncoder().encode(s.replace(/[\r\n]/g, " ")));
  // Raw bytes spliced into an object's string value: stray continuation bytes, overlongs, surrogates, lead bytes cut short.
  const rawInString = fc.tuple(objectish, fc.uint8Array({ minLength: 1, maxLength: 6 })).map(([s, raw]) => {
    const at = s.indexOf('"', 1) + 1;
    const head = new TextEncoder().encode(s.slice(0, at));
    const tail = new TextEncoder().encode(s.slice(at));
    return Uint8Array.from([...head, ...raw.filter((b) => b !== 0x0a && b !== 0x0d && b !== 0x22 && b !== 0x5c), ...tail]);
  });
  fc.assert(
    fc.property(fc.array(fc.oneof(encoded, rawInString), { minLength: 1, maxLength: 12 }), (lines) => {
      const bytes = Uint8Array.from(lines.flatMap((l) => [...l, 0x0a]));
      const scan = engine.scan({ seq: 0, source: "e", firstLine: 1, bytes }, true);
      const setAside = new Set(scan.malformed.map((m) => m.line));
      lines.forEach((l, i) => assert.is(setAside.has(i + 1), shouldBeMalformed(l), `line ${i + 1}: ${Buffer.from(l).toString("hex")}`));
      assert.is(scan.lines, lines.length);
    }),
    { numRuns: fuzzRuns(300) },
  );
});

test.run();
