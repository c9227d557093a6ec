/**
 * @fileoverview Builds the Sigma AST from the YAML documents: metadata, log source,
 * search identifiers (field keys split into field and modifiers) and parsed
 * conditions; correlation documents through to-correlation.ts. Structural problems
 * (missing title, wrong YAML shapes, collections, filters) are reported here; names and
 * types are checked when lowering, rule references when linking (link.ts).
 */
import type { DiagnosticBag } from "../../diagnostics/diagnostic.js";
import type { SourceFile } from "../../source/source-file.js";
import type { Span } from "../../source/span.js";
import type { Condition, Detection, FieldMatch, Located, Logsource, Modifier, SearchBody, SearchIdentifier, SigmaDoc, SigmaFile, SigmaMeta, SigmaValue } from "./ast.js";
import { toCorrelation } from "./to-correlation.js";
import { parseCondition } from "./condition-ast.js";
import { valueOffsets, type YEntry, type YNode } from "./read.js";

type YScalar = Extract<YNode, { kind: "scalar" }>;

/** Detection keys that are not search identifiers. */
const reservedDetectionKeys = new Set(["condition", "timeframe"]);

/** The YAML field readers a document builder shares with the correlation builder. */
export interface FieldReader {
  readonly context: readonly string[];
  requiredString(e: YEntry | undefined, name: string, rootSpan: Span): Located<string> | undefined;
  optionalString(e: YEntry | undefined, name: string): Located<string> | undefined;
  stringList(e: YEntry | undefined, name: string): string[];
  invalid(span: Span, what: string, why: string, context: readonly string[]): undefined;
  /** K1305: a construct Kestrel does not compile. */
  unsupported(span: Span, what: string, context: readonly string[]): void;
}

class Builder implements FieldReader {
  context: readonly string[] = [];

  constructor(
    private readonly file: SourceFile,
    private readonly bag: DiagnosticBag,
  ) {}

  doc(root: YNode): SigmaDoc | undefined {
    if (root.kind !== "map") {
      this.bag.error("K1003", first(root.span), ["a Sigma rule must be a YAML mapping"]);
      return undefined;
    }
    const get = (k: string): YEntry | undefined => root.entries.find((e) => e.key === k);
    const action = get("action");
    if (action !== undefined) {
      this.bag.error("K1305", action.keySpan, [`'action: ${scalarText(action.value)}' collections`]);
      return undefined;
    }
    const title = this.requiredString(get("title"), "title", root.span);
    if (title === undefined) return undefined;
    const correlation = get("correlation");
    const filter = get("filter");
    this.context = [`${correlation !== undefined ? "correlation" : filter !== undefined ? "filter" : "rule"} '${title.value}'`];
    const errors = this.bag.errorCount;
    const meta: SigmaMeta = {
      title,
      id: this.optionalString(get("id"), "id"),
      name: this.optionalString(get("name"), "name"),
      level: this.optionalString(get("level"), "level"),
      status: this.optionalString(get("status"), "status")?.value,
      description: this.optionalString(get("description"), "description")?.value ?? "",
      author: this.authors(get("author")),
      tags: this.stringList(get("tags"), "tags"),
      references: this.stringList(get("references"), "references"),
      falsepositives: this.stringList(get("falsepositives"), "falsepositives"),
      action: this.optionalString(get("kestrel_action"), "kestrel_action"),
    };
    if (correlation !== undefined) {
      const c = toCorrelation(correlation, meta, this, get("generate"));
      return c === undefined || this.bag.errorCount > errors ? undefined : c;
    }
    const logsource = this.logsource(get("logsource"), root.span);
    if (filter !== undefined) {
      const f = this.filter(filter, root.span);
      if (logsource === undefined || f === undefined || this.bag.errorCount > errors) return undefined;
      return { kind: "filter", ...meta, logsource, ...f };
    }
    const detection = this.detection(get("detection"), root.span);
    if (logsource === undefined || detection === undefined || this.bag.errorCount > errors) return undefined;
    return { kind: "rule", ...meta, logsource, detection };
  }

