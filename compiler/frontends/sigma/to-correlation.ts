/**
 * @fileoverview Builds a SigmaCorrelation from a `correlation:` document's YAML: type,
 * referenced rules, group-by, timespan (`<n>s|m|h|d`), condition bounds and `field`,
 * aliases and `generate`. Shapes and values are checked here (K1301 missing, K1305
 * unsupported, K1307 invalid); fields when lowering, references when linking.
 */
import { boundOps, correlationTypes, valueCorrelationTypes, type BoundOp, type CorrelationBound, type CorrelationType } from "../../ir/nodes.js";
import type { Span } from "../../source/span.js";
import type { CorrelationAlias, Located, SigmaCorrelation, SigmaMeta } from "./ast.js";
import type { YEntry, YNode } from "./read.js";
import { first, valueSpan, type FieldReader } from "./to-ast.js";

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `5m` → 300000; undefined unless a positive whole number and a lowercase unit. */
export function timespanMs(text: string): number | undefined {
  const m = /^(\d+)([smhd])$/.exec(text);
  if (m === null) return undefined;
  const ms = Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
  return Number.isSafeInteger(ms) && ms > 0 ? ms : undefined;
}

class CorrelationBuilder {
  private readonly context: readonly string[];

  constructor(
    private readonly reader: FieldReader,
    private readonly entry: YEntry,
  ) {
    this.context = [...reader.context, "correlation"];
  }

  build(meta: SigmaMeta, generateEntry: YEntry | undefined): SigmaCorrelation | undefined {
    const body = this.entry.value;
    if (body.kind !== "map") return this.reader.invalid(valueSpan(this.entry), "correlation", "expected a mapping", this.reader.context);
    const get = (k: string): YEntry | undefined => body.entries.find((e) => e.key === k);
    const type = this.type(get("type"));
    const rules = this.locatedList(get("rules"), "rules", true);
    const groupBy = this.locatedList(get("group-by"), "group-by", false);
    const timespan = this.timespan(get("timespan"));
    const condition = this.condition(get("condition"), type?.value);
    const aliases = this.aliases(get("aliases"));
    const generate = this.generate(generateEntry);
    if (type === undefined || rules === undefined || groupBy === undefined || timespan === undefined || condition === undefined || aliases === undefined || generate === undefined) return undefined;
    return { kind: "correlation", ...meta, type, rules, groupBy, timespanMs: timespan, condition: condition.bounds, field: condition.field, aliases, generate, span: this.entry.keySpan };
  }

  /** K1301 under the `correlation` key. */
  private missing(name: string): undefined {
    this.reader.requiredString(undefined, `correlation.${name}`, this.entry.keySpan);
    return undefined;
  }

  private type(e: YEntry | undefined): Located<CorrelationType> | undefined {
    if (e === undefined) return this.missing("type");
    const t = this.reader.optionalString(e, "correlation.type");
    if (t === undefined) return undefined;
    const known = correlationTypes.find((c) => c === t.value);
    if (known === undefined) return this.reader.invalid(t.span, "correlation.type", `unknown type '${t.value}' (expected ${correlationTypes.join(", ")})`, this.context);
    return { value: known, span: t.span };
  }

  private locatedList(e: YEntry | undefined, name: string, required: boolean): Located<string>[] | undefined {
    if (e === undefined) return required ? this.missing(name) : [];
    const items = e.value.kind === "seq" ? e.value.items : [e.value];
    const out: Located<string>[] = [];
    for (const item of items) {
      if (item.kind !== "scalar" || item.value === null || typeof item.value === "boolean") return this.reader.invalid(first(item.span), `correlation.${name}`, "expected a list of strings", this.context);
      out.push({ value: String(item.value), span: item.span });
    }
    if (required && out.length === 0) return this.reader.invalid(valueSpan(e), `correlation.${name}`, "empty list", this.context);
    return out;
  }

