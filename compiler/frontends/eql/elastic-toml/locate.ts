/**
 * @fileoverview Where things sit in a TOML file's text: smol-toml gives values, not
 * positions, so this scanner walks the text (which smol-toml has already accepted, so
 * it is valid TOML) and records, by dotted key path, the span of every table header and
 * every value, and for a string value the span of its content between the delimiters.
 * Keys may be bare, quoted or dotted, under `[table]` headers or in inline tables;
 * array elements are keyed by index (`rule.tags.1`). Array-of-tables headers repeat a
 * path, and the first occurrence is kept.
 */
import type { SourceFile } from "../../../source/source-file.js";
import { span, type Span } from "../../../source/span.js";

export interface ValueSpan {
  /** The value as written, quotes and brackets included. */
  readonly span: Span;
  /** Strings only: after the opening delimiter (and the line break a multi-line string drops), before the closing one. */
  readonly content?: Span;
}

export interface TomlLocations {
  readonly tables: ReadonlyMap<string, Span>;
  readonly values: ReadonlyMap<string, ValueSpan>;
}

export function locateToml(file: SourceFile): TomlLocations {
  const scanner = new Scanner(file.text, file.path);
  scanner.document();
  return { tables: scanner.tables, values: scanner.values };
}

/** The span of a key's value, else its table header, else its parent's, else the file's first character. */
export function spanOf(locations: TomlLocations, path: string, file: string): Span {
  for (let p = path; p !== ""; p = p.slice(0, Math.max(0, p.lastIndexOf(".")))) {
    const found = locations.values.get(p)?.span ?? locations.tables.get(p);
    if (found !== undefined) return found;
  }
  return span(file, 0, 0);
}

class Scanner {
  readonly tables = new Map<string, Span>();
  readonly values = new Map<string, ValueSpan>();
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {}

  document(): void {
    let table: string[] = [];
    while (this.skipBlank(true) < this.text.length) {
      const before = this.pos;
      if (this.text[this.pos] === "[") table = this.header();
      else this.keyValue(table.join("."));
      // Valid TOML always moves on; this keeps a scanner bug from looping forever.
      if (this.pos <= before) this.pos = Math.min(this.eol(before) + 1, this.text.length);
    }
  }

  /** `[a.b]` or `[[a.b]]`; returns the key path. */
  private header(): string[] {
    const start = this.pos;
    const brackets = this.text.startsWith("[[", this.pos) ? 2 : 1;
    this.pos += brackets;
    const keys = this.key();
    this.skipBlank(false);
    this.pos += brackets;
    const path = keys.join(".");
    if (!this.tables.has(path)) this.tables.set(path, span(this.file, start, this.pos));
    return keys;
  }

  private keyValue(prefix: string): void {
    const keys = this.key().join(".");
    this.skipBlank(false);
    if (this.text[this.pos] === "=") this.pos++;
    this.skipBlank(false);
    this.value(prefix === "" ? keys : `${prefix}.${keys}`);
  }

  /** A dotted key's parts, quotes removed. */
  private key(): string[] {
    const parts: string[] = [];
    for (;;) {
      this.skipBlank(false);
      const c = this.text[this.pos];
      if (c === '"' || c === "'") {
        const content = this.string();
        const raw = this.text.slice(content.start, content.end);
        parts.push(c === "'" ? raw : unescapeKey(raw));
      } else {
        const bare = /[A-Za-z0-9_-]*/y;
        bare.lastIndex = this.pos;
        const m = bare.exec(this.text)?.[0] ?? "";
        parts.push(m);
        this.pos += m.length;
      }
      this.skipBlank(false);
      if (this.text[this.pos] !== ".") return parts;
      this.pos++;
    }
  }

  private value(path: string): void {
    const start = this.pos;
    const c = this.text[this.pos];
    let content: Span | undefined;
    if (c === '"' || c === "'") content = this.string();
    else if (c === "[") this.items("]", (i) => this.value(`${path}.${i}`));
    else if (c === "{") this.items("}", () => this.keyValue(path));
    else this.scalar(start);
    if (this.values.has(path)) return;
    const whole = span(this.file, start, this.pos);
    this.values.set(path, content === undefined ? { span: whole } : { span: whole, content });
  }

  /** An array's or inline table's comma-separated items, each read by `item`. */
  private items(close: string, item: (index: number) => void): void {
    this.pos++;
    let index = 0;
    while (this.skipBlank(true) < this.text.length) {
      const c = this.text[this.pos];
      if (c === close) {
        this.pos++;
        return;
      }
      const before = this.pos;
      if (c === ",") this.pos++;
      else item(index++);
      if (this.pos === before) this.pos++;
    }
  }

  /** Numbers, booleans, dates: up to a separator, a comment or the line's end. */
  private scalar(start: number): void {
    while (this.pos < this.text.length && !",]}#\r\n".includes(this.text.charAt(this.pos))) this.pos++;
    while (this.pos > start && " \t".includes(this.text.charAt(this.pos - 1))) this.pos--;
  }

  /** Any of the four string forms; returns the content's span and moves past the string. */
  private string(): Span {
    const quote = this.text.charAt(this.pos);
    const basic = quote === '"';
    if (this.text.startsWith(quote.repeat(3), this.pos)) {
      this.pos += 3;
      const start = this.pos + this.lineBreakAt(this.pos);
      let close = this.find(quote.repeat(3), this.pos, basic);
      // Up to two quotes may end the content right before the closing delimiter.
      let extra = 0;
      while (extra < 2 && this.text[close + 3 + extra] === quote) extra++;
      close += extra;
      this.pos = Math.min(close + 3, this.text.length);
      return span(this.file, start, close);
    }
    const start = this.pos + 1;
    const close = this.find(quote, start, basic);
    this.pos = Math.min(close + 1, this.text.length);
    return span(this.file, start, close);
  }

  /** The next `delimiter` at or after `from`, stepping over escapes in basic strings. */
  private find(delimiter: string, from: number, escapes: boolean): number {
    let i = from;
    while (i < this.text.length && !this.text.startsWith(delimiter, i)) i += escapes && this.text[i] === "\\" ? 2 : 1;
    return Math.min(i, this.text.length);
  }

  private lineBreakAt(at: number): number {
    if (this.text.startsWith("\r\n", at)) return 2;
    return this.text[at] === "\n" ? 1 : 0;
  }

  /** The offset of the line break ending the line at `at`, or the text's length. */
  private eol(at: number): number {
    const i = this.text.indexOf("\n", at);
    return i === -1 ? this.text.length : i;
  }

  /** Skips spaces, tabs and comments, and line breaks when `newlines`; returns the new position. */
  private skipBlank(newlines: boolean): number {
    for (;;) {
      const c = this.text[this.pos];
      if (c === " " || c === "\t" || (newlines && (c === "\n" || c === "\r"))) this.pos++;
      else if (c === "#") this.pos = this.eol(this.pos);
      else return this.pos;
    }
  }
}

/** A quoted key's text; TOML's escapes are JSON's plus \U and \e, which keys all but never use. */
function unescapeKey(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}