  /** A filter's `rules`, and the rest of its map as a detection (identifiers and condition). */
  private filter(e: YEntry, rootSpan: Span): { rules: Located<string>[]; detection: Detection } | undefined {
    if (e.value.kind !== "map") return this.invalid(valueSpan(e), "filter", "expected a mapping", this.context);
    const rulesEntry = e.value.entries.find((x) => x.key === "rules");
    const items = rulesEntry === undefined ? [] : rulesEntry.value.kind === "seq" ? rulesEntry.value.items : [rulesEntry.value];
    const rules: Located<string>[] = [];
    for (const item of items) {
      if (item.kind !== "scalar" || item.value === null || typeof item.value === "boolean") return this.invalid(first(item.span), "filter.rules", "expected a list of strings", this.context);
      rules.push({ value: String(item.value), span: item.span });
    }
    if (rules.length === 0) {
      this.bag.error("K1301", first(rulesEntry?.keySpan ?? e.keySpan), ["filter.rules"], this.context);
      return undefined;
    }
    const body: YEntry = { ...e, value: { ...e.value, entries: e.value.entries.filter((x) => x.key !== "rules") } };
    const detection = this.detection(body, rootSpan);
    return detection === undefined ? undefined : { rules, detection };
  }

  requiredString(e: YEntry | undefined, name: string, rootSpan: Span): Located<string> | undefined {
    if (e === undefined) {
      this.bag.error("K1301", first(rootSpan), [name], this.context);
      return undefined;
    }
    return this.optionalString(e, name);
  }

  optionalString(e: YEntry | undefined, name: string): Located<string> | undefined {
    if (e === undefined) return undefined;
    if (e.value.kind !== "scalar" || e.value.value === null || typeof e.value.value === "boolean") {
      this.bag.error("K1307", valueSpan(e), [name, "expected a string"], this.context);
      return undefined;
    }
    return { value: String(e.value.value), span: e.value.span };
  }

  /** Sigma's `author` is one string with names separated by commas, or a list. */
  private authors(e: YEntry | undefined): string[] {
    if (e === undefined) return [];
    if (e.value.kind === "seq") return this.stringList(e, "author");
    const s = this.optionalString(e, "author");
    return s === undefined ? [] : s.value.split(",").map((a) => a.trim()).filter((a) => a !== "");
  }

  stringList(e: YEntry | undefined, name: string): string[] {
    if (e === undefined) return [];
    const items = e.value.kind === "seq" ? e.value.items : [e.value];
    const out: string[] = [];
    for (const item of items) {
      if (item.kind !== "scalar" || item.value === null) this.bag.error("K1307", item.span, [name, "expected a list of strings"], this.context);
      else out.push(String(item.value));
    }
    return out;
  }

  private logsource(e: YEntry | undefined, rootSpan: Span): Logsource | undefined {
    if (e === undefined) {
      this.bag.error("K1301", first(rootSpan), ["logsource"], this.context);
      return undefined;
    }
    if (e.value.kind !== "map") {
      this.bag.error("K1307", valueSpan(e), ["logsource", "expected a mapping"], this.context);
      return undefined;
    }
    const m = e.value;
    const part = (k: string): string | undefined => {
      const v = m.entries.find((x) => x.key === k)?.value;
      return v?.kind === "scalar" && v.value !== null ? String(v.value) : undefined;
    };
    return { category: part("category"), product: part("product"), service: part("service"), span: e.keySpan };
  }

  private detection(e: YEntry | undefined, rootSpan: Span): { identifiers: SearchIdentifier[]; conditions: Condition[] } | undefined {
    if (e === undefined) {
      this.bag.error("K1301", first(rootSpan), ["detection"], this.context);
      return undefined;
    }
    if (e.value.kind !== "map") {
      this.bag.error("K1307", valueSpan(e), ["detection", "expected a mapping"], this.context);
      return undefined;
    }
    const identifiers: SearchIdentifier[] = [];
    for (const entry of e.value.entries) {
      if (reservedDetectionKeys.has(entry.key)) continue;
      const body = this.body(entry.value, [...this.context, `detection.${entry.key}`]);
      if (body !== undefined) identifiers.push({ name: entry.key, nameSpan: entry.keySpan, body });
    }
    const cond = e.value.entries.find((x) => x.key === "condition");
    if (cond === undefined) {
      this.bag.error("K1301", e.keySpan, ["detection.condition"], this.context);
      return undefined;
    }
    const conditions = this.conditions(cond);
    return conditions === undefined ? undefined : { identifiers, conditions };
  }

  private conditions(e: YEntry): Condition[] | undefined {
    const context = [...this.context, "detection.condition"];
    const items = e.value.kind === "seq" ? e.value.items : [e.value];
    const out: Condition[] = [];
    for (const item of items) {
      if (item.kind !== "scalar" || typeof item.value !== "string") {
        this.bag.error("K1307", first(item.span), ["detection.condition", "expected a string or a list of strings"], context);
        return undefined;
      }
      const expr = parseCondition({ text: item.value, file: this.file.path, offsets: valueOffsets(item), context }, this.bag);
      if (expr === undefined) return undefined;
      out.push({ expr, span: item.span });
    }
    if (out.length === 0) {
      this.bag.error("K1307", valueSpan(e), ["detection.condition", "empty list"], context);
      return undefined;
    }
    return out;
  }

