/**
 * @fileoverview JsonRuleFile → IR rules. Values are typed by the same rules as Sigma
 * (common/value-to-ir.ts), with JSON's own defaults: strings compare exactly unless
 * `caseInsensitive`, `eq` values are literal (only `wildcard` reads `*` and `?`), and
 * `regex` is ECMAScript. `ne` on numbers is the IR's `ne`; on other types it is
 * "present and not equal", so, like every leaf, it is false on a missing field.
 * `category` is the schema's EQL event category predicate, AND'ed in front.
 */
import type { CmpOp, FieldRef, IrExpr, IrRule } from "../../ir/nodes.js";
import { isArrayType, isNumericType, isTextType } from "../../ir/types.js";
import { assertNever } from "../../util/assert-never.js";
import { categoryPredicate, resolveField } from "../common/fields.js";
import { readMore } from "../common/metadata.js";
import type { LowerContext } from "../frontend.js";
import { canonicalCidr } from "../common/cidr.js";
import { allOf, anyOf, not } from "../../ir/build.js";
import { defined } from "../common/defined.js";
import { valueToIr, type ValueEnv } from "../common/value-to-ir.js";
import { literal, normalizeParts, parseWildcard, type MatchValue, type StrPart } from "../common/values.js";
import type { JsonRule, JsonRuleFile, Predicate } from "./ast.js";
import type { JNode } from "./read.js";

type Leaf = Extract<Predicate, { kind: "leaf" }>;

function matchValue(n: JNode): MatchValue {
  switch (n.kind) {
    case "string":
      return literal(n.value, n.span);
    case "number":
      return { kind: "num", text: n.text, int: /^-?\d+$/.test(n.text) ? BigInt(n.text) : undefined, float: n.value, span: n.span };
    case "bool":
      return { kind: "bool", value: n.value, span: n.span };
    case "null":
      return { kind: "null", span: n.span };
    case "object":
    case "array":
      throw new Error("internal: schema-validated leaf value is not a scalar");
    default:
      return assertNever(n);
  }
}

class RuleLowering {
  private readonly rulePrefix: readonly string[];

  constructor(
    private readonly rule: JsonRule,
    private readonly ctx: LowerContext,
  ) {
    this.rulePrefix = [`rule '${rule.title}'`];
  }

  lower(): IrRule | undefined {
    const errors = this.ctx.bag.errorCount;
    const r = this.rule;
    const category = r.category === undefined ? undefined : categoryPredicate(r.category.name, r.category.span, this.ctx);
    const where = this.predicate(r.where);
    const groupBy = r.threshold?.by.map((b) => resolveField(b.name, b.span, this.ctx, [...this.rulePrefix, "threshold.by"]));
    if (where === undefined || (r.category !== undefined && category === undefined) || this.ctx.bag.errorCount > errors) return undefined;
    const predicate = category === undefined ? where : allOf([category, where]);
    const fields = groupBy?.filter((f): f is FieldRef => f !== undefined) ?? [];
    return {
      id: r.id,
      title: r.title,
      language: "json",
      source: { path: this.ctx.file.path, line: this.ctx.file.lineColAt(r.span.start).line },
      severity: r.severity,
      author: r.author,
      tags: r.tags,
      action: r.action,
      description: r.description,
      ...readMore(r),
      query:
        r.threshold === undefined
          ? { kind: "match", predicate }
          : { kind: "threshold", predicate, groupBy: fields, count: r.threshold.count, windowMs: r.threshold.windowMs },
    };
  }

  private predicate(p: Predicate): IrExpr | undefined {
    switch (p.kind) {
      case "all":
      case "any": {
        const terms = defined(p.terms.map((t) => this.predicate(t)));
        return terms === undefined ? undefined : p.kind === "all" ? allOf(terms) : anyOf(terms);
      }
      case "not": {
        const term = this.predicate(p.term);
        return term === undefined ? undefined : not(term);
      }
      case "leaf":
        return this.leaf(p);
      default:
        return assertNever(p);
    }
  }

