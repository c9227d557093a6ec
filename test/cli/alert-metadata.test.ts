/**
 * @fileoverview What alerts say about their rule, through the real CLI: Sigma's
 * `references` and `falsepositives` and an EQL file's `references:`/`falsepositives:`
 * comment keys arrive as `rule.reference` and `rule.false_positives`, the author (the DRL
 * asks every match to name it) as `rule.author`, and ATT&CK tags as ECS `threat.*`;
 * a rule with none of them has no such keys.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { kestrel, scratchDir } from "./helpers.js";

const test = suite("cli: alert metadata");
const dir = scratchDir();
writeFileSync(
  join(dir, "mshta.yml"),
  `title: Mshta inline script
id: m1
author: Jane Doe, John Roe
references:
  - https://attack.mitre.org/techniques/T1218/005/
falsepositives:
  - Legacy installers
tags: [attack.defense_evasion, attack.t1218.005, attack.ta0002, car.2019-04-002]
logsource: {category: process_creation, product: windows}
detection:
  selection: {Image|endswith: '\\mshta.exe', CommandLine|contains: 'vbscript:'}
  condition: selection
`,
);
writeFileSync(join(dir, "plain.eql"), "// references: https://example.org/a, https://example.org/b\n// falsepositives: admins\nprocess where Image : \"*\\\\mshta.exe\"\n");
writeFileSync(join(dir, "bare.json"), JSON.stringify({ kestrel: "rule/v1", id: "bare", title: "Bare", category: "process", where: { field: "Image", op: "endswith", value: "mshta.exe" } }));
const events = join(dir, "e.ndjson");
writeFileSync(events, JSON.stringify({ Channel: "Microsoft-Windows-Sysmon/Operational", EventID: 1, Image: "C:\\Windows\\System32\\mshta.exe", CommandLine: "mshta vbscript:Close" }) + "\n");

type Out = { rule: { id: string; author: string[]; reference?: string[]; false_positives?: string[] }; threat?: unknown };

test("references, false positives, authors and ATT&CK tags reach the alert", () => {
  const r = kestrel(["run", events, "--rules", dir, "--schema", "windows", "--no-cache", "-q"]);
  assert.is(r.code, 0, r.stderr);
  const byRule = new Map(r.stdout.trim().split("\n").map((l) => JSON.parse(l) as Out).map((a) => [a.rule.id, a]));
  const m1 = byRule.get("m1");
  assert.equal(m1?.rule.author, ["Jane Doe", "John Roe"]);
  assert.equal(m1?.rule.reference, ["https://attack.mitre.org/techniques/T1218/005/"]);
  assert.equal(m1?.rule.false_positives, ["Legacy installers"]);
  assert.equal(m1?.threat, { framework: "MITRE ATT&CK", tactic: { id: ["TA0002", "TA0005"], name: ["Execution", "Defense Evasion"] }, technique: { id: ["T1218.005"] } });
  assert.equal(byRule.get("plain")?.rule.reference, ["https://example.org/a", "https://example.org/b"]);
  assert.equal(byRule.get("plain")?.rule.false_positives, ["admins"]);
  const bare = byRule.get("bare");
  assert.ok(bare !== undefined && !("reference" in bare.rule) && !("false_positives" in bare.rule) && bare.threat === undefined);
});

test.run();
