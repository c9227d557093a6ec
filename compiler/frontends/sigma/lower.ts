/**
 * @fileoverview SigmaRule AST → IR rule. Every search identifier is lowered (so one
 * build reports every bad field), the condition(s) are resolved against them, and
 * the log source's predicate is AND'ed in front. Field matches: a map ANDs its
 * fields, a list of maps ORs them, a field's values are OR'ed (AND with `|all`).
 * A rule with any error is left out; its diagnostics are in ctx.bag.
 */
import { allOf, anyOf, not } from "../../ir/build.js";
import { ruleActions, type FieldRef, type IrExpr, type IrRule, type RuleAction, type Severity } from "../../ir/nodes.js";
import type { IrScalar, IrValue } from "../../ir/value.js";
import { asciiLower } from "../../ir/validate.js";
import type { Span } from "../../source/span.js";
import { DiagnosticBag } from "../../diagnostics/diagnostic.js";
import { addedConditions, FieldNames } from "../../pipeline/names.js";
import { assertNever } from "../../util/assert-never.js";
import { defined } from "../common/defined.js";
import { clausesToIr, resolveField, resolveFields } from "../common/fields.js";
import { idFromPath, parseSeverity, readMore } from "../common/metadata.js";
import { valueToIr } from "../common/value-to-ir.js";
import { hasWildcards, normalizeParts, parseWildcard, plainText, wildcardText, type MatchValue, type StrPart } from "../common/values.js";
import type { LowerContext } from "../frontend.js";
import type { CondExpr, FieldMatch, Quantifier, SearchBody, SigmaFile, SigmaFilter, SigmaMeta, SigmaRule, SigmaValue } from "./ast.js";
import { lowerCorrelation } from "./lower-correlation.js";
import { logsourceAlternatives } from "./logsource.js";
import { applyModifiers, type DatePart, type ModEnv, type ModState } from "./modifiers.js";

/** A rule value before any modifier. Strings are parsed for Sigma wildcards. */
function fromSigmaValue(v: SigmaValue): MatchValue {
  switch (v.kind) {
    case "string":
      return { kind: "str", parts: parseWildcard(v.value), raw: v.value, cased: false, binary: false, span: v.span };
    case "int":
      return { kind: "num", text: v.text, int: v.value, float: Number(v.value), span: v.span };
    case "float":
      return { kind: "num", text: v.text, int: undefined, float: v.value, span: v.span };
    case "bool":
      return { kind: "bool", value: v.value, span: v.span };
    case "null":
      return { kind: "null", span: v.span };
  }
}

/**
 * A rule or filter document: its detection lowered once per event shape its log source
 * stands for (the schema's, and each pipeline variant with its own field names), each
 * AND'ed with that shape's predicate and the results OR'ed. Shapes whose lowered
 * detection is the same share one copy of it. Only the first lowering reports its
 * diagnostics in full; later ones add what is new (a renamed field the schema lacks),
 * unless the first already failed.
 */
function lowerDocument(doc: SigmaRule | SigmaFilter, id: string, ctx: LowerContext): IrRule | undefined {
  const ruleContext = [`${doc.kind} '${doc.title.value}'`];
  const errors = ctx.bag.errorCount;
  const alternatives = logsourceAlternatives(doc.logsource, ctx, ruleContext);
  const names = (ctx.names ?? new FieldNames(ctx.pipelines ?? [], { language: "sigma" })).forLogsource(doc.logsource);
  const shapes = alternatives ?? [{ predicate: { kind: "const", value: true } }];
  const lowered = new Map<string, { detection: IrExpr; sources: IrExpr[] }>();
  let failed = false;
  shapes.forEach((shape, i) => {
    const bag = i === 0 ? ctx.bag : new DiagnosticBag();
    const shapeNames = shape.variant === undefined ? names : names.withVariant(shape.variant.id, shape.variant.mapping);
    const detection = new DetectionLowering(doc, { ...ctx, bag, names: shapeNames }, ruleContext).lower();
    // A variant's own problems (a renamed field the schema lacks) count; the rule's, once.
    if (i > 0 && !failed) ctx.bag.adoptNew(bag);
    if (detection === undefined) {
      failed = true;
      return;
    }
    const key = JSON.stringify(detection);
    const entry = lowered.get(key);
    if (entry === undefined) lowered.set(key, { detection, sources: [shape.predicate] });
    else entry.sources.push(shape.predicate);
  });
  const meta = sigmaMeta(doc, id, ctx, ruleContext);
  if (alternatives === undefined || failed || ctx.bag.errorCount > errors) return undefined;
  const added = addedConditions(ctx.pipelines ?? [], { language: "sigma", logsource: doc.logsource }).map((c) => clausesToIr(c, ctx));
  const shaped = [...lowered.values()].map((l) => allOf([anyOf(l.sources), l.detection]));
  // With several shapes, every one's log source leads too, as one term: the rule index
  // (compiler/codegen/dispatch.ts) tests it once for all rules on this log source, so an
  // event of another log source skips them (each shape still checks its own source).
  const predicate = shaped.length === 1 ? anyOf(shaped) : allOf([anyOf([...lowered.values()].flatMap((l) => l.sources)), anyOf(shaped)]);
  return { ...meta, query: { kind: "match", predicate: allOf([...added, predicate]) } };
}

