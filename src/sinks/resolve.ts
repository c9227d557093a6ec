/**
 * @fileoverview From `--sink`/`--sink-opt` to one open sink. Each requested name goes out
 * through oclif's custom hook `kestrel:sink`, which asks every plugin (the core package
 * first, then core, user and linked plugins in oclif's load order); the first one to
 * answer with a Sink wins and any later answers are closed unused. A name nobody answers
 * is an error listing the sinks plugins declare (`"kestrel": {"sinks": [...]}` in their
 * package.json). Several sinks become one fan-out sink.
 */
import { Errors, type Config } from "@oclif/core";
import { alertToJson } from "../runtime/alert.js";
import { FanoutSink } from "./fanout.js";
import { sinkSpecs, type ParsingToken, type SinkSpec } from "./flags.js";
import type { Sink } from "./sink.js";

/** Opens every sink the command line asks for; `note` receives warnings and after-close reports. */
export async function openSinks(config: Config, raw: readonly ParsingToken[], note: (message: string) => void): Promise<FanoutSink> {
  const opened: Sink[] = [];
  try {
    for (const spec of sinkSpecs(raw)) opened.push(await openSink(config, spec, note));
  } catch (e) {
    await Promise.allSettled(opened.map((s) => s.close()));
    throw e;
  }
  return new FanoutSink(opened, note);
}

async function openSink(config: Config, spec: SinkSpec, note: (message: string) => void): Promise<Sink> {
  const result = await config.runHook("kestrel:sink", { name: spec.name, options: spec.options, format: alertToJson });
  const order = [...config.plugins.keys()];
  const answers = result.successes
    .flatMap((s) => (s.result === undefined ? [] : [{ plugin: s.plugin.name, sink: s.result }]))
    .sort((a, b) => order.indexOf(a.plugin) - order.indexOf(b.plugin));
  const [first, ...extra] = answers;
  for (const e of extra) {
    note(`kestrel: sink ${spec.name}: ${e.plugin} also answers; ${first?.plugin ?? ""} is used`);
    await e.sink.close();
  }
  const failures = result.failures.map((f) => `${f.error.message} (plugin ${f.plugin.name})`);
  if (first !== undefined) {
    for (const f of failures) note(`kestrel: sink ${spec.name}: ${f}`);
    return first.sink;
  }
  if (failures.length > 0) throw new Errors.CLIError(failures.join("\n"), { exit: 2 });
  throw new Errors.CLIError(`unknown sink '${spec.name}'; known sinks: ${knownSinks(config).join(", ")}`, {
    exit: 2,
    suggestions: ["A plugin adds a sink: kestrel plugins install <package>, or kestrel plugins link <folder>"],
  });
}

/** "name (plugin)" for every sink a plugin with a kestrel:sink hook declares. */
function knownSinks(config: Config): string[] {
  return config.getPluginsList().flatMap((p) => {
    if ((p.hooks["kestrel:sink"] ?? []).length === 0) return [];
    const declared: unknown = (p.pjson["kestrel"] as { sinks?: unknown } | undefined)?.sinks;
    const names = Array.isArray(declared) ? declared.filter((n): n is string => typeof n === "string") : [];
    return names.length > 0 ? names.map((n) => `${n} (${p.name})`) : [`(undeclared names from ${p.name})`];
  });
}