  private leaf(p: Leaf): IrExpr | undefined {
    const env: ValueEnv = { bag: this.ctx.bag, context: [...this.rulePrefix, p.path] };
    const field = resolveField(p.field, p.fieldSpan, this.ctx, env.context);
    if (field === undefined) return undefined;
    const cased = !p.caseInsensitive;
    const value = p.value;
    const opError = (): undefined => {
      env.bag.error("K1206", p.opSpan, [p.op, field.type, field.path], env.context);
      return undefined;
    };
    if (p.op === "exists") return value?.kind === "bool" && !value.value ? not({ kind: "exists", field }) : { kind: "exists", field };
    if (value === undefined) throw new Error(`internal: schema-validated '${p.op}' leaf has no value`);
    switch (p.op) {
      case "eq":
        return valueToIr(field, matchValue(value), cased, env);
      case "ne":
        return this.notEqual(field, valueToIr(field, matchValue(value), cased, env));
      case "in": {
        const items = value.kind === "array" ? value.items : [value];
        const terms = defined(items.map((v) => valueToIr(field, matchValue(v), cased, env)));
        return terms === undefined ? undefined : anyOf(terms);
      }
      case "lt":
      case "le":
      case "gt":
      case "ge": {
        if (!isNumericType(field.type)) return opError();
        const n = matchValue(value);
        if (n.kind !== "num") throw new Error("internal: schema-validated comparison value is not a number");
        return valueToIr(field, { kind: "cmp", op: p.op, label: p.op, int: n.int, float: n.float, span: n.span }, cased, env);
      }
      case "startswith":
      case "endswith":
      case "contains":
      case "wildcard":
        return isTextType(field.type) ? valueToIr(field, this.pattern(p.op, value), cased, env) : opError();
      case "regex":
        return isTextType(field.type) ? this.regex(field, value, p.caseInsensitive, env) : opError();
      case "cidr":
        return isTextType(field.type) ? this.cidr(field, value, env) : opError();
      case "len_eq":
      case "len_ne":
      case "len_lt":
      case "len_le":
      case "len_gt":
      case "len_ge":
        if (!isTextType(field.type) && !isArrayType(field.type)) return opError();
        return value.kind === "number" ? { kind: "len", op: p.op.slice(4) as CmpOp, field, value: value.value } : undefined;
      default:
        return assertNever(p.op);
    }
  }

  private notEqual(field: FieldRef, eq: IrExpr | undefined): IrExpr | undefined {
    if (eq === undefined) return undefined;
    if ((eq.kind === "int" || eq.kind === "float") && eq.op === "eq") return { ...eq, op: "ne" };
    if (eq.kind === "not") return { kind: "exists", field };
    return allOf([{ kind: "exists", field }, not(eq)]);
  }

  private pattern(op: "startswith" | "endswith" | "contains" | "wildcard", value: JNode): MatchValue {
    const text = value.kind === "string" ? value.value : "";
    const any: StrPart = { kind: "any" };
    const lit = literal(text, value.span);
    const parts =
      op === "wildcard" ? parseWildcard(text) : op === "startswith" ? [...lit.parts, any] : op === "endswith" ? [any, ...lit.parts] : [any, ...lit.parts, any];
    return { ...lit, parts: normalizeParts(parts) };
  }

  private regex(field: FieldRef, value: JNode, caseInsensitive: boolean, env: ValueEnv): IrExpr | undefined {
    const pattern = value.kind === "string" ? value.value : "";
    try {
      new RegExp(pattern, caseInsensitive ? "i" : "");
    } catch (e) {
      const msg = (e as Error).message;
      env.bag.error("K1010", value.span, [pattern, msg.slice(msg.lastIndexOf(": ") + 2)], env.context);
      return undefined;
    }
    return { kind: "regex", field, pattern, caseInsensitive };
  }

  /** One network, or a list meaning any of them (as Sigma's `cidr` modifier takes a list). */
  private cidr(field: FieldRef, value: JNode, env: ValueEnv): IrExpr | undefined {
    if (value.kind === "array") {
      const terms = defined(value.items.map((v) => this.cidr(field, v, env)));
      return terms === undefined ? undefined : anyOf(terms);
    }
    const text = value.kind === "string" ? value.value : "";
    const cidr = canonicalCidr(text);
    if (cidr === undefined) env.bag.error("K1011", value.span, [text], env.context);
    return cidr === undefined ? undefined : { kind: "cidr", field, cidr };
  }
}

export function lowerJsonRules(file: JsonRuleFile, ctx: LowerContext): IrRule[] {
  const out: IrRule[] = [];
  const seen = new Map<string, number>();
  for (const rule of file.rules) {
    const line = ctx.file.lineColAt(rule.span.start).line;
    const first = seen.get(rule.id);
    if (first !== undefined) {
      ctx.bag.error("K1012", rule.idSpan, [rule.id, `${ctx.file.path}:${first}`]);
      continue;
    }
    seen.set(rule.id, line);
    const r = new RuleLowering(rule, ctx).lower();
    if (r !== undefined) out.push(r);
  }
  return out;
}
