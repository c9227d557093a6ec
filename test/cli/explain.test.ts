/**
 * @fileoverview `kestrel explain` through the real CLI: the tree for a matching and a
 * non-matching event (each leaf's truth and the event's value, absent fields named), the
 * Security 4688 shape the windows-flat pipeline adds, a pretty-printed event file, every
 * step of a sequence, --json, and usage errors for a missing line or several rules.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { kestrel, scratchDir } from "./helpers.js";

const test = suite("cli: explain");
const dir = scratchDir();
const rule = join(dir, "whoami.yml");
writeFileSync(rule, "title: Whoami via cmd\nid: w1\nlogsource: {category: process_creation, product: windows}\ndetection:\n  selection:\n    Image|endswith: '\\cmd.exe'\n    CommandLine|contains: whoami\n  condition: selection\n");
const cmd = "C:\\Windows\\System32\\cmd.exe";
const events = join(dir, "events.ndjson");
writeFileSync(
  events,
  [
    { Channel: "Microsoft-Windows-Sysmon/Operational", EventID: 1, Image: cmd, CommandLine: "cmd /c whoami" },
    { Channel: "Microsoft-Windows-Sysmon/Operational", EventID: 1, CommandLine: "cmd /c whoami" },
    { Channel: "Security", EventID: 4688, NewProcessName: cmd, CommandLine: "cmd /c whoami" },
  ].map((e) => JSON.stringify(e)).join("\n") + "\n",
);

test("a matching event: every leaf true where it should be, with the event's values", () => {
  const r = kestrel(["explain", rule, `${events}:1`, "--schema", "windows"]);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, `[x] (str.suffix~ Image "\\\\cmd.exe")    ← Image = "C:\\\\Windows\\\\System32\\\\cmd.exe"`);
  assert.match(r.stdout, `[ ] (str.suffix~ NewProcessName "\\\\cmd.exe")    ← NewProcessName = (absent)`);
  assert.match(r.stdout, /\nthe event matches\n/);
});

test("a non-matching event: the failing leaf and the field it lacks", () => {
  const r = kestrel(["explain", rule, `${events}:2`, "--schema", "windows"]);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, `[ ] (str.suffix~ Image "\\\\cmd.exe")    ← Image = (absent)`);
  assert.match(r.stdout, `[x] (str.contains~ CommandLine "whoami")    ← CommandLine = "cmd /c whoami"`);
  assert.match(r.stdout, "the event does not match\nfields the event lacks: Image, NewProcessName");
});

test("--json: the 4688 event matches through the pipeline's variant, as the engine says", () => {
  const r = kestrel(["explain", rule, `${events}:3`, "--schema", "windows", "--json"]);
  assert.is(r.code, 0, r.stderr);
  type Node = { kind: string; result: boolean; terms?: Node[] };
  const out = JSON.parse(r.stdout) as { rule: string; steps: { matches: boolean; engine: boolean; tree: Node }[] };
  assert.is(out.rule, "w1");
  assert.equal(out.steps.map((s) => [s.matches, s.engine]), [[true, true]]);
  // and(either log source, or(the Sysmon shape, the 4688 shape)): the 4688 shape holds.
  const tree = out.steps[0]?.tree;
  assert.equal(tree?.terms?.map((t) => [t.kind, t.result]), [["or", true], ["or", true]]);
  assert.equal(tree?.terms?.[1]?.terms?.map((t) => t.result), [false, true]);
});

test("a pretty-printed event file, and every step of a sequence", () => {
  const seq = join(dir, "seq.eql");
  writeFileSync(seq, 'sequence by Hostname [process where CommandLine : "*whoami*"] [network where DestinationPort == 443]\n');
  const ev = join(dir, "event.json");
  writeFileSync(ev, '{\n  "Channel": "Microsoft-Windows-Sysmon/Operational",\n  "EventID": 1,\n  "Hostname": "h1",\n  "CommandLine": "whoami /all"\n}\n');
  const r = kestrel(["explain", seq, ev, "--schema", "windows"]);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, "step 1 of 2 (sequence):");
  assert.match(r.stdout, "the event matches this step");
  assert.match(r.stdout, "step 2 of 2 (sequence):");
  assert.match(r.stdout, "the event does not match this step");
});

test("usage errors: a line the file lacks; several rules without --id", () => {
  const noLine = kestrel(["explain", rule, `${events}:9`, "--schema", "windows"]);
  assert.is(noLine.code, 2);
  assert.match(noLine.stderr, "has no line 9");
  const many = kestrel(["explain", "rules/", `${events}:1`]);
  assert.is(many.code, 1);
  assert.match(many.stderr, "choose one with --id");
});

test.run();
