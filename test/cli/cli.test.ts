/**
 * @fileoverview End-to-end CLI tests through the real binary: build one EQL, one Sigma
 * and one JSON rule into a package, check the package (Wasm validates, manifest
 * validates, hash matches), run it over events from a file, a glob and stdin, and check
 * alerts, malformed-line reporting, diagnostics and exit codes as a user sees them.
 */
import { readFileSync, writeFileSync, mkdirSync, copyFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { shippedValidator } from "../../compiler/util/json-schema.js";
import { sha256 } from "../../compiler/util/hash.js";
import { alerts, kestrel, scratchDir } from "./helpers.js";

const rulesDir = "test/fixtures/three-rules";
const events = "test/fixtures/three-rules-events.ndjson";
const out = scratchDir();
const pkg = join(out, "rules.kpkg");

test("build: one EQL, one Sigma and one JSON rule make a valid package", () => {
  const r = kestrel(["build", rulesDir, "--out", out]);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, "3 rule(s) compiled, 0 file(s) failed");
  const wasm = readFileSync(join(pkg, "rules.wasm"));
  assert.ok(WebAssembly.validate(wasm), "rules.wasm passes WebAssembly.validate");
  const manifest = JSON.parse(readFileSync(join(pkg, "manifest.json"), "utf8")) as {
    module: { sha256: string };
    rules: { id: string; language: string }[];
  };
  const validate = shippedValidator("manifest");
  assert.ok(validate(manifest), JSON.stringify(validate.errors));
  assert.is(manifest.module.sha256, sha256(wasm));
  assert.equal(manifest.rules.map((r) => r.language).sort(), ["eql", "json", "sigma"]);
});

test("run: the package gives the expected alerts; the malformed line is reported and set aside", () => {
  const rejects = join(out, "rejects.ndjson");
  const r = kestrel(["run", events, "--rules", pkg, "--rejects", rejects]);
  assert.is(r.code, 0, r.stderr);
  const got = alerts(r.stdout);
  assert.equal(
    got.map((a) => `${a.kestrel.origin[0]?.line}:${a.rule.id}`),
    ["1:fixture-eql-net-tool", "3:1d0c7f5e-2222-4b7a-9c1d-5e6f7a8b9c0d", "5:fixture-json-rdp-logon"],
  );
  for (const a of got) {
    assert.is(a.event.kind, "alert");
    assert.equal(a.rule.author, ["Kestrel Team"]);
    assert.is(a.kestrel.origin[0]?.file, events);
    assert.is(a.evidence.length, 1);
    assert.match(a.id, /^[0-9a-f]{64}$/);
  }
  assert.match(r.stderr, `${events}:4:1: malformed event line`);
  assert.match(r.stderr, "1 malformed line(s) set aside");
  assert.is(readFileSync(rejects, "utf8"), "not json at all\n");
});

test("run: alert ids are deterministic across a file run, a stdin run and a run from source", () => {
  const fromFile = alerts(kestrel(["run", events, "--rules", pkg]).stdout).map((a) => a.id);
  const fromStdin = alerts(kestrel(["run", "--rules", pkg], { input: readFileSync(events) }).stdout).map((a) => a.id);
  assert.is(fromFile.length, 3);
  assert.equal(fromStdin, fromFile);
  const fromSource = kestrel(["run", events, "--rules", rulesDir]);
  assert.is(fromSource.code, 0, fromSource.stderr);
  assert.equal(alerts(fromSource.stdout).map((a) => a.rule.id), alerts(kestrel(["run", events, "--rules", pkg]).stdout).map((a) => a.rule.id));
});

test("run: globs and folders expand to every matching event file", () => {
  const dir = scratchDir();
  copyFileSync(events, join(dir, "a.ndjson"));
  copyFileSync(events, join(dir, "b.ndjson"));
  const r = kestrel(["run", "*.ndjson", "--rules", pkg], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  const files = alerts(r.stdout).map((a) => a.kestrel.origin[0]?.file);
  assert.equal(files, ["a.ndjson", "a.ndjson", "a.ndjson", "b.ndjson", "b.ndjson", "b.ndjson"]);
  mkdirSync(join(dir, "sub"));
  copyFileSync(events, join(dir, "sub", "c.jsonl"));
  writeFileSync(join(dir, "sub", "notes.txt"), "not events\n");
  const folder = kestrel(["run", ".", "--rules", pkg], { cwd: dir });
  assert.is(folder.code, 0, folder.stderr);
  assert.equal([...new Set(alerts(folder.stdout).map((a) => a.kestrel.origin[0]?.file))], ["a.ndjson", "b.ndjson", "sub/c.jsonl"]);
});

test("run with no arguments runs the bundled rules over the bundled events and says so", () => {
  const r = kestrel(["run"]);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, "running the bundled rules over the bundled sample events");
  assert.ok(alerts(r.stdout).length >= 8);
});

test("build: a bad rule fails with a located diagnostic and a caret; the good rules still build", () => {
  const dir = scratchDir();
  for (const f of ["net_tool.eql", "service_install.yml", "rdp_logon.json"]) copyFileSync(join(rulesDir, f), join(dir, f));
  writeFileSync(join(dir, "broken.eql"), 'process where Image : "x" and\n');
  writeFileSync(join(dir, "unknown.eql"), 'process where Imagee : "x"\n');
  writeFileSync(join(dir, "wrongtype.json"), JSON.stringify({ kestrel: "rule/v1", id: "wt", title: "wt", where: { field: "EventID", op: "eq", value: "four" } }));
  const outDir = scratchDir();
  const r = kestrel(["build", dir, "--out", outDir], { cwd: dir });
  assert.is(r.code, 1);
  assert.match(r.stderr, /broken\.eql:1:\d+: error K1003: /);
  assert.match(r.stderr, /unknown\.eql:1:15: error K1201: Unknown field 'Imagee'/);
  assert.match(r.stderr, /wrongtype\.json:1:\d+: error K1202: /);
  assert.match(r.stderr, /\n\s*\^+\n/);
  assert.match(r.stderr, "3 rule(s) compiled, 3 file(s) failed");
  assert.ok(WebAssembly.validate(readFileSync(join(outDir, "rules.kpkg", "rules.wasm"))));
});

