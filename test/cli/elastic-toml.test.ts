/**
 * @fileoverview Elastic detection-rule TOML files through the real CLI: a folder of
 * them (two EQL rules, one KQL rule) builds with one located warning for the KQL rule,
 * the manifest carries their ATT&CK tags, `rules list` (of the package and of the files)
 * shows the EQL rules with their TOML metadata, `run --rules` over ECS
 * events raises alerts whose rule fields (id, name, severity, ATT&CK tags) come from the
 * TOML tables, the package cache keys on the TOML files' bytes, and an EQL error inside
 * a TOML query is reported at the TOML file's line and column.
 */
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { kestrel, scratchDir, type CliResult } from "./helpers.js";

const rulesDir = "test/fixtures/elastic-toml";
const events = "test/fixtures/elastic-toml-events.ndjson";
const whoami = "6f1c2a4e-0b7d-4c39-9a51-2d8e4b7f0c11";
const office = "b2f0e8d4-5a63-4e1c-8f27-91c3d6a4e5b8";
const kueryWarning = `${join(rulesDir, "persistence_new_service_kuery.toml")}:11:12: warning K1705: Rule 'Windows Service Installed' is a kuery rule, not EQL; it is skipped.`;

/** `rules list --json` rows: the query's line in each TOML file is the rule's source line. */
const listedRules = [
  { id: whoami, language: "eql", severity: "low", title: "Whoami Discovery", source: `${join(rulesDir, "discovery_whoami.toml")}:28` },
  { id: office, language: "eql", severity: "high", title: "Office Application Starts PowerShell", source: `${join(rulesDir, "execution_office_child_powershell.toml")}:23` },
];

interface RuleAlert {
  readonly rule: { readonly id: string; readonly name: string; readonly severity: string; readonly tags: readonly string[]; readonly author: readonly string[] };
  readonly kestrel: { readonly origin: readonly { readonly line: number }[] };
}

test("build: the EQL rules compile, the KQL rule is one located warning, exit 0", () => {
  const out = scratchDir();
  const r = kestrel(["build", rulesDir, "--schema", "ecs", "--out", out, "--json"]);
  assert.is(r.code, 0, r.stderr);
  const summary = JSON.parse(r.stdout) as { compiled: number; failed: number; diagnostics: { code: string; severity: string; file: string; line: number; col: number }[] };
  assert.is(summary.compiled, 2);
  assert.is(summary.failed, 0);
  assert.equal(summary.diagnostics, [
    {
      file: join(rulesDir, "persistence_new_service_kuery.toml"),
      line: 11,
      col: 12,
      code: "K1705",
      severity: "warning",
      message: "Rule 'Windows Service Installed' is a kuery rule, not EQL; it is skipped.",
    },
  ]);
  const manifest = JSON.parse(readFileSync(join(out, "rules.kpkg", "manifest.json"), "utf8")) as { rules: { id: string; tags: string[] }[] };
  assert.equal(
    manifest.rules.map((x) => [x.id, x.tags.filter((t) => t.startsWith("attack."))]),
    [
      [whoami, ["attack.discovery", "attack.t1033"]],
      [office, ["attack.execution", "attack.t1059", "attack.t1059.001", "attack.initial_access", "attack.t1566"]],
    ],
  );
  const listed = kestrel(["rules", "list", join(out, "rules.kpkg"), "--json"]);
  assert.is(listed.code, 0, listed.stderr);
  assert.equal(JSON.parse(listed.stdout), listedRules);
});

test("rules list --json over the TOML files: ids, titles, severities and the query's line in each file", () => {
  const r = kestrel(["rules", "list", rulesDir, "--schema", "ecs", "--json"]);
  assert.is(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout), listedRules);
});

// The run and cache tests share one copy of the rules and one cache: each build from source costs seconds.
const rulesCopy = scratchDir();
cpSync(rulesDir, rulesCopy, { recursive: true });
const cacheEnv = { KESTREL_CACHE_DIR: scratchDir() };
const runCopy = (): CliResult => kestrel(["run", events, "--rules", rulesCopy, "--schema", "ecs"], { env: cacheEnv });
const ruleAlerts = (stdout: string): RuleAlert[] => stdout.trimEnd().split("\n").map((l) => JSON.parse(l) as RuleAlert);

test("run --rules <folder of TOML rules>: alerts carry the TOML rule's id, name, severity and ATT&CK tags", () => {
  const r = runCopy();
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, "built 2 rule(s) from source");
  // Diagnostics name files relative to the working folder, wherever the copy lives.
  const warning = kueryWarning.replace(rulesDir, relative(process.cwd(), rulesCopy));
  assert.ok(r.stderr.split("\n").includes(warning), `${warning}\nin\n${r.stderr}`);
  const got = ruleAlerts(r.stdout);
  assert.equal(
    got.map((a) => [a.rule.id, a.kestrel.origin.map((o) => o.line)]),
    [
      [whoami, [1]],
      [office, [3, 5]],
    ],
  );
  const [first, second] = got;
  assert.equal(first?.rule, {
    ...first?.rule,
    name: "Whoami Discovery",
    severity: "low",
    author: ["Kestrel"],
    tags: ["Domain: Endpoint", "OS: Windows", "Use Case: Threat Detection", "Tactic: Discovery", "attack.discovery", "attack.t1033"],
  });
  assert.is(second?.rule.name, "Office Application Starts PowerShell");
  assert.is(second?.rule.severity, "high");
  assert.equal(
    second?.rule.tags.filter((t) => t.startsWith("attack.")),
    ["attack.execution", "attack.t1059", "attack.t1059.001", "attack.initial_access", "attack.t1566"],
  );
});

test("run --rules: the package cache covers .toml files; editing one builds anew", () => {
  const cached = runCopy();
  assert.match(cached.stderr, "cached package");
  assert.match(cached.stderr, "warning K1705", "the skipped rule's warning is replayed");
  const whoamiFile = join(rulesCopy, "discovery_whoami.toml");
  writeFileSync(whoamiFile, readFileSync(whoamiFile, "utf8").replace('severity = "low"', 'severity = "medium"'));
  const edited = runCopy();
  assert.is(edited.code, 0, edited.stderr);
  assert.match(edited.stderr, "built 2 rule(s) from source");
  assert.equal(ruleAlerts(edited.stdout).map((a) => a.rule.severity), ["medium", "high"]);
});

test("validate: an EQL error inside a TOML query is located in the TOML file, with a caret", () => {
  const file = "test/diagnostics/elastic-toml/eql_errors.toml";
  const r = kestrel(["validate", file, "--schema", "ecs"]);
  assert.is(r.code, 1);
  assert.match(r.stderr, `${file}:11:3: error K1201: Unknown field 'process.nmae' in schema 'ecs'.\n  in rule 'EQL Errors In Query' → rule.query\n  process.nmae : "whoami.exe" and\n  ^^^^^^^^^^^^\n`);
  assert.match(r.stderr, "0 rule(s) valid, 1 file(s) failed");
});

test.run();
