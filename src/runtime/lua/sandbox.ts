/**
 * @fileoverview One Lua plugin's sandbox: its own Lua 5.4 state (wasmoon) with only the
 * base, table, string, math and utf8 libraries, stripped of everything that reaches
 * outside: no io, os, package/require, debug, load/loadstring/dofile/loadfile, print,
 * warn, collectgarbage, string.dump; the string metatable is locked, `__gc`
 * finalizers are refused (they would run outside any call's budget) and xpcall runs its
 * handler after unwinding (see PRELUDE). wasmoon's JS
 * bridges are off (no proxies, no injected objects, no JS functions are ever passed in),
 * so values cross as plain copies. Each call runs under an instruction budget and a
 * memory cap (wasmoon's allocator limit, `setMemoryMax`); the input's own size is not
 * counted against the cap.
 */
import { LuaFactory, LuaLibraries, LuaReturn, LuaType, type LuaEngine } from "wasmoon";
import { InstructionBudget } from "./budget.js";
import { JsonPusher, readJson, type JsonValue } from "./marshal.js";

export type FaultKind = "error" | "budget" | "memory";

export type CallOutcome =
  | { readonly kind: "ok"; readonly value: JsonValue | undefined }
  | { readonly kind: "missing" }
  | { readonly kind: "fault"; readonly fault: FaultKind; readonly message: string };

export interface SandboxLimits {
  /** VM instructions per call. */
  readonly instructions: number;
  /** Bytes the plugin may hold beyond its input. */
  readonly memoryBytes: number;
}

/** Runs once in every state before the plugin's code. */
const PRELUDE = `
local setmetatable, rawget, error, type = setmetatable, rawget, error, type
for _, name in ipairs({"dofile", "loadfile", "load", "loadstring", "require", "print", "warn", "collectgarbage", "module"}) do _G[name] = nil end
string.dump = nil
getmetatable("").__metatable = false
_G.setmetatable = function(t, mt)
  if type(mt) == "table" and rawget(mt, "__gc") ~= nil then error("__gc metamethods are not allowed", 2) end
  return setmetatable(t, mt)
end
-- Lua runs a message handler at the point of error, which for the budget's error is inside
-- the hook, where hooks are off: a looping handler would never be stopped. This xpcall
-- calls the handler after pcall has unwound, under the budget like any other code.
local pcall = pcall
_G.xpcall = function(f, handler, ...)
  local function finish(ok, ...)
    if ok then return true, ... end
    return false, handler((...))
  end
  return finish(pcall(f, ...))
end
`;

let factory: LuaFactory | undefined;

export class LuaSandbox {
  private readonly pusher: JsonPusher;

  private constructor(
    private readonly engine: LuaEngine,
    private readonly budget: InstructionBudget,
    private readonly limits: SandboxLimits,
  ) {
    this.pusher = new JsonPusher(engine.global.lua, engine.global.address);
  }

  static async create(limits: SandboxLimits): Promise<LuaSandbox> {
    factory ??= new LuaFactory();
    const engine = await factory.createEngine({ openStandardLibs: false, injectObjects: false, enableProxy: false, traceAllocations: true });
    for (const lib of [LuaLibraries.Base, LuaLibraries.Table, LuaLibraries.String, LuaLibraries.Math, LuaLibraries.UTF8]) engine.global.loadLibrary(lib);
    const g = engine.global;
    const sandbox = new LuaSandbox(engine, new InstructionBudget(g.lua, g.address, limits.instructions), limits);
    const prelude = sandbox.load(PRELUDE, "=prelude");
    if (prelude.kind === "fault") throw new Error(`internal: Lua prelude failed: ${prelude.message}`);
    return sandbox;
  }

  /** Compiles (text only, never bytecode) and runs a chunk under the limits. */
  load(code: string, chunkName: string): CallOutcome {
    const g = this.engine.global;
    const lua = g.lua;
    lua.lua_settop(g.address, 0);
    const status = lua.luaL_loadbufferx(g.address, code, lua.module.lengthBytesUTF8(code), chunkName, "t");
    if (status !== LuaReturn.Ok) return this.fault(status);
    return this.protectedCall(0);
  }

  /** Calls global function `name` with one argument, copied into Lua. */
  call(name: string, arg: unknown): CallOutcome {
    const g = this.engine.global;
    g.lua.lua_settop(g.address, 0);
    if (g.lua.lua_getglobal(g.address, name) !== LuaType.Function) {
      g.lua.lua_settop(g.address, 0);
      return { kind: "missing" };
    }
    const before = g.getMemoryUsed();
    this.pusher.push(arg);
    return this.protectedCall(1, g.getMemoryUsed() - before);
  }

  /** Whether the plugin defines a global function `name`. */
  has(name: string): boolean {
    const g = this.engine.global;
    const type = g.lua.lua_getglobal(g.address, name);
    g.lua.lua_settop(g.address, 0);
    return type === LuaType.Function;
  }

  memoryUsed(): number {
    return this.engine.global.getMemoryUsed();
  }

  close(): void {
    this.pusher.close();
    this.budget.close();
    this.engine.global.close();
  }

  private protectedCall(args: number, inputBytes = 0): CallOutcome {
    const g = this.engine.global;
    // The plugin's own state and working memory stay under the cap; the input it was handed is extra.
    g.setMemoryMax(this.limits.memoryBytes + inputBytes);
    let status: LuaReturn;
    try {
      status = this.budget.run(() => g.lua.lua_pcallk(g.address, args, 1, 0, 0, null));
    } finally {
      g.setMemoryMax(undefined);
    }
    if (status !== LuaReturn.Ok) return this.fault(status);
    const value = readJson(g.lua, g.address, -1);
    g.lua.lua_settop(g.address, 0);
    return { kind: "ok", value };
  }

  private fault(status: LuaReturn): CallOutcome {
    const g = this.engine.global;
    // Never call a metamethod here: an error object is shown only when it is a string.
    const message = g.lua.lua_type(g.address, -1) === LuaType.String ? g.lua.lua_tolstring(g.address, -1, null) : "(error object is not a string)";
    g.lua.lua_settop(g.address, 0);
    const fault: FaultKind = this.budget.tripped ? "budget" : status === LuaReturn.ErrorMem ? "memory" : "error";
    return { kind: "fault", fault, message };
  }
}
