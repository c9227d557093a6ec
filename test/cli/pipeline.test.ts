/**
 * @fileoverview Processing pipelines through the real CLI: with the windows schema, a
 * Sigma process_creation rule alerts on Sysmon 1 and on Security 4688 events (the
 * schema's own pipeline); a user pipeline given with --pipeline renames a field and adds
 * a condition, and changing the pipeline file rebuilds instead of reusing the cached
 * package; a broken pipeline file is one located error.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { alerts, kestrel, scratchDir } from "./helpers.js";

const test = suite("cli: processing pipelines");
const dir = scratchDir();
const rule = join(dir, "whoami.yml");
writeFileSync(
  rule,
  `title: Whoami via cmd
id: 11111111-0000-4000-8000-000000000001
logsource: {category: process_creation, product: windows}
detection:
  selection:
    Image|endswith: '\\cmd.exe'
    CommandLine|contains: whoami
  condition: selection
`,
);
const event = (o: object): string => JSON.stringify(o);
const cmd = "C:\\Windows\\System32\\cmd.exe";
const events = join(dir, "events.ndjson");
writeFileSync(
  events,
  [
    event({ Channel: "Microsoft-Windows-Sysmon/Operational", EventID: 1, Hostname: "a", Image: cmd, CommandLine: "cmd /c whoami" }),
    event({ Channel: "Security", EventID: 4688, Hostname: "a", NewProcessName: cmd, CommandLine: "cmd /c whoami" }),
    event({ Channel: "Security", EventID: 4689, Hostname: "a", NewProcessName: cmd, CommandLine: "cmd /c whoami" }),
    event({ Channel: "Security", EventID: 4688, Hostname: "b", NewProcessName: cmd, CommandLine: "cmd /c whoami" }),
    event({ Channel: "Security", EventID: 4688, Hostname: "b", Application: cmd, CommandLine: "cmd /c whoami" }),
  ].join("\n") + "\n",
);
const lines = (out: string): number[] => alerts(out).map((a) => a.kestrel.origin[0]?.line ?? -1);

test("the windows schema's pipeline: Sysmon 1 and Security 4688 process creations both alert", () => {
  const r = kestrel(["run", events, "--rules", rule, "--schema", "windows", "--no-cache"]);
  assert.is(r.code, 0, r.stderr);
  assert.equal(lines(r.stdout), [1, 2, 4]);
});

test("--pipeline: a user pipeline renames a field and adds a condition; editing it rebuilds", () => {
  const mine = join(dir, "mine.yml");
  writeFileSync(mine, "name: mine\ntransformations:\n  - {id: only-a, type: add_condition, conditions: {Hostname: a}}\n");
  const first = kestrel(["run", events, "--rules", rule, "--schema", "windows", "--pipeline", mine]);
  assert.is(first.code, 0, first.stderr);
  assert.equal(lines(first.stdout), [1, 2]);
  writeFileSync(mine, "name: mine\ntransformations:\n  - {id: app, type: logsource_variant, logsource: {category: process_creation}, conditions: {Channel: Security, EventID: 4688}, mapping: {Image: Application}}\n");
  const second = kestrel(["run", events, "--rules", rule, "--schema", "windows", "--pipeline", mine]);
  assert.is(second.code, 0, second.stderr);
  assert.match(second.stderr, "built 1 rule(s) from source");
  assert.equal(lines(second.stdout), [1, 2, 4, 5]);
});

test("--schema evtx: nested EVTX-JSON events as exported, Sysmon 1, Security 4688 and an EventID with qualifiers", () => {
  const system = (channel: string, id: unknown, provider: string): object => ({
    Provider: { "#attributes": { Name: provider } },
    EventID: id,
    Channel: channel,
    Computer: "ws1",
    TimeCreated: { "#attributes": { SystemTime: "2026-12-02T10:00:00.000000Z" } },
  });
  const evtx = join(dir, "evtx.ndjson");
  writeFileSync(
    evtx,
    [
      event({ Event: { System: system("Microsoft-Windows-Sysmon/Operational", 1, "Microsoft-Windows-Sysmon"), EventData: { Image: cmd, CommandLine: "cmd /c whoami" } } }),
      event({ Event: { System: system("Security", 4688, "Microsoft-Windows-Security-Auditing"), EventData: { NewProcessName: cmd, CommandLine: "cmd /c whoami" } } }),
      event({ Event: { System: system("Security", 4688, "Microsoft-Windows-Security-Auditing"), EventData: { NewProcessName: cmd, CommandLine: "cmd /c dir" } } }),
      event({ Event: { System: system("System", { "#attributes": { Qualifiers: 16384 }, "#text": 7045 }, "Service Control Manager"), EventData: { ServiceName: "evil", ImagePath: "C:\\evil.exe" } } }),
    ].join("\n") + "\n",
  );
  const service = join(dir, "service.yml");
  writeFileSync(service, "title: New service\nid: 11111111-0000-4000-8000-000000000002\nlogsource: {product: windows, service: system}\ndetection:\n  selection: {Provider_Name: Service Control Manager, EventID: 7045, ImagePath|endswith: evil.exe}\n  condition: selection\n");
  const r = kestrel(["run", evtx, "--rules", rule, "--rules", service, "--schema", "evtx", "--no-cache"]);
  assert.is(r.code, 0, r.stderr);
  assert.equal(lines(r.stdout), [1, 2, 4]);
  const times = alerts(r.stdout).map((a) => (a as unknown as { "@timestamp": string })["@timestamp"]);
  assert.equal(times, ["2026-12-02T10:00:00.000Z", "2026-12-02T10:00:00.000Z", "2026-12-02T10:00:00.000Z"]);
});

test("a broken pipeline file is one error with its line and column", () => {
  const bad = join(dir, "bad.yml");
  writeFileSync(bad, "name: bad\ntransformations: [\n");
  const r = kestrel(["validate", rule, "--schema", "windows", "--pipeline", bad]);
  assert.is(r.code, 1);
  assert.match(r.stderr, `${bad}:3:1: invalid pipeline YAML`);
});

test.run();
