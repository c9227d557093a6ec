/**
 * @fileoverview Lua plugins through their runtime stages: enrich rewrites only the events it
 * patches and keeps every line number; detect raises typed alerts of rule lua:<plugin>/<name>;
 * on_alert drops and edits; the example plugins in plugins/lua/ do what they say; a fault
 * costs only that plugin's work, is reported, and disables the plugin after N faults.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Alert } from "../../../../src/runtime/alert.js";
import { FaultLog } from "../../../../src/runtime/faults.js";
import type { LineBatch } from "../../../../src/runtime/framing.js";
import { openLuaPlugins, type LuaRuntime } from "../../../../src/runtime/lua/index.js";
import { pluginFiles } from "../../../../src/runtime/lua/load.js";

const dir = mkdtempSync(join(tmpdir(), "kestrel-lua-"));

function file(name: string, code: string): string {
  const path = join(dir, `${name}.lua`);
  writeFileSync(path, code);
  return path;
}

async function open(files: readonly string[], maxFaults = 3): Promise<{ lua: LuaRuntime; faults: string[] }> {
  const faults: string[] = [];
  const lua = await openLuaPlugins({ files, maxFaults, instructions: 1_000_000, memoryBytes: 4 << 20 }, 1 << 20, new FaultLog((m) => faults.push(m)));
  return { lua, faults };
}

function batch(lines: readonly string[], firstLine = 10): LineBatch {
  return { seq: 0, source: "events.ndjson", firstLine, bytes: new TextEncoder().encode(lines.map((l) => `${l}\n`).join("")) };
}

const text = (b: LineBatch): string[] => new TextDecoder().decode(b.bytes).split("\n").slice(0, -1);

test("enrich patches only the events it names; other lines keep their bytes and every line its place", async () => {
  const { lua } = await open(["plugins/lua/tag_admins.lua"]);
  const lines = ['{"User":"CORP\\\\admin","big":12345678901234567890}', "not json", "", '{"User":"bob",  "n": 1}'];
  const out = await lua.lineStage?.run(batch(lines));
  const got = out === undefined ? [] : text(out.batch);
  // A patched event is re-serialised (JSON numbers beyond 2^53 round, as JSON.parse does).
  assert.equal(JSON.parse(got[0] ?? "{}"), { User: "CORP\\admin", big: 12345678901234567000, user_is_admin: true, kestrel_tags: ["admin"] });
  assert.equal(got.slice(1), ["not json", "", '{"User":"bob",  "n": 1}']);
  assert.equal(out?.batch.firstLine, 10);
  lua.close();
});

test("detect raises typed alerts named lua:<plugin>/<name> with the event's line as origin", async () => {
  const { lua } = await open(["plugins/lua/count_failed_logons.lua"]);
  const failed = '{"EventID":4625,"TargetUserName":"eve"}';
  const first = await lua.lineStage?.run(batch([failed, failed, failed], 1));
  assert.equal(first?.alerts, []);
  const second = await lua.lineStage?.run(batch(['{"EventID":4624}', failed, failed], 4));
  const alerts = second?.alerts ?? [];
  assert.equal(alerts.length, 1);
  const a = alerts[0];
  assert.equal(a?.rule.id, "lua:count_failed_logons/failed_logons");
  assert.equal(a?.rule.severity, "high");
  assert.equal(a?.rule.language, "lua");
  assert.equal(a?.evidence, [{ raw: failed, origin: { file: "events.ndjson", line: 6 } }]);
  lua.close();
});

function alert(host: string, severity: Alert["rule"]["severity"] = "low"): Alert {
  return {
    id: host,
    timeNs: undefined,
    rule: { id: "r", name: "R", severity, author: [], tags: ["t1"], description: "", language: "eql", action: "alert" },
    package: { name: "p", sha256: "0".repeat(64) },
    evidence: [{ raw: JSON.stringify({ Hostname: host }), origin: { file: "f", line: 1 } }],
  };
}

test("on_alert raises the severity on listed hosts and drops alerts from ignored ones", async () => {
  const { lua } = await open(["plugins/lua/raise_severity.lua"]);
  const p = lua.processors[0];
  const out = (await p?.process([alert("DC01.corp.example"), alert("test01.corp.example"), alert("wks9")])) ?? [];
  assert.equal(out.map((a) => [a.id, a.rule.severity, a.rule.tags]), [
    ["DC01.corp.example", "critical", ["crown-jewel", "t1"]],
    ["wks9", "low", ["t1"]],
  ]);
  lua.close();
});

test("a faulting plugin costs only its own work, is reported by name, and is disabled after N faults", async () => {
  const bad = file("flaky", "function enrich(events) error('boom') end");
  const { lua, faults } = await open([bad, "plugins/lua/tag_admins.lua"], 2);
  const lines = ['{"User":"corp\\\\admin"}'];
  for (let i = 0; i < 3; i++) {
    const out = await lua.lineStage?.run(batch(lines));
    assert.match(out === undefined ? "" : text(out.batch)[0] ?? "", /user_is_admin/);
  }
  assert.equal(faults.length, 3);
  assert.match(faults[0] ?? "", /^kestrel: lua plugin flaky: enrich: flaky:1: boom; its work for this batch is skipped \(fault 1 of 2\)$/);
  assert.match(faults[2] ?? "", /lua plugin flaky: disabled after 2 faults/);
  lua.close();
});

test("loop, memory hog and malformed answers are faults of their kind; the other plugins still answer", async () => {
  const loop = file("loop", "function detect(events) while true do end end");
  const hog = file("hog", "function on_alert(alerts) local t = {} for i = 1, 1e8 do t[i] = string.rep('y', 100) .. i end end");
  const shape = file("shape", "function detect(events) return {{event = 99, name = 'x'}} end");
  const { lua, faults } = await open([loop, hog, shape, "plugins/lua/count_failed_logons.lua", "plugins/lua/raise_severity.lua"]);
  const failed = '{"EventID":4625,"TargetUserName":"mallory"}';
  const out = await lua.lineStage?.run(batch([failed, failed, failed, failed, failed]));
  assert.equal(out?.alerts.map((a) => a.rule.id), ["lua:count_failed_logons/failed_logons"]);
  let alerts: readonly Alert[] = [alert("dc01.corp.example")];
  for (const p of lua.processors) alerts = await p.process(alerts);
  assert.equal(alerts[0]?.rule.severity, "critical");
  assert.match(faults.join("\n"), /lua plugin loop: detect: instruction budget exceeded/);
  assert.match(faults.join("\n"), /lua plugin hog: on_alert: memory cap exceeded/);
  assert.match(faults.join("\n"), /lua plugin shape: detect: detection event 99 is not a position 1\.\.5/);
  lua.close();
});

test("a plugin that does not compile or defines no hook stops the run before it starts", async () => {
  for (const [name, code, why] of [
    ["syntax", "function enrich(", /syntax:1:/],
    ["nohook", "x = 1", /defines none of enrich, on_alert, detect/],
    ["toplevel", "while true do end", /instruction budget exceeded/],
  ] as const) {
    let message = "";
    await open([file(name, code)]).catch((e: unknown) => (message = String(e)));
    assert.match(message, why, name);
  }
});

test("--plugins-dir adds every .lua file in the folder, by name, after the --plugin files", () => {
  assert.equal(pluginFiles(["x.lua"], "plugins/lua"), ["x.lua", "plugins/lua/count_failed_logons.lua", "plugins/lua/raise_severity.lua", "plugins/lua/tag_admins.lua"]);
  assert.equal(pluginFiles([], undefined), []);
  assert.throws(() => pluginFiles([], join(dir, "missing")), /folder .*missing: ENOENT/);
});

test.run();
