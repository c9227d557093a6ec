/**
 * @fileoverview The Lua plugins of a run, wired into the runtime: their line stage (when
 * one defines enrich or detect) and one alert processor per on_alert plugin.
 */
import type { FaultLog } from "../faults.js";
import type { LineStage } from "../line-stage.js";
import type { Processor } from "../processors/processor.js";
import { LuaLineStage } from "./line-stage.js";
import { loadLuaPlugins, type LuaPluginOptions } from "./load.js";
import { luaAlertProcessor } from "./on-alert.js";
import type { LuaPlugin } from "./plugin.js";

export { DEFAULT_LIMITS, LuaPluginError, type LuaPluginOptions } from "./load.js";

export interface LuaRuntime {
  readonly plugins: readonly LuaPlugin[];
  readonly lineStage: LineStage | undefined;
  readonly processors: readonly Processor[];
  close(): void;
}

export async function openLuaPlugins(options: LuaPluginOptions, capacity: number, log: FaultLog): Promise<LuaRuntime> {
  const plugins = await loadLuaPlugins(options, log);
  return {
    plugins,
    lineStage: LuaLineStage.wanted(plugins) ? new LuaLineStage(plugins, capacity, log) : undefined,
    processors: plugins.filter((p) => p.hooks.has("on_alert")).map(luaAlertProcessor),
    close: () => {
      for (const p of plugins) p.close();
    },
  };
}
