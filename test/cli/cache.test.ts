/**
 * @fileoverview The package cache through the real CLI: `kestrel run --rules <sources>`
 * builds once and then runs the cached package (with the build's warnings replayed);
 * a changed rule file builds anew; --no-cache neither reads nor writes; a corrupt
 * entry is rebuilt, not fatal; overlapping runs leave one whole entry; and the
 * `kestrel cache` commands list, locate and clear it.
 */
import { appendFileSync, copyFileSync, existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { alerts, kestrel, kestrelAsync, scratchDir, type CliResult } from "./helpers.js";

const fixtureRules = "test/fixtures/three-rules";
const events = "test/fixtures/three-rules-events.ndjson";

/** The three fixture rules plus one on an undeclared field (warning K1208 under --open-fields). */
function rulesDir(): string {
  const dir = scratchDir();
  for (const f of ["net_tool.eql", "service_install.yml", "rdp_logon.json"]) copyFileSync(join(fixtureRules, f), join(dir, f));
  writeFileSync(join(dir, "open.eql"), '/*\n * id: fixture-open-field\n * name: undeclared field\n */\nprocess where Imagee : "x"\n');
  return dir;
}

interface Entry {
  readonly key: string;
  readonly rules: number;
  readonly inputs: readonly string[];
  readonly dir: string;
}

function entries(cacheDir: string): Entry[] {
  const r = kestrel(["cache", "list", "--json"], { env: { KESTREL_CACHE_DIR: cacheDir } });
  assert.is(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as Entry[];
}

function run(rules: string, cacheDir: string, ...extra: string[]): CliResult {
  const r = kestrel(["run", events, "--open-fields", ...extra, "--rules", rules], { env: { KESTREL_CACHE_DIR: cacheDir } });
  assert.is(r.code, 0, r.stderr);
  return r;
}

const warning = /open\.eql:5:15: warning K1208: Field 'Imagee'/;

// The tests share one rules folder and one cache, in order: every build from source costs
// seconds (binaryen), so each test builds only what it is about.
const rules = rulesDir();
const cache = scratchDir();
let firstIds: string[] = [];

test("the first run builds and stores; the second runs the cached package and replays the warnings", () => {
  const first = run(rules, cache);
  assert.match(first.stderr, "built 4 rule(s) from source in");
  assert.match(first.stderr, "stored in the package cache at");
  assert.match(first.stderr, warning);
  const [entry, ...more] = entries(cache);
  assert.ok(entry !== undefined && more.length === 0);
  assert.is(entry.rules, 4);
  assert.equal(entry.inputs, [rules]);
  const wasm = join(entry.dir, "rules.kpkg", "rules.wasm");
  const written = statSync(wasm).mtimeMs;

  const second = run(rules, cache);
  assert.match(second.stderr, `cached package ${entry.dir}`);
  assert.not.match(second.stderr, "built");
  assert.match(second.stderr, warning);
  assert.is(statSync(wasm).mtimeMs, written, "the cached package was not rewritten");
  firstIds = alerts(first.stdout).map((a) => a.id);
  assert.is(firstIds.length, 3);
  assert.equal(alerts(second.stdout).map((a) => a.id), firstIds);
});

test("a corrupt cache entry is reported, rebuilt and replaced; the run goes on", () => {
  const [entry] = entries(cache);
  assert.ok(entry !== undefined);
  writeFileSync(join(entry.dir, "rules.kpkg", "rules.wasm"), "garbage");
  const r = run(rules, cache);
  assert.match(r.stderr, `cache entry ${entry.key} could not be read`);
  assert.match(r.stderr, "does not match the manifest");
  assert.match(r.stderr, "built 4 rule(s) from source");
  assert.equal(alerts(r.stdout).map((a) => a.id), firstIds);
  assert.match(run(rules, cache).stderr, "cached package");
});

test("changing a rule file changes the key; --no-cache neither reads nor writes the cache", () => {
  appendFileSync(join(rules, "net_tool.eql"), "\n");
  const changed = run(rules, cache);
  assert.match(changed.stderr, "built 4 rule(s) from source");
  assert.is(entries(cache).length, 2);
  assert.match(run(rules, cache).stderr, "cached package");
  const absent = join(scratchDir(), "never");
  const off = run(rules, absent, "--no-cache");
  assert.match(off.stderr, "built 4 rule(s) from source");
  assert.not.match(off.stderr, "stored in the package cache");
  assert.not.ok(existsSync(absent), "--no-cache does not even create the cache folder");
});

test("overlapping runs of the same new rules all succeed and leave one whole entry", async () => {
  const fresh = scratchDir();
  const runs = await Promise.all([0, 1].map(() => kestrelAsync(["run", events, "--open-fields", "--rules", rules], { env: { KESTREL_CACHE_DIR: fresh } })));
  for (const r of runs) {
    assert.is(r.code, 0, r.stderr);
    assert.match(r.stderr, "built 4 rule(s) from source", "both built, so both stored");
  }
  assert.equal(alerts(runs[0]?.stdout ?? "").map((a) => a.id), alerts(runs[1]?.stdout ?? "").map((a) => a.id));
  assert.equal(readdirSync(fresh).filter((n) => n.startsWith(".")), [], "no temporary folders left");
  assert.is(entries(fresh).length, 1);
  assert.match(run(rules, fresh).stderr, "cached package");
});

test("cache dir, list and clear", () => {
  const env = { KESTREL_CACHE_DIR: cache };
  assert.is(kestrel(["cache", "dir"], { env }).stdout.trim(), cache);
  const table = kestrel(["cache", "list"], { env });
  assert.match(table.stdout, `4 rule(s) from ${rules} (schema windows, open fields)`);
  writeFileSync(join(cache, "notes.txt"), "not the cache's");
  const cleared = kestrel(["cache", "clear"], { env });
  assert.is(cleared.code, 0, cleared.stderr);
  assert.match(cleared.stdout, `removed 2 cached package(s) from ${cache}`);
  assert.equal(readdirSync(cache), ["notes.txt"]);
  assert.match(kestrel(["cache", "list"], { env }).stdout, "no cached packages");
});

test.run();
