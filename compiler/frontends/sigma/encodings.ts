/**
 * @fileoverview Byte-level encodings behind Sigma's `wide`/`utf16*`, `base64` and
 * `base64offset` modifiers. A "byte string" holds one byte per UTF-16 unit (0–255);
 * ordinary text is encoded as UTF-8 before base64.
 */
import { Buffer } from "node:buffer";

export function utf16le(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    out += String.fromCharCode(u & 0xff, u >> 8);
  }
  return out;
}

export function utf16be(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    out += String.fromCharCode(u >> 8, u & 0xff);
  }
  return out;
}

/** `utf16`: a little-endian byte order mark, then UTF-16LE. */
export function utf16bom(text: string): string {
  return "\xff\xfe" + utf16le(text);
}

function toBytes(s: string, binary: boolean): Buffer {
  return binary ? Buffer.from(s, "latin1") : Buffer.from(s, "utf8");
}

export function base64(s: string, binary: boolean): string {
  return toBytes(s, binary).toString("base64");
}

/**
 * The three base64 spellings of `s` at byte offsets 0, 1 and 2 of an enclosing
 * encoded string, trimmed to the characters that do not depend on the neighbours
 * (the same slicing pySigma uses).
 */
export function base64Offsets(s: string, binary: boolean): string[] {
  const bytes = toBytes(s, binary);
  const start = [0, 2, 3];
  const end = [undefined, -3, -2];
  const out: string[] = [];
  for (let i = 0; i < 3; i++) {
    const enc = Buffer.concat([Buffer.alloc(i, 0x20), bytes]).toString("base64");
    const e = end[(bytes.length + i) % 3];
    out.push(enc.slice(start[i] ?? 0, e));
  }
  return out;
}
