/**
 * @fileoverview `kestrel run` with several packages through the real CLI: two packages
 * built from two rule folders are merged into one (stderr says so), the alert-id set is
 * the union of the single-package runs, and the second run takes the merged package from
 * the cache instead of linking again. A package without ir.json (an older build) is
 * scanned separately, with one warning line.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { alerts, kestrel, scratchDir, type CliResult } from "./helpers.js";

const events = "examples/sample-events.ndjson";
const fixtureEvents = "test/fixtures/three-rules-events.ndjson";
const work = scratchDir();
const cache = join(work, "cache");

function folder(name: string, files: readonly string[]): string {
  const dir = join(work, name);
  mkdirSync(dir);
  for (const f of files) copyFileSync(f, join(dir, f.slice(f.lastIndexOf("/") + 1)));
  return dir;
}

function buildPackage(name: string, rulesDir: string): string {
  const out = join(work, `out-${name}`);
  const r = kestrel(["build", rulesDir, "--out", out]);
  assert.is(r.code, 0, r.stderr);
  return join(out, "rules.kpkg");
}

function run(...args: string[]): CliResult {
  const r = kestrel(["run", events, fixtureEvents, "--workers", "1", ...args], { env: { KESTREL_CACHE_DIR: cache } });
  assert.is(r.code, 0, r.stderr);
  return r;
}

const ids = (r: CliResult): string[] => alerts(r.stdout).map((a) => a.id).sort();

const pkgA = buildPackage("a", folder("rules-a", ["rules/eql/discovery_whoami.eql", "rules/json/command_and_control_rare_port.json", "test/fixtures/three-rules/net_tool.eql"]));
const pkgB = buildPackage("b", folder("rules-b", ["rules/sigma/execution_mshta_script.yml", "rules/sigma/persistence_run_key.yml", "test/fixtures/three-rules/service_install.yml"]));
const idsA = ids(run("--rules", pkgA));
const idsB = ids(run("--rules", pkgB));
const union = [...idsA, ...idsB].sort();

test("two packages are merged into one; the alert ids are the union of the single runs", () => {
  assert.ok(idsA.length > 0 && idsB.length > 0, "alerts from both packages");
  const first = run("--rules", pkgA, "--rules", pkgB);
  assert.match(first.stderr, /kestrel: merged 2 packages into one \(6 rules\) in [0-9.]+ s; stored in the package cache at /);
  assert.equal(ids(first), union);
  assert.equal(new Set(alerts(first.stdout).map((a) => (a as unknown as { kestrel: { package: string } }).kestrel.package)), new Set(["rules"]));

  const second = run("--rules", pkgA, "--rules", pkgB);
  assert.match(second.stderr, /kestrel: merged 2 packages into one \(6 rules\), from the package cache at /);
  assert.not.match(second.stderr, "stored in the package cache");
  assert.equal(ids(second), union);
});

test("a package and rule sources: the package built from the sources is merged with it", () => {
  const r = run("--rules", pkgA, "--rules", join(work, "rules-b"));
  assert.match(r.stderr, "built 3 rule(s) from source");
  assert.match(r.stderr, "merged 2 packages into one (6 rules)");
  assert.equal(ids(r), union);
});

test("-q keeps the merge line off stderr", () => {
  const quiet = run("-q", "--rules", pkgA, "--rules", pkgB);
  assert.not.match(quiet.stderr, "merged");
  assert.equal(ids(quiet), union);
});

test("a package without ir.json is scanned separately, with one warning", () => {
  const old = join(work, "old.kpkg");
  mkdirSync(old);
  for (const f of ["rules.wasm", "manifest.json"]) copyFileSync(join(pkgB, f), join(old, f));
  const manifest = JSON.parse(readFileSync(join(old, "manifest.json"), "utf8")) as Record<string, unknown>;
  delete manifest["ir"];
  writeFileSync(join(old, "manifest.json"), JSON.stringify(manifest));
  rmSync(join(old, "ir.json"), { force: true });
  const r = run("--rules", pkgA, "--rules", old);
  const warnings = r.stderr.split("\n").filter((l) => l.includes("no ir.json"));
  assert.is(warnings.length, 1, r.stderr);
  assert.match(warnings[0] ?? "", `${old}: no ir.json`);
  assert.match(warnings[0] ?? "", "scanning each of the 2 packages separately");
  assert.not.match(r.stderr, "merged 2 packages");
  assert.equal(ids(r), union);
});

test.run();