  private body(node: YNode, context: readonly string[]): SearchBody | undefined {
    switch (node.kind) {
      case "map": {
        if (node.entries.length === 0) return this.invalid(node.span, "detection", "empty search identifier", context);
        const matches: FieldMatch[] = [];
        for (const entry of node.entries) {
          const m = this.fieldMatch(entry, context);
          if (m === undefined) return undefined;
          matches.push(m);
        }
        if (matches.some((m) => m.field === "")) {
          return { kind: "keywords", values: matches.flatMap((m) => m.values), modifiers: matches.flatMap((m) => m.modifiers), span: node.span };
        }
        return { kind: "fields", matches, span: node.span };
      }
      case "seq": {
        if (node.items.length === 0) return this.invalid(node.span, "detection", "empty search identifier", context);
        if (node.items.every((i) => i.kind === "scalar")) {
          return { kind: "keywords", values: node.items.map((i) => this.value(i as YScalar)), modifiers: [], span: node.span };
        }
        if (!node.items.every((i) => i.kind === "map")) {
          return this.invalid(node.span, "detection", "a list must hold only maps or only values", context);
        }
        const bodies: SearchBody[] = [];
        for (const item of node.items) {
          const b = this.body(item, context);
          if (b === undefined) return undefined;
          bodies.push(b);
        }
        return { kind: "anyOf", bodies, span: node.span };
      }
      case "scalar":
        return { kind: "keywords", values: [this.value(node)], modifiers: [], span: node.span };
    }
  }

  private fieldMatch(entry: YEntry, context: readonly string[]): FieldMatch | undefined {
    const quoted = /^['"]/.test(this.file.text.charAt(entry.keySpan.start)) ? 1 : 0;
    const base = entry.keySpan.start + quoted;
    const parts = entry.key.split("|");
    const field = parts[0] ?? "";
    const fieldSpan: Span = { file: this.file.path, start: base, end: base + Math.max(field.length, 1) };
    const modifiers: Modifier[] = [];
    let offset = field.length + 1;
    for (const name of parts.slice(1)) {
      modifiers.push({ name, span: { file: this.file.path, start: base + offset, end: base + offset + Math.max(name.length, 1) } });
      offset += name.length + 1;
    }
    const v = entry.value;
    if (v.kind === "map") return this.invalid(v.span, entry.key, "a field's value must be a value or a list of values", context);
    const items = v.kind === "seq" ? v.items : [v];
    const values: SigmaValue[] = [];
    for (const item of items) {
      if (item.kind !== "scalar") return this.invalid(item.span, entry.key, "nested lists and maps are not values", context);
      values.push(this.value(item));
    }
    if (values.length === 0) return this.invalid(v.span, entry.key, "empty list of values", context);
    return { field, fieldSpan, keySpan: entry.keySpan, modifiers, values, list: v.kind === "seq" };
  }

  private value(node: YScalar): SigmaValue {
    const span = node.span.end > node.span.start ? node.span : { ...node.span, end: node.span.start + 1 };
    const v = node.value;
    if (v === null) return { kind: "null", span };
    if (typeof v === "string") return { kind: "string", value: v, span };
    if (typeof v === "bigint") return { kind: "int", value: v, text: node.source, span };
    if (typeof v === "number") return { kind: "float", value: v, text: node.source, span };
    return { kind: "bool", value: v, span };
  }

  unsupported(span: Span, what: string, context: readonly string[]): void {
    this.bag.error("K1305", span, [what], context);
  }

  invalid(span: Span, what: string, why: string, context: readonly string[]): undefined {
    this.bag.error("K1307", first(span), [what, why], context);
    return undefined;
  }
}

/** A one-character span at the start of `s` (for carets under whole blocks). */
export function first(s: Span): Span {
  return { ...s, end: s.start + 1 };
}

export function valueSpan(e: YEntry): Span {
  return e.value.span.end > e.value.span.start ? e.value.span : e.keySpan;
}

function scalarText(n: YNode): string {
  return n.kind === "scalar" ? String(n.value) : n.kind;
}

/** The file's documents; undefined when any has an error (all are reported). */
export function toSigmaFile(roots: readonly YNode[], file: SourceFile, bag: DiagnosticBag): SigmaFile | undefined {
  const docs = roots.map((root) => new Builder(file, bag).doc(root));
  return docs.every((d): d is SigmaDoc => d !== undefined) ? { docs } : undefined;
}