  private timespan(e: YEntry | undefined): number | undefined {
    if (e === undefined) return this.missing("timespan");
    const text = e.value.kind === "scalar" ? String(e.value.value) : "";
    const ms = timespanMs(text);
    if (ms === undefined) return this.reader.invalid(valueSpan(e), "correlation.timespan", `'${text}' is not a positive whole number followed by s, m, h or d (e.g. 90m)`, this.context);
    return ms;
  }

  private condition(e: YEntry | undefined, type: CorrelationType | undefined): { bounds: CorrelationBound[]; field: Located<string> | undefined } | undefined {
    const wantsField = type !== undefined && valueCorrelationTypes.includes(type);
    if (e === undefined) {
      if (type === "temporal" || type === "temporal_ordered" || type === undefined) return { bounds: [], field: undefined };
      return this.missing("condition");
    }
    if (e.value.kind !== "map" || e.value.entries.length === 0) return this.reader.invalid(valueSpan(e), "correlation.condition", "expected a mapping of gt, gte, lt, lte, eq, neq (and field)", this.context);
    if (type === "temporal_ordered") return this.unsupported(e.keySpan, "a condition on a temporal_ordered correlation (it needs every rule, in order)");
    const bounds: CorrelationBound[] = [];
    let field: Located<string> | undefined;
    for (const b of e.value.entries) {
      if (b.key === "field") {
        if (b.value.kind === "seq") return this.unsupported(b.value.span, "several fields in a correlation condition");
        field = this.reader.optionalString(b, "correlation.condition.field");
        if (field === undefined) return undefined;
        continue;
      }
      const op = boundOps.find((o): o is BoundOp => o === b.key);
      if (op === undefined) return this.reader.invalid(b.keySpan, "correlation.condition", `unknown operator '${b.key}' (expected ${boundOps.join(", ")} or field)`, this.context);
      const v = b.value.kind === "scalar" ? b.value.value : undefined;
      if (typeof v !== "bigint" && typeof v !== "number") return this.reader.invalid(valueSpan(b), `correlation.condition.${op}`, "expected a number", this.context);
      bounds.push({ op, value: Number(v) });
    }
    if (wantsField && field === undefined) return this.missing("condition.field");
    if (!wantsField && field !== undefined) return this.reader.invalid(field.span, "correlation.condition.field", `a ${type ?? "?"} correlation aggregates no field`, this.context);
    return { bounds, field };
  }

  private aliases(e: YEntry | undefined): CorrelationAlias[] | undefined {
    if (e === undefined) return [];
    if (e.value.kind !== "map") return this.reader.invalid(valueSpan(e), "correlation.aliases", "expected a mapping of alias → (rule → field)", this.context);
    const out: CorrelationAlias[] = [];
    for (const a of e.value.entries) {
      if (a.value.kind !== "map") return this.reader.invalid(valueSpan(a), `correlation.aliases.${a.key}`, "expected a mapping of rule → field", this.context);
      const fields = [];
      for (const f of a.value.entries) {
        const field = this.reader.optionalString(f, `correlation.aliases.${a.key}.${f.key}`);
        if (field === undefined) return undefined;
        fields.push({ rule: { value: f.key, span: f.keySpan }, field });
      }
      out.push({ alias: { value: a.key, span: a.keySpan }, fields });
    }
    return out;
  }

  private generate(e: YEntry | undefined): boolean | undefined {
    if (e === undefined) return false;
    const v: YNode = e.value;
    if (v.kind !== "scalar" || typeof v.value !== "boolean") return this.reader.invalid(valueSpan(e), "generate", "expected true or false", this.reader.context);
    return v.value;
  }

  private unsupported(span: Span, what: string): undefined {
    this.reader.unsupported(span, what, this.context);
    return undefined;
  }
}

export function toCorrelation(entry: YEntry, meta: SigmaMeta, reader: FieldReader, generate: YEntry | undefined): SigmaCorrelation | undefined {
  return new CorrelationBuilder(reader, entry).build(meta, generate);
}
