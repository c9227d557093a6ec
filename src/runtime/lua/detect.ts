/**
 * @fileoverview The `detect` hook: each detector gets the batch's (enriched) events as one
 * list and returns a list of detections `{event = i, name = "...", severity = "high",
 * title = "...", description = "...", tags = {...}, action = "alert"|"block"}`; each becomes a
 * typed Alert of rule `lua:<plugin>/<name>` with event i as its evidence. One malformed
 * detection makes the whole answer a fault: none of that call's alerts are kept.
 */
import { ruleActions, severities, type RuleAction, type Severity } from "../../../compiler/ir/nodes.js";
import { alertId, type Alert, type Evidence } from "../alert.js";
import { eventText, type BatchEvent } from "./events.js";
import type { JsonValue } from "./marshal.js";
import { isObject, type Patch } from "./patches.js";
import type { LuaPlugin } from "./plugin.js";

export function runDetectors(plugins: readonly LuaPlugin[], events: readonly BatchEvent[], source: string): Alert[] {
  const parsed = events.filter((e): e is BatchEvent & { value: Patch } => e.value !== undefined);
  if (parsed.length === 0) return [];
  const alerts: Alert[] = [];
  for (const plugin of plugins) {
    const out = plugin.invoke("detect", parsed.map((e): JsonValue => e.value));
    if (out === undefined || out === null || (isObject(out) && Object.keys(out).length === 0)) continue;
    const made = Array.isArray(out) ? out.map((d) => toAlert(plugin, d, parsed, source)) : ["expected a list of detections"];
    const bad = made.find((m): m is string => typeof m === "string");
    if (bad !== undefined) plugin.fault("detect", bad);
    else alerts.push(...(made as Alert[]));
  }
  return alerts;
}

function toAlert(plugin: LuaPlugin, d: JsonValue, events: readonly BatchEvent[], source: string): Alert | string {
  if (!isObject(d)) return "a detection is not a table";
  const { event, name, severity = "medium", title, description = "", tags = [], action = "alert" } = d;
  const e = typeof event === "number" ? events[event - 1] : undefined;
  if (e === undefined) return `detection event ${JSON.stringify(event)} is not a position 1..${events.length}`;
  if (typeof name !== "string" || !/^[\w.-]+$/.test(name)) return "a detection needs a name of letters, digits, _ . -";
  if (!severities.includes(severity as Severity)) return `unknown severity ${JSON.stringify(severity)}`;
  if (!ruleActions.includes(action as RuleAction)) return `unknown action ${JSON.stringify(action)}`;
  if (!Array.isArray(tags) || !tags.every((t) => typeof t === "string")) return "tags must be a list of strings";
  const id = `lua:${plugin.name}/${name}`;
  const evidence: Evidence[] = [{ raw: eventText(e), origin: { file: source, line: e.line } }];
  return {
    id: alertId(id, plugin.sha256, evidence),
    timeNs: undefined,
    rule: { id, name: typeof title === "string" ? title : name, severity: severity as Severity, author: [], tags: tags as string[], description: String(description), language: "lua", action: action as RuleAction },
    package: { name: `lua:${plugin.name}`, sha256: plugin.sha256 },
    evidence,
  };
}
