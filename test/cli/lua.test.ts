/**
 * @fileoverview Lua plugins through the real CLI: the example plugins enrich, detect and
 * edit alerts in one run; a hostile plugin finds io, os, require, load, dofile, debug,
 * package and the JS host all absent; and a plugin that errors, loops forever or eats
 * memory is reported by name and costs only its own work: the rules and the other
 * plugins still raise their alerts.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { alerts, kestrel, scratchDir } from "./helpers.js";

const dir = scratchDir();
const rule = join(dir, "failed_logon.json");
writeFileSync(rule, JSON.stringify({ kestrel: "rule/v1", id: "failed-logon", title: "Failed logon", severity: "low", where: { field: "EventID", op: "eq", value: 4625 } }));

const ev = (o: object): string => `${JSON.stringify({ "@timestamp": "2026-01-01T00:00:00Z", ...o })}\n`;
const failed = (user: string, host = "WKS01.corp.example"): string => ev({ EventID: 4625, TargetUserName: user, Hostname: host, User: "CORP\\admin" });
const events = failed("eve", "DC01.corp.example") + failed("eve") + failed("eve") + failed("eve") + failed("eve") + ev({ EventID: 1, User: "bob" });

function lua(name: string, code: string): string {
  const path = join(dir, `${name}.lua`);
  writeFileSync(path, code);
  return path;
}

const examples = ["--plugin", "plugins/lua/tag_admins.lua", "--plugin", "plugins/lua/raise_severity.lua", "--plugin", "plugins/lua/count_failed_logons.lua"];

test("the example plugins enrich events, raise a detection and edit alerts, beside the rules", () => {
  const r = kestrel(["run", "--rules", rule, "--schema", "windows", "-q", ...examples], { input: events });
  assert.equal(r.code, 0, r.stderr);
  const out = alerts(r.stdout);
  assert.equal(out.filter((a) => a.rule.id === "failed-logon").length, 5);
  const lua = out.filter((a) => a.rule.id === "lua:count_failed_logons/failed_logons");
  assert.equal(lua.map((a) => a.kestrel.origin), [[{ file: "<stdin>", line: 5 }]]);
  // Enriched before the rules scanned: the evidence is the enriched line.
  assert.ok(out.every((a) => (a.evidence[0] as { user_is_admin?: boolean }).user_is_admin === true));
  const onDc = out.find((a) => a.kestrel.origin[0]?.line === 1) as unknown as { rule: { severity: string; tags: string[] } };
  assert.equal([onDc.rule.severity, onDc.rule.tags[0]], ["critical", "crown-jewel"]);
});

test("a hostile plugin reaches none of io, os, require, load, dofile, loadfile, debug, package, collectgarbage, string.dump or js", () => {
  const probe = lua(
    "probe",
    `function detect(events)
      local names = {"io", "os", "require", "load", "loadstring", "dofile", "loadfile", "debug", "package", "collectgarbage", "print", "js", "process", "global", "window"}
      local found = {}
      for _, n in ipairs(names) do if rawget(_G, n) ~= nil then found[#found + 1] = n end end
      if string.dump ~= nil then found[#found + 1] = "string.dump" end
      if getmetatable("") ~= false then found[#found + 1] = "string metatable" end
      local ok = pcall(function() return os.execute("touch /tmp/kestrel-pwned") end)
      if ok then found[#found + 1] = "os.execute ran" end
      return {{event = 1, name = "probe", title = "reachable: " .. (#found == 0 and "none" or table.concat(found, ","))}}
    end`,
  );
  const r = kestrel(["run", "--rules", rule, "--schema", "windows", "-q", "--plugin", probe], { input: ev({ EventID: 1 }) });
  assert.equal(r.code, 0, r.stderr);
  const found = alerts(r.stdout).map((a) => (a as unknown as { rule: { name: string } }).rule.name);
  assert.equal(found, ["reachable: none"]);
});

test("an error, an infinite loop and memory exhaustion each cost only that plugin's work, reported by name", () => {
  const plugins = [
    lua("raises", "function enrich(events) error('cannot parse ' .. tostring(events[1].EventID)) end"),
    lua("spins", "function detect(events) while true do end end"),
    lua("hogs", "function on_alert(alerts) local t = {} for i = 1, 1e9 do t[i] = string.rep('z', 256) .. i end end"),
  ].flatMap((p) => ["--plugin", p]);
  const r = kestrel(["run", "--rules", rule, "--schema", "windows", "--plugin-memory", "8", "--plugin-budget", "5000000", "--plugin-max-faults", "1", ...plugins, ...examples], { input: events });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /kestrel: lua plugin raises: enrich: raises:1: cannot parse 4625; its work for this batch is skipped \(fault 1 of 1\)/);
  assert.match(r.stderr, /kestrel: lua plugin spins: detect: instruction budget exceeded/);
  assert.match(r.stderr, /kestrel: lua plugin hogs: on_alert: memory cap exceeded/);
  assert.match(r.stderr, /lua plugin spins: disabled after 1 faults/);
  const out = alerts(r.stdout);
  // The rules, the example enricher, detector and on_alert all still did their work.
  assert.equal(out.filter((a) => a.rule.id === "failed-logon").length, 5);
  assert.equal(out.filter((a) => a.rule.id === "lua:count_failed_logons/failed_logons").length, 1);
  assert.ok(out.every((a) => (a.evidence[0] as { user_is_admin?: boolean }).user_is_admin === true));
});

test("a plugin that does not load stops the run with exit 2 and its path", () => {
  const bad = lua("broken", "function enrich(events");
  const r = kestrel(["run", "--rules", rule, "--schema", "windows", "--plugin", bad], { input: ev({ EventID: 1 }) });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /lua plugin .*broken\.lua: broken:1:/);
});

test.run();
