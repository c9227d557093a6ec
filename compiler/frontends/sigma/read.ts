/**
 * @fileoverview Reads a Sigma YAML file into a plain-data tree with spans (YNode): maps
 * keep their key order and key spans, scalars keep their resolved value, their source
 * text and their quoting style. It is the only file that touches the `yaml` library's
 * node classes. YAML errors become located K1003 diagnostics. A file may hold several
 * documents (`---`): rules and the correlations over them.
 */
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, Scalar, type Node as YamlNode } from "yaml";
import type { DiagnosticBag } from "../../diagnostics/diagnostic.js";
import type { SourceFile } from "../../source/source-file.js";
import type { Span } from "../../source/span.js";
import { assertNever } from "../../util/assert-never.js";

export type ScalarStyle = "plain" | "single" | "double" | "block";

/** Integers stay exact as bigint; YAML floats are numbers. */
export type ScalarValue = string | bigint | number | boolean | null;

export interface YEntry {
  readonly key: string;
  readonly keySpan: Span;
  readonly value: YNode;
}

export type YNode =
  | { readonly kind: "map"; readonly entries: readonly YEntry[]; readonly span: Span }
  | { readonly kind: "seq"; readonly items: readonly YNode[]; readonly span: Span }
  | {
      readonly kind: "scalar";
      readonly value: ScalarValue;
      /** The scalar as written (with quotes), for numbers' original spelling and offsets. */
      readonly source: string;
      readonly style: ScalarStyle;
      readonly span: Span;
    };

/** The file's YAML documents (`---` separated) as YNodes, or undefined after reporting why not. */
export function readYaml(file: SourceFile, bag: DiagnosticBag): YNode[] | undefined {
  const docs = parseAllDocuments(file.text, { intAsBigInt: true, prettyErrors: false, uniqueKeys: true });
  const at = (start: number, end: number): Span => ({ file: file.path, start, end: Math.max(end, start + 1) });
  const list: readonly { errors: readonly { message: string; pos: [number, number] }[] }[] = docs;
  for (const doc of list) {
    const err = doc.errors[0];
    if (err !== undefined) {
      bag.error("K1003", at(err.pos[0], err.pos[1]), [err.message]);
      return undefined;
    }
  }
  const present = docs.filter((d) => d.contents !== null);
  if (present.length === 0) {
    bag.error("K1009", at(0, 1));
    return undefined;
  }
  const out: YNode[] = [];
  for (const doc of present) {
    const node = doc.contents === null ? undefined : convert(doc.contents, file, bag);
    if (node === undefined) return undefined;
    out.push(node);
  }
  return out;
}

function convert(node: YamlNode, file: SourceFile, bag: DiagnosticBag): YNode | undefined {
  const range = node.range ?? [0, 0, 0];
  const span: Span = { file: file.path, start: range[0], end: Math.max(range[1], range[0]) };
  if (isMap(node)) {
    const entries: YEntry[] = [];
    for (const pair of node.items) {
      const key = pair.key as YamlNode | null;
      if (!isScalar(key)) {
        const kr = key?.range ?? range;
        bag.error("K1003", { file: file.path, start: kr[0], end: Math.max(kr[1], kr[0] + 1) }, ["mapping keys must be plain scalars"]);
        return undefined;
      }
      const keySpan: Span = { file: file.path, start: key.range?.[0] ?? 0, end: key.range?.[1] ?? 0 };
      const rawValue = pair.value as YamlNode | null;
      const value =
        rawValue === null
          ? ({ kind: "scalar", value: null, source: "", style: "plain", span: { ...keySpan, start: keySpan.end } } as const)
          : convert(rawValue, file, bag);
      if (value === undefined) return undefined;
      entries.push({ key: String(key.value), keySpan, value });
    }
    return { kind: "map", entries, span };
  }
  if (isSeq(node)) {
    const items: YNode[] = [];
    for (const item of node.items) {
      const y = convert(item as YamlNode, file, bag);
      if (y === undefined) return undefined;
      items.push(y);
    }
    return { kind: "seq", items, span };
  }
  if (isScalar(node)) {
    return { kind: "scalar", value: scalarValue(node.value), source: file.text.slice(range[0], range[1]), style: styleOf(node), span };
  }
  if (isAlias(node)) {
    bag.error("K1305", { ...span, end: Math.max(span.end, span.start + 1) }, ["YAML aliases"]);
    return undefined;
  }
  bag.error("K1003", { ...span, end: span.start + 1 }, ["unsupported YAML node"]);
  return undefined;
}

function scalarValue(v: unknown): ScalarValue {
  if (v === null || typeof v === "string" || typeof v === "bigint" || typeof v === "number" || typeof v === "boolean") return v;
  return String(v);
}

function styleOf(node: Scalar): ScalarStyle {
  const t = node.type ?? "PLAIN";
  switch (t) {
    case "PLAIN":
      return "plain";
    case "QUOTE_SINGLE":
      return "single";
    case "QUOTE_DOUBLE":
      return "double";
    case "BLOCK_FOLDED":
    case "BLOCK_LITERAL":
      return "block";
    default:
      return assertNever(t);
  }
}

/**
 * File offsets of each character of a string scalar's value (plus one entry for its
 * end), so diagnostics can point inside it. Exact for plain and simply quoted
 * scalars; for escapes and folded lines each value character is aligned greedily
 * with the next equal source character, which is close enough for a caret.
 */
export function valueOffsets(node: Extract<YNode, { kind: "scalar" }>): number[] {
  const value = typeof node.value === "string" ? node.value : node.source;
  const src = node.source;
  const base = node.span.start;
  let p = node.style === "single" || node.style === "double" ? 1 : 0;
  if (node.style === "block") p = src.indexOf("\n") + 1;
  const out: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    let q = p;
    while (q < src.length && src[q] !== c) q++;
    if (q < src.length) {
      out.push(base + q);
      p = q + 1;
    } else {
      out.push(base + p);
    }
  }
  out.push(base + p);
  return out;
}