/** A document's search identifiers and condition(s), with one set of field names. */
class DetectionLowering {
  private readonly lowered = new Map<string, IrExpr | undefined>();

  constructor(
    private readonly rule: SigmaRule | SigmaFilter,
    private readonly ctx: LowerContext,
    private readonly ruleContext: readonly string[],
  ) {}

  /** The OR of the conditions, or undefined after reporting why (every identifier is lowered, so one build reports every bad field). */
  lower(): IrExpr | undefined {
    const errors = this.ctx.bag.errorCount;
    for (const id of this.rule.detection.identifiers) {
      this.lowered.set(id.name, this.body(id.body, [...this.ruleContext, `detection.${id.name}`]));
    }
    const conds = defined(this.rule.detection.conditions.map((c) => this.condition(c.expr)));
    if (conds === undefined || this.ctx.bag.errorCount > errors) return undefined;
    return anyOf(conds);
  }

  private condition(e: CondExpr): IrExpr | undefined {
    const context = [...this.ruleContext, "detection.condition"];
    switch (e.kind) {
      case "or":
      case "and": {
        const terms = defined(e.terms.map((t) => this.condition(t)));
        return terms === undefined ? undefined : e.kind === "and" ? allOf(terms) : anyOf(terms);
      }
      case "not": {
        const term = this.condition(e.term);
        return term === undefined ? undefined : not(term);
      }
      case "ref": {
        if (!this.lowered.has(e.name)) {
          this.ctx.bag.error("K1303", e.span, [e.name], context);
          return undefined;
        }
        return this.lowered.get(e.name);
      }
      case "ofThem": {
        if (![...this.lowered.keys()].some((n) => !n.startsWith("_"))) {
          this.ctx.bag.error("K1304", e.span, ["them"], context);
          return undefined;
        }
        return this.quantified(e.quantifier, (name) => !name.startsWith("_"));
      }
      case "ofPattern": {
        const re = new RegExp(`^${e.pattern.split("*").map(escapeRegex).join(".*")}$`);
        const names = [...this.lowered.keys()].filter((n) => re.test(n));
        if (names.length === 0) {
          this.ctx.bag.error("K1304", e.span, [e.pattern], context);
          return undefined;
        }
        return this.quantified(e.quantifier, (name) => re.test(name));
      }
      default:
        return assertNever(e);
    }
  }

  private quantified(q: Quantifier, select: (name: string) => boolean): IrExpr | undefined {
    const terms = defined([...this.lowered.entries()].filter(([n]) => select(n)).map(([, x]) => x));
    if (terms === undefined) return undefined;
    return q === "all" ? allOf(terms) : anyOf(terms);
  }

  private body(b: SearchBody, context: readonly string[]): IrExpr | undefined {
    switch (b.kind) {
      case "fields": {
        const terms = defined(b.matches.map((m) => this.fieldMatch(m, context)));
        return terms === undefined ? undefined : allOf(terms);
      }
      case "anyOf": {
        const terms = defined(b.bodies.map((x) => this.body(x, context)));
        return terms === undefined ? undefined : anyOf(terms);
      }
      case "keywords":
        return this.keywords(b, context);
      default:
        return assertNever(b);
    }
  }