test("build --json prints the summary object", () => {
  const dir = scratchDir();
  writeFileSync(join(dir, "unknown.eql"), 'process where Imagee : "x"\n');
  copyFileSync(join(rulesDir, "net_tool.eql"), join(dir, "net_tool.eql"));
  const r = kestrel(["build", dir, "--out", scratchDir(), "--json"], { cwd: dir });
  assert.is(r.code, 1);
  const summary = JSON.parse(r.stdout) as { compiled: number; failed: number; diagnostics: { file: string; line: number; col: number; code: string; severity: string; message: string }[] };
  assert.is(summary.compiled, 1);
  assert.is(summary.failed, 1);
  assert.equal(summary.diagnostics, [{ file: "unknown.eql", line: 1, col: 15, code: "K1201", severity: "error", message: "Unknown field 'Imagee' in schema 'windows'." }]);
});

test("--open-fields: an undeclared field is a located warning, and the rule builds", () => {
  const dir = scratchDir();
  writeFileSync(join(dir, "typo.eql"), 'process where Imagee : "x"\n');
  const strict = kestrel(["validate", join(dir, "typo.eql")]);
  assert.is(strict.code, 1);
  assert.match(strict.stderr, /typo\.eql:1:15: error K1201: /);
  const open = kestrel(["build", join(dir, "typo.eql"), "--out", scratchDir(), "--open-fields"]);
  assert.is(open.code, 0, open.stderr);
  assert.match(open.stderr, /typo\.eql:1:15: warning K1208: Field 'Imagee' is not declared in schema 'windows'/);
  assert.match(open.stderr, "1 rule(s) compiled, 0 file(s) failed");
});

test("validate: exit 0 on good rules, 1 with a located error on a bad one", () => {
  assert.is(kestrel(["validate", rulesDir]).code, 0);
  const dir = scratchDir();
  writeFileSync(join(dir, "bad.yml"), "title: t\nlogsource: {product: windows}\ndetection:\n  sel: {Image: x}\n  condition: sel and nope\n");
  const r = kestrel(["validate", join(dir, "bad.yml")]);
  assert.is(r.code, 1);
  assert.match(r.stderr, /bad\.yml:5:\d+: error K\d{4}: /);
});

test("rules list: a package and sources, as a table and as JSON", () => {
  const table = kestrel(["rules", "list", pkg]);
  assert.is(table.code, 0, table.stderr);
  assert.match(table.stdout, /^ID\s+LANGUAGE\s+SEVERITY\s+TITLE/);
  assert.match(table.stdout, "fixture-json-rdp-logon");
  const json = JSON.parse(kestrel(["rules", "list", rulesDir, "--json"]).stdout) as { id: string }[];
  assert.equal(json.map((r) => r.id).sort(), ["1d0c7f5e-2222-4b7a-9c1d-5e6f7a8b9c0d", "fixture-eql-net-tool", "fixture-json-rdp-logon"]);
  assert.is(kestrel(["rules", "list", "no/such/place"]).code, 1);
});

test("run refuses a tampered package and one of another format version, with a clear message", () => {
  const bad = join(scratchDir(), "rules.kpkg");
  mkdirSync(bad);
  const wasm = readFileSync(join(pkg, "rules.wasm"));
  wasm[wasm.length - 1] = (wasm[wasm.length - 1] ?? 0) ^ 0xff;
  writeFileSync(join(bad, "rules.wasm"), wasm);
  copyFileSync(join(pkg, "manifest.json"), join(bad, "manifest.json"));
  const tampered = kestrel(["run", events, "--rules", bad]);
  assert.is.not(tampered.code, 0);
  assert.match(tampered.stderr, "does not match the manifest");
  const manifest = JSON.parse(readFileSync(join(pkg, "manifest.json"), "utf8")) as Record<string, unknown>;
  copyFileSync(join(pkg, "rules.wasm"), join(bad, "rules.wasm"));
  writeFileSync(join(bad, "manifest.json"), JSON.stringify({ ...manifest, formatVersion: 99 }));
  const future = kestrel(["run", events, "--rules", bad]);
  assert.is.not(future.code, 0);
  assert.match(future.stderr, "package format version 99 is not supported");
  writeFileSync(join(bad, "manifest.json"), JSON.stringify({ ...manifest, formatVersion: 1, abiVersion: 1 }));
  const v1 = kestrel(["run", events, "--rules", bad]);
  assert.is(v1.code, 1);
  assert.match(v1.stderr, "package format version 1 is not supported (this Kestrel reads version 2); rebuild the package");
});

test("--rules takes one value: event files after it are events, not rule sources", () => {
  const r = kestrel(["run", "--rules", pkg, events, "--workers", "1"]);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout.trimEnd().split("\n").length, 3);
  assert.not.match(r.stderr, "from source");
});

test("alerts carry the schema's entity key values, captured in Wasm", () => {
  const r = kestrel(["run", "examples/sample-events.ndjson", "-q", "--workers", "1"]);
  assert.is(r.code, 0, r.stderr);
  const first = JSON.parse(r.stdout.split("\n")[0] ?? "{}") as { kestrel: { entity?: unknown } };
  assert.equal(first.kestrel.entity, { Hostname: "WKS01.corp.example", ProcessGuid: "{a1}" });
});

test.run();
