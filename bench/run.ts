/**
 * @fileoverview `npm run bench`: throughput measured side by side in one run, over the
 * Windows attack telemetry in ../shared/datasets/mordor (or the bundled sample events,
 * repeated, when ../shared is absent). Prints MB/s and events/s for: reading the files,
 * reading + JSON.parse of every line (the floor of any JS-side evaluator), the Kestrel
 * Wasm engine with the bundled rules, and the reference evaluator; whole `kestrel run`
 * processes with --workers 1 and 2 (bundled rules, and the SigmaHQ Windows corpus) beside a
 * Node process that only reads and JSON.parses; then the ratios; then inline verdict
 * latency (p50/p99 per event at 1 and 1,000 rules) and the JS→Lua call cost per batch.
 * Figures only: nothing here asserts a timing.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compilePaths, linkRuleSet } from "../compiler/index.js";
import { writePackage } from "../compiler/package/write.js";
import { timeInlineLatency } from "./inline-latency.js";
import { timeLuaCalls } from "./lua-overhead.js";
import { timeManyRules } from "./many-rules.js";
import { timeSequenceState } from "./sequence-state.js";
import { bestInterleaved, timeKestrelRun, timeReadAndParse, type ProcessTiming } from "./whole-run.js";
import { PackageEngine } from "../src/runtime/engine.js";
import { feedAll } from "./feed.js";
import { bundledRulesDir, DEFAULT_SCHEMA } from "../src/util/bundled.js";
import { runReference } from "../test/helpers/differential.js";

const mordor = join(process.cwd(), "..", "shared", "datasets", "mordor");

function loadCorpus(): { name: string; paths: string[]; files: Buffer[] } {
  if (existsSync(mordor)) {
    const paths = readdirSync(mordor).filter((n) => n.endsWith(".ndjson")).sort().map((n) => join(mordor, n));
    return { name: `../shared/datasets/mordor (${paths.length} files)`, paths, files: paths.map((p) => readFileSync(p)) };
  }
  const sample = readFileSync(join(process.cwd(), "examples", "sample-events.ndjson"));
  const repeated = Buffer.concat(Array.from({ length: 20000 }, () => sample));
  const path = join(mkdtempSync(join(tmpdir(), "kestrel-bench-")), "sample-x20000.ndjson");
  writeFileSync(path, repeated);
  return { name: "examples/sample-events.ndjson x 20000", paths: [path], files: [repeated] };
}

/** The SigmaHQ Windows rules (--open-fields) built once by the real CLI, or undefined without ../shared. */
function sigmaPackage(): string | undefined {
  const rules = join(process.cwd(), "..", "shared", "corpus", "sigma", "rules", "windows");
  if (!existsSync(rules)) return undefined;
  const out = mkdtempSync(join(tmpdir(), "kestrel-bench-sigma-"));
  spawnSync(process.execPath, [join(process.cwd(), "bin", "run.js"), "build", rules, "--schema", "windows", "--open-fields", "--out", out, "--name", "sigma"], { stdio: "ignore" });
  return join(out, "sigma.kpkg");
}

function time<T>(fn: () => T): { seconds: number; value: T } {
  const t0 = process.hrtime.bigint();
  const value = fn();
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, value };
}

function best<T>(runs: number, fn: () => T): { seconds: number; value: T } {
  let top = time(fn);
  for (let i = 1; i < runs; i++) {
    const r = time(fn);
    if (r.seconds < top.seconds) top = r;
  }
  return top;
}

const corpus = loadCorpus();
const bytes = corpus.files.reduce((n, f) => n + f.length, 0);
const events = corpus.files.reduce((n, f) => n + f.toString("latin1").split("\n").filter((l) => l.trim() !== "").length, 0);
const result = await compilePaths([bundledRulesDir()], { schema: DEFAULT_SCHEMA });
const built = await linkRuleSet(result, "bench");
const engine = await PackageEngine.fromWasm(built.wasm, built.manifest);
const decoder = new TextDecoder();
const RUNS = 3;

const read = best(RUNS, () => corpus.files.map((f) => Buffer.from(f)).length);
const parse = best(RUNS, () => {
  let n = 0;
  for (const f of corpus.files) {
    for (const line of decoder.decode(f).split("\n")) if (line.trim() !== "") n += JSON.parse(line) === null ? 0 : 1;
  }
  return n;
});
const wasm = best(RUNS, () => feedAll(engine, corpus.files));
const reference = time(() => corpus.files.reduce((n, f) => n + runReference(result.ruleSet, result.schema, f).matches.length, 0));

const packageDir = writePackage(mkdtempSync(join(tmpdir(), "kestrel-bench-pkg-")), built.manifest, built.wasm, built.ir);
const [nodeParse, cli, cli2] = bestInterleaved(RUNS, [() => timeReadAndParse(corpus.paths), () => timeKestrelRun(corpus.paths, packageDir, 1), () => timeKestrelRun(corpus.paths, packageDir, 2)]) as [ProcessTiming, ProcessTiming, ProcessTiming];
const sigma = sigmaPackage();
const sigmaRuns = sigma === undefined ? undefined : bestInterleaved(RUNS, [() => timeKestrelRun(corpus.paths, sigma, 1), () => timeKestrelRun(corpus.paths, sigma, 2)]);
const many = await timeManyRules(join(process.cwd(), "..", "shared"), corpus.files);

const mb = bytes / 1e6;
const row = (label: string, seconds: number, extra = ""): string =>
  `${label.padEnd(44)} ${(mb / seconds).toFixed(0).padStart(6)} MB/s ${Math.round(events / seconds).toString().padStart(9)} events/s ${extra}`;
