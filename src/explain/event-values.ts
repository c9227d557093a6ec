/**
 * @fileoverview What an event holds at a field path, for display beside a leaf: nested
 * objects and dotted keys both, as the scanner reads them. Parsed with JSON.parse, so
 * integers past 2^53 show rounded; the verdicts never depend on this.
 */

/** The value at `path`, or undefined when the event lacks it. */
export function valueAt(event: unknown, path: string): unknown {
  if (typeof event !== "object" || event === null || Array.isArray(event)) return undefined;
  const obj = event as Record<string, unknown>;
  if (Object.hasOwn(obj, path)) return obj[path];
  for (let i = path.indexOf("."); i > 0; i = path.indexOf(".", i + 1)) {
    const head = path.slice(0, i);
    if (Object.hasOwn(obj, head)) {
      const found = valueAt(obj[head], path.slice(i + 1));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** A value as one short line: JSON text, cut at `max` characters. */
export function showValue(v: unknown, max = 80): string {
  if (v === undefined) return "(absent)";
  const text = JSON.stringify(v) ?? String(v);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** JSON text on one line: whitespace outside strings removed (no re-serialising, so numbers keep their spelling). */
export function compactJson(text: string): string {
  let out = "";
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? "";
    if (inString) {
      out += c;
      if (c === "\\") out += text[++i] ?? "";
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (!/\s/.test(c)) out += c;
  }
  return out;
}