  /**
   * Values without a field search the whole event: each is a case-insensitive substring
   * (or `*`/`?` pattern) of the event's raw JSON text, JSON-escaped to match it there.
   */
  private keywords(b: Extract<SearchBody, { kind: "keywords" }>, context: readonly string[]): IrExpr | undefined {
    const initial: ModState = { groups: b.values.map((v) => [fromSigmaValue(v)]), link: "or", cased: false, negate: false };
    const state = applyModifiers(initial, b.modifiers, this.modEnv(context, "keywords"));
    if (state === undefined) return undefined;
    const groups = defined(state.groups.map((g) => {
      const alts = defined(g.map((v) => keywordLeaf(v, state.cased, this.ctx, context)));
      return alts === undefined ? undefined : anyOf(alts);
    }));
    if (groups === undefined) return undefined;
    const e = state.link === "and" ? allOf(groups) : anyOf(groups);
    return state.negate ? not(e) : e;
  }

  private modEnv(context: readonly string[], field: string): ModEnv {
    return { bag: this.ctx.bag, context, field, placeholder: (name) => this.ctx.names?.placeholder(name) };
  }

  /**
   * One field's values. A name the pipelines map to several paths ("any of these paths")
   * matches when one of them does; a test for absence (null, `|exists: false`) needs all
   * of them absent.
   */
  private fieldMatch(m: FieldMatch, context: readonly string[]): IrExpr | undefined {
    const fields = resolveFields(m.field, m.fieldSpan, this.ctx, context);
    const initial: ModState = { groups: m.values.map((v) => [fromSigmaValue(v)]), link: "or", cased: false, negate: false };
    const state = applyModifiers(initial, m.modifiers, this.modEnv(context, m.field));
    if (fields === undefined || state === undefined) return undefined;
    // Sigma values are text: "DWORD (0x00000001)" on a field the schema types as a number still matches.
    const env = {
      bag: this.ctx.bag,
      context,
      textOnNumeric: true,
      resolveField: (name: string, span: Span) => resolveField(name, span, this.ctx, context),
    };
    const part = state.datePart;
    const leaf = (v: MatchValue): IrExpr | undefined => {
      const each = defined(fields.map((f) => (part === undefined ? valueToIr(f, v, state.cased, env) : datePartLeaf(f, part, v, this.ctx, context))));
      if (each === undefined) return undefined;
      return testsAbsence(v) ? allOf(each) : anyOf(each);
    };
    const groups = defined(
      state.groups.map((g) => {
        const alts = defined(g.map(leaf));
        return alts === undefined ? undefined : anyOf(alts);
      }),
    );
    if (groups === undefined) return undefined;
    const e = state.link === "and" ? allOf(groups) : anyOf(groups);
    return state.negate ? allOf([anyOf(fields.map((field): IrExpr => ({ kind: "exists", field }))), not(e)]) : e;
  }
}

/** `Field|hour: 9` (or `|hour|gte: 9`): the field's date part compared as a computed value. */
function datePartLeaf(field: FieldRef, part: DatePart, v: MatchValue, ctx: LowerContext, context: readonly string[]): IrExpr | undefined {
  if (v.kind !== "num" && v.kind !== "cmp") {
    ctx.bag.error("K1307", v.span, [`${field.path}|${part}`, "a time modifier compares with a number"], context);
    return undefined;
  }
  const scalar: IrScalar = v.int !== undefined ? { type: "int", value: String(v.int) } : { type: "float", value: v.float };
  const op = v.kind === "cmp" ? v.op : "eq";
  const datePartOf: IrValue = { kind: "call", fn: part, args: [{ kind: "field", field }], caseInsensitive: false };
  return { kind: "value", value: { kind: "call", fn: op, args: [datePartOf, { kind: "scalar", scalar }], caseInsensitive: false } };
}

/** Whether a value matches a missing field (so over several paths, all must be missing). */
function testsAbsence(v: MatchValue): boolean {
  return v.kind === "null" || (v.kind === "exists" && !v.value);
}

