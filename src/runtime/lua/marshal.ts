/**
 * @fileoverview Copies JSON values into a Lua state and back, through the Lua C API
 * directly (wasmoon's own converters go through its JS-object bridges and choke on
 * null). Into Lua: objects and arrays become tables (arrays 1-based), null becomes nil.
 * Out of Lua: tables whose keys are exactly 1..n become arrays, other tables objects with
 * string keys; functions, userdata and threads are dropped, as is anything nested
 * deeper than MAX_DEPTH (so a table that contains itself ends). Numbers come back as
 * doubles.
 */
import { LuaType, type LuaWasm } from "wasmoon";

const MAX_DEPTH = 64;
/** Longer strings go through the heap: cwrap puts string arguments on a small stack. */
const STACK_STRING = 2048;

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export function pushJson(lua: LuaWasm, L: number, value: unknown, depth = 0): void {
  if (value === null || value === undefined || depth > MAX_DEPTH) return lua.lua_pushnil(L);
  switch (typeof value) {
    case "boolean":
      return lua.lua_pushboolean(L, value ? 1 : 0);
    case "number":
      if (Number.isSafeInteger(value)) return lua.lua_pushinteger(L, BigInt(value));
      return lua.lua_pushnumber(L, value);
    case "string":
      return pushString(lua, L, value);
    case "object":
      break;
    default:
      return lua.lua_pushnil(L);
  }
  if (Array.isArray(value)) {
    lua.lua_createtable(L, value.length, 0);
    value.forEach((item: unknown, i) => {
      lua.lua_pushinteger(L, BigInt(i + 1));
      pushJson(lua, L, item, depth + 1);
      lua.lua_rawset(L, -3);
    });
    return;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  lua.lua_createtable(L, 0, entries.length);
  for (const [k, v] of entries) {
    pushString(lua, L, k);
    pushJson(lua, L, v, depth + 1);
    lua.lua_rawset(L, -3);
  }
}

function pushString(lua: LuaWasm, L: number, s: string): void {
  const bytes = lua.module.lengthBytesUTF8(s);
  if (bytes < STACK_STRING) {
    lua.lua_pushlstring(L, s, bytes);
    return;
  }
  const p = lua.module._malloc(bytes + 1);
  try {
    lua.module.stringToUTF8(s, p, bytes + 1);
    lua.lua_pushlstring(L, p, bytes);
  } finally {
    lua.module._free(p);
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
