/**
 * @fileoverview Why the scanner set a line aside, in words, for the warning and the
 * dead-letter record. The Wasm scanner only says where it stopped; this looks again at the
 * (rare) rejected line: invalid UTF-8, nesting past the scanner's depth limit (checked by a
 * bracket count first, so a 100,000-deep line never reaches JSON.parse), invalid JSON, or
 * JSON that is not an object.
 */
import { abi } from "../../compiler/package/abi.js";

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The deepest bracket nesting outside strings. */
function nesting(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) max = Math.max(max, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

export function setAsideReason(bytes: Uint8Array, offset: number): string {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return "invalid UTF-8";
  }
  if (nesting(text) > abi.MAX_DEPTH) return `nested deeper than ${abi.MAX_DEPTH}`;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    return `invalid JSON (${(e as Error).message})`;
  }
  if (v === null || typeof v !== "object") return `not a JSON object but ${v === null ? "null" : typeof v}`;
  if (Array.isArray(v)) return "not a JSON object but an array";
  return `rejected by the scanner at byte ${offset + 1}`;
}
