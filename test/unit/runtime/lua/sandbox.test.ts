/**
 * @fileoverview The Lua sandbox holds attacker-controlled event data, so: nothing that
 * reaches files, processes, the module system, bytecode, the debug library or the JS host
 * is reachable, and an infinite loop (even one that catches errors), memory exhaustion or
 * an error each end only that call, with the kind of fault named; the state then works on.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { LuaSandbox, type CallOutcome } from "../../../../src/runtime/lua/sandbox.js";

const limits = { instructions: 2_000_000, memoryBytes: 8 << 20 };

async function sandbox(): Promise<LuaSandbox> {
  return LuaSandbox.create(limits);
}

function ok(r: CallOutcome): unknown {
  if (r.kind !== "ok") throw new Error(`expected ok, got ${JSON.stringify(r)}`);
  return r.value;
}

test("the globals are exactly the safe base, table, string, math and utf8 ones", async () => {
  const s = await sandbox();
  const names = ok(s.load("local t = {} for k in pairs(_G) do t[#t + 1] = k end table.sort(t) return t", "=t"));
  assert.equal(names, ["_G", "_VERSION", "assert", "error", "getmetatable", "ipairs", "math", "next", "pairs", "pcall", "rawequal", "rawget", "rawlen", "rawset", "select", "setmetatable", "string", "table", "tonumber", "tostring", "type", "utf8", "xpcall"]);
  s.close();
});

test("io, os, require, package, load, loadstring, dofile, loadfile, debug, print, collectgarbage, string.dump and js are absent", async () => {
  const s = await sandbox();
  for (const name of ["io", "os", "require", "package", "load", "loadstring", "dofile", "loadfile", "debug", "print", "warn", "collectgarbage", "js", "module", "coroutine"]) {
    assert.equal(ok(s.load(`return type(${name})`, "=t")), "nil", name);
  }
  assert.equal(ok(s.load("return type(string.dump)", "=t")), "nil");
  // Nothing hidden under the libraries either: no function of them reaches a loader.
  const r = s.load("local f = rawget(_G, 'load') or rawget(string, 'dump') or rawget(table, 'load') return f == nil", "=t");
  assert.equal(ok(r), true);
  s.close();
});

test("the string metatable is locked, and __gc finalizers are refused", async () => {
  const s = await sandbox();
  assert.equal(ok(s.load("return getmetatable('')", "=t")), false);
  const gc = s.load("setmetatable({}, {__gc = function() while true do end end})", "=t");
  assert.equal(gc.kind === "fault" && gc.fault, "error");
  assert.match(gc.kind === "fault" ? gc.message : "", /__gc metamethods are not allowed/);
  s.close();
});

test("binary chunks are refused: only source text loads", async () => {
  const s = await sandbox();
  const r = s.load("\x1bLua\x54\x00", "=t");
  assert.equal(r.kind, "fault");
  s.close();
});

test("an infinite loop is stopped by the instruction budget, even inside pcall, an xpcall handler or a __close; the state works afterwards", async () => {
  const s = await sandbox();
  ok(
    s.load(
      "function spin() while true do end end function sly() while true do pcall(function() while true do end end) end end " +
        "function handler() while true do xpcall(function() while true do end end, function() while true do end end) end end " +
        "function closer() local c <close> = setmetatable({}, {__close = function() while true do end end}) while true do end end " +
        "function fine(x) return x.n + 1 end " +
        "function handled() return select(2, xpcall(function() error('e', 0) end, function(m) return 'handled: ' .. m end)) end",
      "=t",
    ),
  );
  for (const fn of ["spin", "sly", "handler", "closer"]) {
    const r = s.call(fn, {});
    assert.equal(r.kind === "fault" && r.fault, "budget", fn);
  }
  assert.equal(ok(s.call("fine", { n: 41 })), 42);
  assert.equal(ok(s.call("handled", {})), "handled: e");
  s.close();
});

test("memory exhaustion hits the cap (wasmoon's allocator limit) and the state recovers", async () => {
  const s = await sandbox();
  ok(s.load("function hog() local t = {} for i = 1, 1e8 do t[i] = string.rep('x', 64) .. i end end function big() return #string.rep('x', 1e9) end function fine() return 'ok' end", "=t"));
  for (const fn of ["hog", "big"]) {
    const r = s.call(fn, {});
    assert.equal(r.kind === "fault" && r.fault, "memory", fn);
  }
  assert.equal(ok(s.call("fine", {})), "ok");
  assert.ok(s.memoryUsed() < limits.memoryBytes);
  s.close();
});

test("errors are reported with their message; a non-string error object is not run", async () => {
  const s = await sandbox();
  ok(s.load("function boom(e) error('bad event ' .. e.id) end function sneaky() error(setmetatable({}, {__tostring = function() while true do end end})) end", "=p"));
  const r = s.call("boom", { id: "x1" });
  assert.equal(r, { kind: "fault", fault: "error", message: "p:1: bad event x1" });
  assert.equal(s.call("sneaky", {}), { kind: "fault", fault: "error", message: "(error object is not a string)" });
  s.close();
});

test("values cross as copies: JSON in, tables back; functions do not come out", async () => {
  const s = await sandbox();
  ok(s.load("function echo(e) e.added = {1, 2} e.fn = function() end return e end", "=t"));
  const back = ok(s.call("echo", { a: "x", n: 3, f: 1.5, nested: { b: true }, list: ["p", "q"], gone: null }));
  assert.equal(back, { a: "x", n: 3, f: 1.5, nested: { b: true }, list: ["p", "q"], added: [1, 2] });
  s.close();
});

test.run();
