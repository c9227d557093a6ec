/**
 * @fileoverview The `on_alert` hook as a Processor: the plugin gets the alert batch as one
 * list of alert tables `{id, rule = {id, name, severity, tags, language, action}, origin =
 * {{file, line}...}, events = {...}}` and returns patches by position: `{drop = true}`
 * drops the alert, `severity = "critical"` and `tags = {...}` replace those. A faulty or
 * malformed answer leaves the batch as it came.
 */
import { severities, type Severity } from "../../../compiler/ir/nodes.js";
import type { Alert } from "../alert.js";
import type { Processor } from "../processors/processor.js";
import type { JsonValue } from "./marshal.js";
import { patchesOf, type Patch } from "./patches.js";
import type { LuaPlugin } from "./plugin.js";

export function luaAlertProcessor(plugin: LuaPlugin): Processor {
  return {
    name: `lua:${plugin.name}`,
    process: (batch) => {
      const out = plugin.invoke("on_alert", batch.map(alertView));
      if (out === undefined) return batch;
      const patches = patchesOf(out, batch.length);
      const bad = typeof patches === "string" ? patches : [...patches.values()].map(checkPatch).find((m) => m !== undefined);
      if (bad !== undefined || typeof patches === "string") {
        plugin.fault("on_alert", bad ?? "bad patches");
        return batch;
      }
      return batch.flatMap((a, i) => {
        const p = patches.get(i);
        return p === undefined ? [a] : p["drop"] === true ? [] : [edit(a, p)];
      });
    },
  };
}

function alertView(a: Alert): JsonValue {
  const r = a.rule;
  return {
    id: a.id,
    rule: { id: r.id, name: r.name, severity: r.severity, tags: [...r.tags], language: r.language, action: r.action },
    origin: a.evidence.map((e) => ({ file: e.origin.file, line: e.origin.line })),
    events: a.evidence.map((e) => parse(e.raw)),
    ...(a.entity === undefined ? {} : { entity: { ...a.entity } }),
  };
}

function parse(raw: string): JsonValue {
  try {
    return JSON.parse(raw) as JsonValue;
  } catch {
    return null;
  }
}

function checkPatch(p: Patch): string | undefined {
  const { severity, tags } = p;
  if (severity !== undefined && !severities.includes(severity as Severity)) return `unknown severity ${JSON.stringify(severity)}`;
  if (tags !== undefined && !(Array.isArray(tags) && tags.every((t) => typeof t === "string"))) return "tags must be a list of strings";
  return undefined;
}

function edit(a: Alert, p: Patch): Alert {
  const severity = (p["severity"] as Severity | undefined) ?? a.rule.severity;
  const tags = (p["tags"] as string[] | undefined) ?? a.rule.tags;
  return { ...a, rule: { ...a.rule, severity, tags } };
}
