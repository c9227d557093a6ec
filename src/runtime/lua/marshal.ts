/**
 * @fileoverview Copies JSON values into a Lua state and back, through the Lua C API
 * directly (wasmoon's own converters go through its JS-object bridges and choke on
 * null); pushing uses the raw Wasm exports and one scratch buffer for strings. Into Lua: objects and arrays become tables (arrays 1-based), null becomes nil.
 * Out of Lua: tables whose keys are exactly 1..n become arrays, other tables objects with
 * string keys; functions, userdata and threads are dropped, as is anything nested
 * deeper than MAX_DEPTH (so a table that contains itself ends). Numbers come back as
 * doubles.
 */
import { LuaType, type LuaWasm } from "wasmoon";

const MAX_DEPTH = 64;
/** Strings are encoded into this much reusable Wasm memory; longer ones get their own. */
const SCRATCH = 64 << 10;

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** The Lua C API's raw Wasm exports: cwrap's per-call argument conversion costs more than the push. */
interface RawPush {
  _lua_pushlstring(L: number, s: number, len: number): number;
  _lua_pushinteger(L: number, n: bigint): void;
  _lua_pushnumber(L: number, n: number): void;
  _lua_pushboolean(L: number, b: number): void;
  _lua_pushnil(L: number): void;
  _lua_createtable(L: number, narr: number, nrec: number): void;
  _lua_rawset(L: number, idx: number): void;
  _malloc(n: number): number;
  _free(p: number): void;
  HEAPU8: Uint8Array;
}

function rawPush(lua: LuaWasm): RawPush {
  const m = lua.module as unknown as Partial<RawPush>;
  const names = ["_lua_pushlstring", "_lua_pushinteger", "_lua_pushnumber", "_lua_pushboolean", "_lua_pushnil", "_lua_createtable", "_lua_rawset", "_malloc", "_free"] as const;
  for (const n of names) if (typeof m[n] !== "function") throw new Error(`internal: wasmoon lacks ${n}`);
  return m as RawPush;
}

/** Pushes JSON values onto one Lua state's stack. */
export class JsonPusher {
  private readonly raw: RawPush;
  private readonly scratch: number;
  private readonly encoder = new TextEncoder();
  private view: Uint8Array | undefined;

  constructor(
    lua: LuaWasm,
    private readonly L: number,
  ) {
    this.raw = rawPush(lua);
    this.scratch = this.raw._malloc(SCRATCH);
  }

  push(value: unknown, depth = 0): void {
    const r = this.raw;
    const L = this.L;
    if (value === null || value === undefined || depth > MAX_DEPTH) return r._lua_pushnil(L);
    switch (typeof value) {
      case "boolean":
        return r._lua_pushboolean(L, value ? 1 : 0);
      case "number":
        if (Number.isSafeInteger(value)) return r._lua_pushinteger(L, BigInt(value));
        return r._lua_pushnumber(L, value);
      case "string":
        return this.pushString(value);
      case "object":
        break;
      default:
        return r._lua_pushnil(L);
    }
    if (Array.isArray(value)) {
      r._lua_createtable(L, value.length, 0);
      for (let i = 0; i < value.length; i++) {
        r._lua_pushinteger(L, BigInt(i + 1));
        this.push(value[i], depth + 1);
        r._lua_rawset(L, -3);
      }
      return;
    }
    const entries = Object.entries(value as Record<string, unknown>);
    r._lua_createtable(L, 0, entries.length);
    for (const [k, v] of entries) {
      this.pushString(k);
      this.push(v, depth + 1);
      r._lua_rawset(L, -3);
    }
  }

  close(): void {
    this.raw._free(this.scratch);
  }

  /** The scratch buffer's view, made again only when Wasm memory has grown (a new heap buffer). */
  private scratchView(): Uint8Array {
    const heap = this.raw.HEAPU8;
    if (this.view?.buffer !== heap.buffer) this.view = heap.subarray(this.scratch, this.scratch + SCRATCH);
    return this.view;
  }

  private pushString(s: string): void {
    const r = this.raw;
    const done = s.length * 3 <= SCRATCH ? this.encoder.encodeInto(s, this.scratchView()) : undefined;
    if (done !== undefined) {
      r._lua_pushlstring(this.L, this.scratch, done.written);
      return;
    }
    const bytes = this.encoder.encode(s);
    const p = r._malloc(bytes.length + 1);
    try {
      r.HEAPU8.set(bytes, p);
      r._lua_pushlstring(this.L, p, bytes.length);
    } finally {
      r._free(p);
    }
  }
}

/** The Lua value at `index` as JSON data; undefined for nil and non-data values. */
export function readJson(lua: LuaWasm, L: number, index: number, depth = 0): JsonValue | undefined {
  const at = lua.lua_absindex(L, index);
  switch (lua.lua_type(L, at)) {
    case LuaType.Boolean:
      return lua.lua_toboolean(L, at) !== 0;
    case LuaType.Number:
      return lua.lua_tonumberx(L, at, null);
    case LuaType.String:
      return lua.lua_tolstring(L, at, null);
    case LuaType.Table:
      return depth >= MAX_DEPTH ? undefined : readTable(lua, L, at, depth);
    default:
      return undefined;
  }
}

function readTable(lua: LuaWasm, L: number, at: number, depth: number): JsonValue {
  const entries: [string | number, JsonValue][] = [];
  lua.lua_pushnil(L);
  while (lua.lua_next(L, at) !== 0) {
    // Read the key without converting it in place, which would confuse lua_next.
    const keyType = lua.lua_type(L, -2);
    const key = keyType === LuaType.Number ? lua.lua_tonumberx(L, -2, null) : keyType === LuaType.String ? lua.lua_tolstring(L, -2, null) : undefined;
    const value = readJson(lua, L, -1, depth + 1);
    lua.lua_settop(L, -2);
    if (key !== undefined && value !== undefined) entries.push([key, value]);
  }
  const isArray = entries.length > 0 && entries.every(([k]) => typeof k === "number") && sequence(entries.map(([k]) => k as number));
  if (isArray) return entries.sort((a, b) => (a[0] as number) - (b[0] as number)).map(([, v]) => v);
  const out: { [key: string]: JsonValue } = {};
  for (const [k, v] of entries) out[String(k)] = v;
  return out;
}

function sequence(keys: readonly number[]): boolean {
  const seen = new Set(keys);
  return keys.every((k) => Number.isInteger(k) && k >= 1 && k <= keys.length) && seen.size === keys.length;
}