console.log(`corpus: ${corpus.name}, ${mb.toFixed(1)} MB, ${events} events; ${result.ruleSet.rules.length} bundled rules; best of ${RUNS}`);
console.log(row("read files (Buffer copy)", read.seconds));
console.log(row("decode + split + JSON.parse every line", parse.seconds));
console.log(row("kestrel wasm engine (scan + match)", wasm.seconds, `${wasm.value} matches`));
console.log(row("reference evaluator (exact parse + eval, 1 run)", reference.seconds, `${reference.value} matches`));
console.log(row("process: node reads + JSON.parses every line", nodeParse.seconds));
const rss = (t: ProcessTiming): string => (t.peakRssMB === undefined ? "" : `, peak RSS ${t.peakRssMB} MB`);
console.log(row("process: kestrel run --workers 1 (start-up, alerts out)", cli.seconds, `${cli.stdoutBytes} bytes of alerts${rss(cli)}`));
console.log(row("process: kestrel run --workers 2", cli2.seconds, `${cli2.stdoutBytes} bytes of alerts${rss(cli2)}`));
console.log(`ratio kestrel run --workers 1 / node read+JSON.parse (whole processes): ${(nodeParse.seconds / cli.seconds).toFixed(2)}x faster`);
console.log(`ratio kestrel run --workers 2 / node read+JSON.parse (whole processes): ${(nodeParse.seconds / cli2.seconds).toFixed(2)}x faster`);
console.log(`ratio --workers 2 / --workers 1: ${(cli.seconds / cli2.seconds).toFixed(2)}x faster`);
if (sigmaRuns !== undefined) {
  const [s1, s2] = sigmaRuns as [ProcessTiming, ProcessTiming];
  console.log(`\nprocess: kestrel run with the SigmaHQ Windows package (${sigma}), best of ${RUNS}:`);
  console.log(row("  --workers 1", s1.seconds, `${s1.stdoutBytes} bytes of alerts${rss(s1)}`));
  console.log(row("  --workers 2", s2.seconds, `${s2.stdoutBytes} bytes of alerts${rss(s2)}`));
  console.log(`ratio --workers 1 / node read+JSON.parse: ${(nodeParse.seconds / s1.seconds).toFixed(2)}x; --workers 2: ${(nodeParse.seconds / s2.seconds).toFixed(2)}x; workers 2 / 1: ${(s1.seconds / s2.seconds).toFixed(2)}x`);
}
console.log(`ratio wasm engine / JSON.parse-only:  ${(parse.seconds / wasm.seconds).toFixed(2)}x faster`);
console.log(`ratio wasm engine / reference:        ${(reference.seconds / wasm.seconds).toFixed(2)}x faster`);
if (wasm.value !== reference.value) console.log(`WARNING: wasm and reference disagree (${wasm.value} vs ${reference.value} matches)`);
if (many !== undefined) {
  console.log(`\n${many.rules} SigmaHQ Windows rules (--open-fields) over the same events, one run each:`);
  console.log(row("  with the rule index (trie)", many.seconds.trie, `${many.matches.trie} matches`));
  console.log(row("  flat (every rule on its own)", many.seconds.flat, `${many.matches.flat} matches`));
  console.log(`ratio rule index / flat: ${(many.seconds.flat / many.seconds.trie).toFixed(2)}x faster`);
  if (many.matches.trie !== many.matches.flat) console.log("WARNING: the rule index changes the matches");
}

const stuck = await timeSequenceState([{ events: 100_000 }, { events: 1_000_000 }, { events: 1_000_000, heapLimitMB: 200 }]);
console.log("\nsequence by host.name [any where true] [any where true] [process where false], ECS, 300,000 hosts, kestrel run --workers 1 (whole process, build included):");
for (const s of stuck) {
  console.log(
    `  ${String(s.events).padStart(9)} events${s.heapLimitMB === undefined ? "" : ` (--max-old-space-size=${s.heapLimitMB})`}: ${s.seconds.toFixed(2)} s (${Math.round(s.events / s.seconds)} events/s), peak RSS ${s.peakRssMB ?? "?"} MB, ${s.heldKeys} partial sequences held, ${s.evictedKeys} evicted, ${s.alerts} alerts`,
  );
}

const sampleLines = readFileSync(join(process.cwd(), "examples", "sample-events.ndjson"), "utf8").split("\n").filter((l) => l.startsWith("{"));
const inlineLines = Array.from({ length: 5000 }, (_, i) => sampleLines[i % sampleLines.length] ?? "{}");
console.log("\ninline verdict latency (runInline in-process, one line at a time, first events left out):");
for (const n of [1, 1000]) {
  const t = await timeInlineLatency(n, inlineLines);
  console.log(`  ${String(t.rules).padStart(5)} rules: p50 ${t.p50us.toFixed(1)} µs, p99 ${t.p99us.toFixed(1)} µs over ${t.events} events (${t.blocked} blocked)`);
}
console.log("\nJS→Lua call per batch (enrich that counts the events; the events copied into Lua):");
for (const t of await timeLuaCalls(sampleLines.map((l) => JSON.parse(l) as object))) {
  console.log(`  batch of ${String(t.batch).padStart(5)}: ${t.perCallUs.toFixed(1)} µs per call${t.batch === 0 ? " (fixed cost)" : `, ${t.perEventUs.toFixed(2)} µs per event`}`);
}
