/**
 * @fileoverview Decodes EQL string and quoted-name tokens into their values.
 * `"…"` and legacy `'…'` strings take the escapes \" \' \\ \n \r \t and \u{X…}
 * (1 to 8 hex digits, at most 10FFFF); anything else is K1006 at the escape.
 * `"""…"""` and endgame `?"…"` strings are raw: no escape processing.
 */
import type { IToken } from "chevrotain";
import type { DiagnosticBag } from "../../diagnostics/diagnostic.js";
import { span } from "../../source/span.js";
import { QuotedIdentifier, RawString, TripleQuotedString } from "./tokens.js";

const simpleEscapes: Readonly<Record<string, string>> = {
  '"': '"',
  "'": "'",
  "\\": "\\",
  n: "\n",
  r: "\r",
  t: "\t",
};

/** The value of a string token; bad escapes are reported and kept as written. */
export function decodeString(token: IToken, file: string, bag: DiagnosticBag): string {
  const image = token.image;
  if (token.tokenType === TripleQuotedString) return image.slice(3, -3);
  if (token.tokenType === RawString) return image.slice(2, -1);
  return unescape(image.slice(1, -1), token.startOffset + 1, file, bag);
}

/** The field name inside backticks; a doubled backtick stands for one. */
export function decodeQuotedName(token: IToken): string {
  if (token.tokenType !== QuotedIdentifier) return token.image;
  return token.image.slice(1, -1).replace(/``/g, "`");
}

function unescape(body: string, offset: number, file: string, bag: DiagnosticBag): string {
  let out = "";
  let i = 0;
  while (i < body.length) {
    const slash = body.indexOf("\\", i);
    if (slash === -1) return out + body.slice(i);
    out += body.slice(i, slash);
    const next = body.charAt(slash + 1);
    const simple = simpleEscapes[next];
    if (simple !== undefined) {
      out += simple;
      i = slash + 2;
      continue;
    }
    const unicode = next === "u" ? /^\\u\{([0-9A-Fa-f]{1,8})\}/.exec(body.slice(slash)) : null;
    const code = unicode === null ? NaN : parseInt(unicode[1] ?? "", 16);
    if (unicode !== null && code <= 0x10ffff) {
      out += String.fromCodePoint(code);
      i = slash + unicode[0].length;
      continue;
    }
    const bad = unicode?.[0] ?? /^\\u\{[^}]*\}?|^\\[\s\S]?/.exec(body.slice(slash))?.[0] ?? "\\";
    bag.error("K1006", span(file, offset + slash, offset + slash + bad.length), [bad]);
    out += bad;
    i = slash + bad.length;
  }
  return out;
}
