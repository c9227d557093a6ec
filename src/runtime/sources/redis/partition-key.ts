/**
 * @fileoverview Which partition an event goes to: FNV-1a (32-bit) over the text of its
 * partition key values (the schema's entity key unless ingest is told otherwise), so
 * every event of one entity lands in one partition whatever process computes it. Key
 * fields are dotted paths, read as a flat key first ("host.name": …) and then as nested
 * objects; a missing value counts as empty. A line that is not a JSON object hashes as
 * its whole text, so ingest passes it on for the consumer to set aside.
 */

export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function valueAt(event: Record<string, unknown>, path: string): unknown {
  if (path in event) return event[path];
  let at: unknown = event;
  for (const part of path.split(".")) {
    if (typeof at !== "object" || at === null || Array.isArray(at)) return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

/** The key values' text, joined by NUL; undefined for a line that is not a JSON object. */
export function partitionKeyText(line: string, key: readonly string[]): string | undefined {
  let event: unknown;
  try {
    event = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof event !== "object" || event === null || Array.isArray(event)) return undefined;
  return key
    .map((path) => {
      const v = valueAt(event as Record<string, unknown>, path);
      return v === undefined || v === null ? "" : typeof v === "string" ? v : JSON.stringify(v);
    })
    .join("\0");
}

export function partitionOf(line: string, key: readonly string[], partitions: number): number {
  return fnv1a(partitionKeyText(line, key) ?? line) % partitions;
}
