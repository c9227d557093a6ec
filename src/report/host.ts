/**
 * @fileoverview Which host an alert is about. Kestrel alerts carry the schema's entity key
 * values (`kestrel.entity`), and the evidence events themselves; host field names differ
 * by schema (Sysmon `Hostname`, Windows `Computer`, ECS `host.name`), so the first of a
 * known list that holds a non-empty string wins, the entity before the last evidence event.
 */

const HOST_FIELDS = ["host.name", "host.hostname", "Hostname", "hostname", "Computer", "ComputerName", "host"] as const;

function isRecord(v: unknown): v is Readonly<Record<string, unknown>> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A field by flat key ("host.name" as one key) or by dotted path (host → name). */
function field(obj: Readonly<Record<string, unknown>>, path: string): unknown {
  if (path in obj) return obj[path];
  let cur: unknown = obj;
  for (const part of path.split(".")) {
    if (!isRecord(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

function hostIn(obj: unknown): string | undefined {
  if (!isRecord(obj)) return undefined;
  for (const f of HOST_FIELDS) {
    const v = field(obj, f);
    if (typeof v === "string" && v !== "") return v;
  }
  return undefined;
}

export function hostOf(entity: unknown, evidence: readonly unknown[]): string | undefined {
  return hostIn(entity) ?? hostIn(evidence[evidence.length - 1]);
}

export { isRecord };
