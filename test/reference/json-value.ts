/**
 * @fileoverview An exact JSON parser for event lines. Unlike JSON.parse it keeps each
 * number's raw text and i64 value (timestamps exceed 2^53) and the key order with
 * duplicates, which is what the Wasm scanner sees. Part of the test oracle (the event
 * model and the reference evaluator read events through it) and of the conformance
 * jobs' event files; deliberately independent of every reader under src/ and compiler/.
 */
import { abi } from "../../compiler/package/abi.js";

export type JsonValue =
  | { readonly t: "str"; readonly v: string }
  | { readonly t: "num"; readonly raw: string; readonly f: number; readonly int: bigint | undefined }
  | { readonly t: "bool"; readonly v: boolean }
  | { readonly t: "null" }
  | { readonly t: "arr"; readonly items: readonly JsonValue[] }
  | { readonly t: "obj"; readonly entries: readonly (readonly [string, JsonValue])[] };

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at offset ${offset}`);
  }
}

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;
const numberRe = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** The number grammar of JSON, whole-string; shared with numeric coercion of strings. */
export function parseJsonNumber(raw: string): { f: number; int: bigint | undefined } | undefined {
  numberRe.lastIndex = 0;
  const m = numberRe.exec(raw);
  if (m === null || m[0].length !== raw.length) return undefined;
  let int: bigint | undefined;
  if (/^-?\d+$/.test(raw)) {
    const b = BigInt(raw);
    if (b >= I64_MIN && b <= I64_MAX) int = b;
  }
  return { f: Number(raw), int };
}

class Parser {
  private pos = 0;

  constructor(private readonly s: string) {}

  parseDocument(): JsonValue {
    const v = this.value(0);
    this.ws();
    if (this.pos < this.s.length) this.fail("unexpected trailing characters");
    return v;
  }

  private fail(msg: string): never {
    throw new JsonSyntaxError(msg, this.pos);
  }

  private ws(): void {
    const s = this.s;
    while (this.pos < s.length) {
      const c = s.charCodeAt(this.pos);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
      this.pos++;
    }
  }

  /** `depth`: the containers around this value (0 for the document itself). */
  private value(depth: number): JsonValue {
    this.ws();
    const c = this.s[this.pos];
    switch (c) {
      case "{":
        return this.object(depth);
      case "[":
        return this.array(depth);
      case '"':
        return { t: "str", v: this.string() };
      case "t":
        return this.literal("true", { t: "bool", v: true });
      case "f":
        return this.literal("false", { t: "bool", v: false });
      case "n":
        return this.literal("null", { t: "null" });
      default:
        return this.number();
    }
  }

  private literal(word: string, v: JsonValue): JsonValue {
    if (!this.s.startsWith(word, this.pos)) this.fail("invalid literal");
    this.pos += word.length;
    return v;
  }

  private number(): JsonValue {
    numberRe.lastIndex = this.pos;
    const m = numberRe.exec(this.s);
    if (m === null) this.fail("unexpected character");
    this.pos += m[0].length;
    const parsed = parseJsonNumber(m[0]);
    if (parsed === undefined) this.fail("invalid number");
    return { t: "num", raw: m[0], f: parsed.f, int: parsed.int };
  }

  private string(): string {
    const s = this.s;
    const start = ++this.pos;
    // Fast path: no escapes.
    let i = start;
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c === 0x22) {
        this.pos = i + 1;
        return s.slice(start, i);
      }
      if (c === 0x5c || c < 0x20) break;
      i++;
    }
    let out = s.slice(start, i);
    this.pos = i;
    for (;;) {
      if (this.pos >= s.length) this.fail("unterminated string");
      const c = s.charCodeAt(this.pos);
      if (c === 0x22) {
        this.pos++;
        return out;
      }
      if (c < 0x20) this.fail("control character in string");
      if (c !== 0x5c) {
        out += s[this.pos++];
        continue;
      }
      const e = s[this.pos + 1];
      this.pos += 2;
      switch (e) {
        case '"': out += '"'; break;
        case "\\": out += "\\"; break;
        case "/": out += "/"; break;
        case "b": out += "\b"; break;
        case "f": out += "\f"; break;
        case "n": out += "\n"; break;
        case "r": out += "\r"; break;
        case "t": out += "\t"; break;
        case "u": {
          const hex = s.slice(this.pos, this.pos + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail("invalid \\u escape");
          out += String.fromCharCode(parseInt(hex, 16));
          this.pos += 4;
          break;
        }
        default:
          this.pos -= 2;
          this.fail("invalid escape");
      }
    }
  }

  private enter(depth: number): void {
    if (depth >= abi.MAX_DEPTH) this.fail(`nested deeper than ${abi.MAX_DEPTH}`);
    this.pos++;
  }

  private array(depth: number): JsonValue {
    this.enter(depth);
    const items: JsonValue[] = [];
    this.ws();
    if (this.s[this.pos] === "]") {
      this.pos++;
      return { t: "arr", items };
    }
    for (;;) {
      items.push(this.value(depth + 1));
      this.ws();
      const c = this.s[this.pos++];
      if (c === "]") return { t: "arr", items };
      if (c !== ",") {
        this.pos--;
        this.fail("expected ',' or ']'");
      }
    }
  }

  private object(depth: number): JsonValue {
    this.enter(depth);
    const entries: [string, JsonValue][] = [];
    this.ws();
    if (this.s[this.pos] === "}") {
      this.pos++;
      return { t: "obj", entries };
    }
    for (;;) {
      this.ws();
      if (this.s[this.pos] !== '"') this.fail("expected a key");
      const key = this.string();
      this.ws();
      if (this.s[this.pos] !== ":") this.fail("expected ':'");
      this.pos++;
      entries.push([key, this.value(depth + 1)]);
      this.ws();
      const c = this.s[this.pos++];
      if (c === "}") return { t: "obj", entries };
      if (c !== ",") {
        this.pos--;
        this.fail("expected ',' or '}'");
      }
    }
  }
}

export function parseJson(text: string): JsonValue {
  return new Parser(text).parseDocument();
}

/** Plain JS value for output (numbers beyond 2^53 stay exact as BigInt). */
export function toPlain(v: JsonValue): unknown {
  switch (v.t) {
    case "str":
    case "bool":
      return v.v;
    case "null":
      return null;
    case "num":
      return v.int !== undefined && !Number.isSafeInteger(v.f) ? v.int : v.f;
    case "arr":
      return v.items.map(toPlain);
    case "obj":
      return Object.fromEntries(v.entries.map(([k, x]) => [k, toPlain(x)]));
  }
}