/** One keyword as a raw-text leaf; keywords can be strings or numbers, nothing else. */
function keywordLeaf(v: MatchValue, cased: boolean, ctx: LowerContext, context: readonly string[]): IrExpr | undefined {
  const parts: readonly StrPart[] | undefined = v.kind === "str" && !v.binary ? v.parts : v.kind === "num" ? [{ kind: "text", text: v.text }] : undefined;
  if (parts === undefined) {
    ctx.bag.error("K1305", v.span, ["a keyword search whose value is not a string"], context);
    return undefined;
  }
  const ci = !(cased || (v.kind === "str" && v.cased));
  const escaped = parts.map((p): StrPart => (p.kind === "text" ? { kind: "text", text: JSON.stringify(p.text).slice(1, -1) } : p));
  const fold = (s: string): string => (ci ? asciiLower(s) : s);
  const whole = normalizeParts([{ kind: "any" }, ...escaped, { kind: "any" }]);
  const middle = whole.slice(1, -1);
  if (hasWildcards(middle)) return { kind: "raw", op: "wildcard", value: fold(wildcardText(whole)), caseInsensitive: ci };
  return { kind: "raw", op: "contains", value: fold(plainText(middle)), caseInsensitive: ci };
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A document's IR metadata; an unknown level is `medium`, with warning K1307. */
function sigmaMeta(doc: SigmaMeta, id: string, ctx: LowerContext, context: readonly string[]): Omit<IrRule, "query"> {
  let severity: Severity = "medium";
  if (doc.level !== undefined) {
    const s = parseSeverity(doc.level.value);
    if (s === undefined) ctx.bag.warning("K1307", doc.level.span, ["level", `unknown level '${doc.level.value}', using 'medium'`], context);
    severity = s ?? "medium";
  }
  const source = { path: ctx.file.path, line: ctx.file.lineColAt(doc.title.span.start).line };
  return {
    id,
    title: doc.title.value,
    language: "sigma",
    source,
    severity,
    author: doc.author,
    tags: doc.tags,
    action: sigmaAction(doc, ctx, context),
    description: doc.description,
    ...readMore({ references: doc.references, falsePositives: doc.falsepositives }),
  };
}

/** `kestrel_action: alert|block`; anything else is error K1307. */
function sigmaAction(doc: SigmaMeta, ctx: LowerContext, context: readonly string[]): RuleAction {
  const text = doc.action?.value;
  if (text === undefined) return "alert";
  const action = ruleActions.find((a) => a === text.toLowerCase());
  if (action === undefined && doc.action !== undefined) ctx.bag.error("K1307", doc.action.span, ["kestrel_action", `unknown action '${text}' (expected ${ruleActions.join(", ")})`], context);
  return action ?? "alert";
}

/**
 * A document's rule id: its `id`, else its `name`, else the file name (with the
 * document's number after it in a file of several).
 */
function docId(doc: SigmaMeta, index: number, count: number, path: string): string {
  return doc.id?.value ?? doc.name?.value ?? (count === 1 ? idFromPath(path) : `${idFromPath(path)}-${index + 1}`);
}

/** Registers a rule's id and name for linking; a name taken in this file is K1309. */
function noteName(doc: SigmaMeta, id: string, ctx: LowerContext): void {
  ctx.link?.seen.add(id);
  if (doc.name === undefined) return;
  ctx.link?.seen.add(doc.name.value);
  const prior = ctx.link?.names.get(doc.name.value);
  if (prior !== undefined) ctx.bag.error("K1309", doc.name.span, [doc.name.value, prior.span.file]);
  else ctx.link?.names.set(doc.name.value, { id, span: doc.name.span });
}

/** The file's detection rules; its correlations, filters and names go to ctx.link for linking (dropped without one). */
export function lowerSigmaFile(file: SigmaFile, ctx: LowerContext): IrRule[] {
  const rules: IrRule[] = [];
  file.docs.forEach((doc, index) => {
    const id = docId(doc, index, file.docs.length, ctx.file.path);
    // A filter is no rule: nothing refers to it.
    if (doc.kind !== "filter") noteName(doc, id, ctx);
    switch (doc.kind) {
      case "rule": {
        const r = lowerDocument(doc, id, ctx);
        if (r !== undefined) rules.push(r);
        return;
      }
      case "filter": {
        const r = lowerDocument(doc, id, ctx);
        if (r?.query.kind === "match") ctx.link?.filters.push({ predicate: r.query.predicate, context: [`filter '${doc.title.value}'`, "filter.rules"], refs: doc.rules.map((x) => ({ ref: x.value, span: x.span })) });
        return;
      }
      case "correlation": {
        const draft = lowerCorrelation(doc, sigmaMeta(doc, id, ctx, [`correlation '${doc.title.value}'`]), ctx);
        if (draft !== undefined) ctx.link?.correlations.push(draft);
        return;
      }
      default:
        return assertNever(doc);
    }
  });
  return rules;
}
