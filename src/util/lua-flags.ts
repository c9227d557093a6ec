/**
 * @fileoverview The `kestrel run` flags of Lua plugins and inline mode, and the plugin
 * options they spell.
 */
import { Flags } from "@oclif/core";
import { DEFAULT_LIMITS, type LuaPluginOptions } from "../runtime/lua/index.js";

export const luaFlags = {
  plugin: Flags.string({
    summary: "A Lua plugin (.lua file) defining enrich, on_alert and/or detect; repeatable.",
    description: "See plugins/lua/README.md for the Lua API. Each plugin runs sandboxed (no io, os, require, load, debug), with an instruction budget and a memory cap per call.",
    multiple: true,
    multipleNonGreedy: true,
    helpValue: "FILE",
  }),
  "plugins-dir": Flags.string({ summary: "Also load every *.lua file in this folder as a plugin (default: none).", helpValue: "DIR" }),
  "plugin-max-faults": Flags.integer({ summary: "Disable a plugin after this many faults (errors, budget or memory overruns).", default: 3, min: 1 }),
  "plugin-budget": Flags.integer({ summary: "Lua VM instructions a plugin may run per call (per batch).", default: DEFAULT_LIMITS.instructions, min: 1000 }),
  "plugin-memory": Flags.integer({ summary: "MiB of memory a plugin may hold beyond the batch it is handed.", default: DEFAULT_LIMITS.memoryBytes >> 20, min: 1 }),
  inline: Flags.boolean({
    summary: "Inline mode: read events one at a time and write one verdict line per event to stdout before reading the next.",
    description:
      'Each verdict is {"seq": <line number>, "verdict": "allow"|"block", "rules": [ids of rules that alerted]}; block when an alert comes from a rule with action block. Alerts still go to the sinks given with --sink (none by default; stdout is taken by the verdicts). When an error touches an event (engine, plugin fault, malformed line) the verdict is allow (fail-open) or, with --fail-closed, block, and the line carries "error". Scanning runs in this thread (--workers does not apply).',
  }),
  "fail-closed": Flags.boolean({ summary: "With --inline: an event whose processing hit an error is blocked (default: allowed).", dependsOn: ["inline"] }),
};

export function luaPluginOptions(flags: { plugin?: string[] | undefined; "plugins-dir"?: string | undefined; "plugin-max-faults": number; "plugin-budget": number; "plugin-memory": number }): LuaPluginOptions {
  return {
    files: flags.plugin ?? [],
    ...(flags["plugins-dir"] === undefined ? {} : { dir: flags["plugins-dir"] }),
    maxFaults: flags["plugin-max-faults"],
    instructions: flags["plugin-budget"],
    memoryBytes: flags["plugin-memory"] << 20,
  };
}
