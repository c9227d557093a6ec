/**
 * @fileoverview A strict JSON (RFC 8259) reader that keeps spans: every value and every
 * object key knows where it is, numbers keep their spelling (so i64 values survive),
 * duplicate keys are errors, and nesting is capped (MAX_RULE_DEPTH). Syntax errors become one
 * located K1402 (K1007 for depth). Hand-written because JSON.parse gives no positions
 * and a YAML parser would accept more than JSON.
 */
import type { DiagnosticBag } from "../../diagnostics/diagnostic.js";
import type { SourceFile } from "../../source/source-file.js";
import type { Span } from "../../source/span.js";
import { MAX_RULE_DEPTH } from "../../util/limits.js";

export interface JMember {
  readonly key: string;
  readonly keySpan: Span;
  readonly value: JNode;
}

export type JNode =
  | { readonly kind: "object"; readonly members: readonly JMember[]; readonly span: Span }
  | { readonly kind: "array"; readonly items: readonly JNode[]; readonly span: Span }
  | { readonly kind: "string"; readonly value: string; readonly span: Span }
  | { readonly kind: "number"; readonly value: number; readonly text: string; readonly span: Span }
  | { readonly kind: "bool"; readonly value: boolean; readonly span: Span }
  | { readonly kind: "null"; readonly span: Span };

class JsonSyntaxError extends Error {
  constructor(
    readonly at: number,
    readonly width: number,
    message: string,
    readonly code: "K1402" | "K1007" = "K1402",
  ) {
    super(message);
  }
}

const escapes: Readonly<Record<string, string>> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

class Reader {
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {}

  document(): JNode {
    this.ws();
    const v = this.value(0);
    this.ws();
    if (this.pos < this.text.length) this.fail(`unexpected ${this.describe()} after the JSON value`);
    return v;
  }

  private span(start: number): Span {
    return { file: this.file, start, end: this.pos };
  }

  private fail(message: string, at = this.pos, width = 1): never {
    throw new JsonSyntaxError(at, width, message);
  }

  private describe(): string {
    return this.pos >= this.text.length ? "end of input" : JSON.stringify(this.text.charAt(this.pos));
  }

  private ws(): void {
    while (this.pos < this.text.length && " \t\r\n".includes(this.text.charAt(this.pos))) this.pos++;
  }

  private value(depth: number): JNode {
    const c = this.text.charAt(this.pos);
    if (c === "{" || c === "[") {
      if (depth >= MAX_RULE_DEPTH) throw new JsonSyntaxError(this.pos, 1, String(MAX_RULE_DEPTH), "K1007");
      return c === "{" ? this.object(depth + 1) : this.array(depth + 1);
    }
    if (c === '"') {
      const start = this.pos;
      return { kind: "string", value: this.string(), span: this.span(start) };
    }
    if (c === "-" || (c >= "0" && c <= "9")) return this.number();
    for (const [word, node] of [
      ["true", { kind: "bool", value: true }],
      ["false", { kind: "bool", value: false }],
      ["null", { kind: "null" }],
    ] as const) {
      if (this.text.startsWith(word, this.pos)) {
        const start = this.pos;
        this.pos += word.length;
        return { ...node, span: this.span(start) } as JNode;
      }
    }
    return this.fail(`expected a JSON value but found ${this.describe()}`);
  }

  private object(depth: number): JNode {
    const start = this.pos++;
    const members: JMember[] = [];
    const seen = new Set<string>();
    this.ws();
    if (this.text.charAt(this.pos) === "}") {
      this.pos++;
      return { kind: "object", members, span: this.span(start) };
    }
    for (;;) {
      this.ws();
      if (this.text.charAt(this.pos) !== '"') this.fail(`expected a property name in double quotes but found ${this.describe()}`);
      const keyStart = this.pos;
      const key = this.string();
      const keySpan = this.span(keyStart);
      if (seen.has(key)) this.fail(`duplicate key ${JSON.stringify(key)}`, keyStart, keySpan.end - keyStart);
      seen.add(key);
      this.ws();
      if (this.text.charAt(this.pos) !== ":") this.fail(`expected ':' after a property name but found ${this.describe()}`);
      this.pos++;
      this.ws();
      members.push({ key, keySpan, value: this.value(depth) });
      this.ws();
      const c = this.text.charAt(this.pos);
      if (c !== "," && c !== "}") this.fail(`expected ',' or '}' but found ${this.describe()}`);
      this.pos++;
      if (c === "}") return { kind: "object", members, span: this.span(start) };
    }
  }

