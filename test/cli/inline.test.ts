/**
 * @fileoverview `kestrel run --inline` through the real CLI: one verdict line per event, a
 * rule's `action: block` from EQL, Sigma and JSON metadata, alerts still going to the sink,
 * stdout kept for verdicts, fail-open and --fail-closed when a plugin faults, and a verdict
 * written before the next event is even sent.
 */
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { alerts, isolatedEnv, kestrel, scratchDir } from "./helpers.js";

const dir = scratchDir();
const rules = join(dir, "rules");
mkdirSync(rules);
writeFileSync(join(rules, "whoami.eql"), '// id: eql-whoami\n// action: block\nprocess where Image : "*\\\\whoami.exe"\n');
writeFileSync(join(rules, "certutil.yml"), "title: Certutil\nid: sigma-certutil\nkestrel_action: block\nlogsource:\n  category: process_creation\n  product: windows\ndetection:\n  sel:\n    Image|endswith: '\\certutil.exe'\n  condition: sel\n");
writeFileSync(join(rules, "logon.json"), JSON.stringify([
  { kestrel: "rule/v1", id: "json-failed-logon", title: "Failed logon", action: "block", where: { field: "EventID", op: "eq", value: 4625 } },
  { kestrel: "rule/v1", id: "json-notepad", title: "Notepad", where: { field: "Image", op: "endswith", value: "\\notepad.exe" } },
]));

const ev = (o: object): string => `${JSON.stringify({ "@timestamp": "2026-01-01T00:00:00Z", Channel: "Microsoft-Windows-Sysmon/Operational", EventID: 1, ...o })}\n`;
const input = ev({ Image: "C:\\Windows\\System32\\whoami.exe" }) + ev({ Image: "C:\\Windows\\notepad.exe" }) + ev({ Image: "C:\\Windows\\System32\\certutil.exe" }) + ev({ EventID: 4625 }) + "\n" + ev({ Image: "calc.exe" });
const base = ["run", "--inline", "--rules", rules, "--schema", "windows", "-q"];
const verdicts = (stdout: string): unknown[] => stdout.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as unknown);

test("one verdict per event; block comes from EQL, Sigma and JSON rules' action; alerts go to the sink", () => {
  const file = join(dir, "alerts.ndjson");
  const r = kestrel([...base, "--sink", "file", "--sink-opt", `path=${file}`], { input });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(verdicts(r.stdout), [
    { seq: 1, verdict: "block", rules: ["eql-whoami"] },
    { seq: 2, verdict: "allow", rules: ["json-notepad"] },
    { seq: 3, verdict: "block", rules: ["sigma-certutil"] },
    { seq: 4, verdict: "block", rules: ["json-failed-logon"] },
    { seq: 6, verdict: "allow", rules: [] },
  ]);
  assert.equal(alerts(readFileSync(file, "utf8")).map((a) => a.rule.id), ["eql-whoami", "json-notepad", "sigma-certutil", "json-failed-logon"]);
});

test("stdout is the verdicts': --sink stdout is refused", () => {
  const r = kestrel([...base, "--sink", "stdout"], { input });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--inline writes verdicts to stdout/);
});

test("a plugin fault fails open (allow + error) by default, and closed (block + error) with --fail-closed", () => {
  const plugin = join(dir, "picky.lua");
  // Faults on notepad events only, so the rules' own verdicts show on the others.
  writeFileSync(plugin, "function enrich(events) for _, e in ipairs(events) do if tostring(e.Image):find('notepad') then error('picky') end end end");
  const args = [...base, "--plugin", plugin, "--plugin-max-faults", "10"];
  const open = verdicts(kestrel(args, { input }).stdout) as { seq: number; verdict: string; error?: string }[];
  const closed = verdicts(kestrel([...args, "--fail-closed"], { input }).stdout) as { seq: number; verdict: string; error?: string }[];
  assert.equal(open.map((v) => v.verdict), ["block", "allow", "block", "block", "allow"]);
  assert.equal(closed.map((v) => v.verdict), ["block", "block", "block", "block", "allow"]);
  assert.match(open[1]?.error ?? "", /lua plugin picky: enrich: picky:1: picky/);
  assert.equal(open.filter((v) => v.error !== undefined).length, 1);
});

test("the verdict for an event is written before the next event is sent", async () => {
  const child = spawn(process.execPath, [resolve("bin/run.js"), ...base], { env: { ...process.env, ...isolatedEnv(join(dir, "home")), NO_COLOR: "1" }, stdio: ["pipe", "pipe", "pipe"], timeout: 120_000, killSignal: "SIGKILL" });
  const lines: string[] = [];
  let pending = "";
  let waiter: (() => void) | undefined;
  child.stdout.setEncoding("utf8").on("data", (d: string) => {
    pending += d;
    const parts = pending.split("\n");
    pending = parts.pop() ?? "";
    lines.push(...parts);
    waiter?.();
  });
  let closed = false;
  child.on("close", () => ((closed = true), waiter?.()));
  // Resolves on the n-th verdict; fails if the CLI exits (or is killed) first, so a CLI that waited for more input cannot hang the test.
  const nextVerdict = (n: number): Promise<void> =>
    new Promise((resolve, reject) => {
      waiter = () => (lines.length >= n ? resolve() : closed ? reject(new Error(`CLI exited after ${lines.length} verdict(s)`)) : undefined);
      waiter();
    });
  child.stdin.write(ev({ Image: "x\\whoami.exe" }));
  await nextVerdict(1);
  assert.equal(JSON.parse(lines[0] ?? "{}"), { seq: 1, verdict: "block", rules: ["eql-whoami"] });
  child.stdin.write(ev({ Image: "x\\notepad.exe" }));
  await nextVerdict(2);
  assert.equal(JSON.parse(lines[1] ?? "{}"), { seq: 2, verdict: "allow", rules: ["json-notepad"] });
  child.stdin.end();
  const code = await new Promise<number | null>((r) => child.on("close", r));
  assert.equal(code, 0);
});

test.run();
