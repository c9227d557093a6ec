/**
 * @fileoverview Loads the Lua plugins of a run: the `.lua` files given with --plugin and
 * those in --plugins-dir, one sandbox each, named by file name. A plugin that does not
 * compile, fails while loading, or defines none of the hooks is a LuaPluginError: the
 * run does not start with a plugin it was told to use but cannot.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { FaultLog } from "../faults.js";
import { hookNames, LuaPlugin } from "./plugin.js";
import { LuaSandbox, type SandboxLimits } from "./sandbox.js";

export class LuaPluginError extends Error {}

export interface LuaPluginOptions extends SandboxLimits {
  readonly files: readonly string[];
  readonly dir?: string;
  readonly maxFaults: number;
}

export const DEFAULT_LIMITS: SandboxLimits = { instructions: 50_000_000, memoryBytes: 64 << 20 };

export function pluginFiles(files: readonly string[], dir: string | undefined): string[] {
  if (dir === undefined) return [...files];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (e) {
    throw new LuaPluginError(`folder ${dir}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return [...files, ...names.filter((f) => f.endsWith(".lua")).sort().map((f) => join(dir, f))];
}

export async function loadLuaPlugins(options: LuaPluginOptions, log: FaultLog): Promise<LuaPlugin[]> {
  const plugins: LuaPlugin[] = [];
  try {
    for (const file of pluginFiles(options.files, options.dir)) {
      const name = basename(file, ".lua");
      if (plugins.some((p) => p.name === name)) throw new LuaPluginError(`${file}: a plugin named '${name}' is already loaded`);
      plugins.push(await loadOne(file, name, options, log));
    }
  } catch (e) {
    for (const p of plugins) p.close();
    throw e;
  }
  return plugins;
}

async function loadOne(file: string, name: string, options: LuaPluginOptions, log: FaultLog): Promise<LuaPlugin> {
  let code: string;
  try {
    code = readFileSync(file, "utf8");
  } catch (e) {
    throw new LuaPluginError(`${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const sandbox = await LuaSandbox.create(options);
  const loaded = sandbox.load(code, `@${name}`);
  if (loaded.kind === "fault") {
    sandbox.close();
    throw new LuaPluginError(`${file}: ${loaded.message}`);
  }
  const hooks = new Set(hookNames.filter((h) => sandbox.has(h)));
  if (hooks.size === 0) {
    sandbox.close();
    throw new LuaPluginError(`${file}: defines none of ${hookNames.join(", ")}`);
  }
  const sha256 = createHash("sha256").update(code).digest("hex");
  return new LuaPlugin(name, sha256, sandbox, hooks, options.maxFaults, log);
}