  private array(depth: number): JNode {
    const start = this.pos++;
    const items: JNode[] = [];
    this.ws();
    if (this.text.charAt(this.pos) === "]") {
      this.pos++;
      return { kind: "array", items, span: this.span(start) };
    }
    for (;;) {
      this.ws();
      items.push(this.value(depth));
      this.ws();
      const c = this.text.charAt(this.pos);
      if (c !== "," && c !== "]") this.fail(`expected ',' or ']' but found ${this.describe()}`);
      this.pos++;
      if (c === "]") return { kind: "array", items, span: this.span(start) };
    }
  }

  private string(): string {
    const start = this.pos++;
    let out = "";
    for (;;) {
      if (this.pos >= this.text.length) this.fail("unterminated string", start);
      const c = this.text.charAt(this.pos);
      if (c === '"') {
        this.pos++;
        return out;
      }
      // A raw line break almost always means the closing quote is missing: point at the opening one.
      if (c === "\n" || c === "\r") this.fail("unterminated string (a line break inside a string is written \\n)", start);
      if (c < " ") this.fail("control character in string (escape it)");
      if (c !== "\\") {
        out += c;
        this.pos++;
        continue;
      }
      const e = this.text.charAt(this.pos + 1);
      const simple = escapes[e];
      if (simple !== undefined) {
        out += simple;
        this.pos += 2;
      } else if (e === "u" && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) {
        out += String.fromCharCode(parseInt(this.text.slice(this.pos + 2, this.pos + 6), 16));
        this.pos += 6;
      } else {
        this.fail(`invalid escape ${JSON.stringify(this.text.slice(this.pos, this.pos + 2))}`, this.pos, 2);
      }
    }
  }

  private number(): JNode {
    const start = this.pos;
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.pos));
    if (m === null) this.fail(`invalid number`);
    this.pos += m[0].length;
    return { kind: "number", value: Number(m[0]), text: m[0], span: this.span(start) };
  }
}

/** The file's JSON value, or undefined after one located K1402/K1007. */
export function readJson(file: SourceFile, bag: DiagnosticBag): JNode | undefined {
  try {
    return new Reader(file.text, file.path).document();
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    const span = { file: file.path, start: e.at, end: e.at + e.width };
    if (e.code === "K1007") bag.error("K1007", span, [e.message]);
    else bag.error("K1402", span, [e.message]);
    return undefined;
  }
}

/** The plain JavaScript value (what ajv validates). */
export function toPlain(n: JNode): unknown {
  switch (n.kind) {
    case "object":
      return Object.fromEntries(n.members.map((m) => [m.key, toPlain(m.value)]));
    case "array":
      return n.items.map(toPlain);
    case "string":
    case "number":
    case "bool":
      return n.value;
    case "null":
      return null;
  }
}

/** The node at a JSON Pointer (ajv's instancePath), or the deepest node on the way. */
export function nodeAt(root: JNode, pointer: string): JNode {
  let node = root;
  for (const raw of pointer.split("/").slice(1)) {
    const seg = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    const next = node.kind === "object" ? node.members.find((m) => m.key === seg)?.value : node.kind === "array" ? node.items[Number(seg)] : undefined;
    if (next === undefined) return node;
    node = next;
  }
  return node;
}

/** The key span of `key` in the object at `pointer`, if there is one. */
export function keySpanAt(root: JNode, pointer: string, key: string): Span | undefined {
  const obj = nodeAt(root, pointer);
  return obj.kind === "object" ? obj.members.find((m) => m.key === key)?.keySpan : undefined;
}
