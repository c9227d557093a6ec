/**
 * @fileoverview The Sigma value modifier registry: one small function per modifier,
 * applied left to right to a field's values (as the spec orders them). Values live in
 * groups: a group's alternatives come from one written value (e.g. windash or
 * base64offset variants) and are OR'ed; `all` ANDs the groups instead of OR-ing them.
 * Modifiers Kestrel knows but cannot compile report K1305;
 * anything else is K1302.
 */
import type { DiagnosticBag } from "../../diagnostics/diagnostic.js";
import type { Modifier } from "./ast.js";
import { canonicalCidr } from "../common/cidr.js";
import { base64, base64Offsets, utf16be, utf16bom, utf16le } from "./encodings.js";
import { hasWildcards, normalizeParts, plainText, type CmpModifierOp, type MatchValue, type StrPart, type StrValue } from "../common/values.js";

export type DatePart = "minute" | "hour" | "day" | "week" | "month" | "year";

export interface ModState {
  /** Each group: alternatives OR'ed. Groups are linked by `link`. */
  readonly groups: readonly (readonly MatchValue[])[];
  readonly link: "or" | "and";
  readonly cased: boolean;
  readonly negate: boolean;
  /** Set by a time modifier: the values compare with this part of the field's date, not the field. */
  readonly datePart?: DatePart;
}

export interface ModEnv {
  readonly bag: DiagnosticBag;
  readonly context: readonly string[];
  /** The Sigma field name, for messages. */
  readonly field: string;
  /** A placeholder's values from the processing pipelines (`expand`); undefined when none defines it. */
  readonly placeholder?: (name: string) => readonly string[] | undefined;
}

export type ModifierFn = (state: ModState, mod: Modifier, env: ModEnv) => ModState | undefined;

/** Applies `fn` to every value; a value may expand into alternatives. undefined on error. */
function eachValue(state: ModState, fn: (v: MatchValue) => MatchValue | readonly MatchValue[] | undefined): ModState | undefined {
  const groups: MatchValue[][] = [];
  for (const g of state.groups) {
    const out: MatchValue[] = [];
    for (const v of g) {
      const r = fn(v);
      if (r === undefined) return undefined;
      if (Array.isArray(r)) out.push(...(r as readonly MatchValue[]));
      else out.push(r as MatchValue);
    }
    groups.push(out);
  }
  return { ...state, groups };
}

function invalid(env: ModEnv, mod: Modifier, why: string): undefined {
  env.bag.error("K1307", mod.span, [`${env.field}|${mod.name}`, why], env.context);
  return undefined;
}

/** String modifiers accept numbers too, as their spelled text. */
function asString(v: MatchValue): StrValue | undefined {
  if (v.kind === "str") return v;
  if (v.kind === "num") return { kind: "str", parts: [{ kind: "text", text: v.text }], raw: v.text, cased: false, binary: false, span: v.span };
  return undefined;
}

function stringModifier(transform: (v: StrValue, mod: Modifier, env: ModEnv) => MatchValue | readonly MatchValue[] | undefined): ModifierFn {
  return (state, mod, env) =>
    eachValue(state, (v) => {
      const s = asString(v);
      return s === undefined ? invalid(env, mod, `'${mod.name}' applies to strings, not ${v.kind} values`) : transform(s, mod, env);
    });
}

function withParts(v: StrValue, parts: readonly StrPart[]): StrValue {
  return { ...v, parts: normalizeParts(parts), raw: undefined };
}

const any: StrPart = { kind: "any" };

const contains = stringModifier((v) => withParts(v, [any, ...v.parts, any]));
const startswith = stringModifier((v) => withParts(v, [...v.parts, any]));
const endswith = stringModifier((v) => withParts(v, [any, ...v.parts]));

const dashes = ["-", "/", "\u2013", "\u2014", "\u2015"];
/** A dash or slash that starts a command-line flag: not after a word character, before one. */
const flagDash = /(?<![\w])[-/\u2013\u2014\u2015](?=\w)/g;
const MAX_WINDASH = 1024;

const windash = stringModifier((v, mod, env) => {
  let variants: StrPart[][] = [[]];
  for (const p of v.parts) {
    if (p.kind !== "text") {
      variants = variants.map((x) => [...x, p]);
      continue;
    }
    const pieces = p.text.split(flagDash);
    let texts = [pieces[0] ?? ""];
    for (const piece of pieces.slice(1)) texts = texts.flatMap((t) => dashes.map((d) => t + d + piece));
    variants = variants.flatMap((x) => texts.map((t) => [...x, { kind: "text", text: t } as const]));
    if (variants.length > MAX_WINDASH) return invalid(env, mod, `more than ${MAX_WINDASH} variants`);
  }
  return variants.map((parts) => withParts(v, parts));
});

function encoding(encode: (text: string) => string): ModifierFn {
  return stringModifier((v, mod, env) => {
    if (hasWildcards(v.parts)) return invalid(env, mod, "wildcards cannot be encoded");
    return { ...withParts(v, [{ kind: "text", text: encode(plainText(v.parts)) }]), binary: true };
  });
}

const b64 = stringModifier((v, mod, env) => {
  if (hasWildcards(v.parts)) return invalid(env, mod, "wildcards cannot be encoded");
  return { ...withParts(v, [{ kind: "text", text: base64(plainText(v.parts), v.binary) }]), binary: false, cased: true };
});

const b64offset = stringModifier((v, mod, env) => {
  if (hasWildcards(v.parts)) return invalid(env, mod, "wildcards cannot be encoded");
  return base64Offsets(plainText(v.parts), v.binary).map(
    (text): MatchValue => ({ ...withParts(v, [{ kind: "text", text }]), binary: false, cased: true }),
  );
});

const re: ModifierFn = (state, mod, env) =>
  eachValue(state, (v) => {
    if (v.kind !== "str" || v.raw === undefined) return invalid(env, mod, "'re' needs an untransformed string value");
    return { kind: "regex", pattern: v.raw, flags: { i: false, m: false, s: false }, span: v.span };
  });

function regexFlag(flag: "i" | "m" | "s"): ModifierFn {
  return (state, mod, env) =>
    eachValue(state, (v) => (v.kind === "regex" ? { ...v, flags: { ...v.flags, [flag]: true } } : invalid(env, mod, `'${flag}' must follow 're'`)));
}

const cidr: ModifierFn = (state, mod, env) =>
  eachValue(state, (v) => {
    const text = v.kind === "str" && !hasWildcards(v.parts) ? plainText(v.parts) : undefined;
    if (text === undefined) return invalid(env, mod, "'cidr' needs a network like 10.0.0.0/8");
    const canonical = canonicalCidr(text);
    if (canonical === undefined) env.bag.error("K1011", v.span, [text], env.context);
    return canonical === undefined ? undefined : { kind: "cidr", cidr: canonical, span: v.span };
  });

const exists: ModifierFn = (state, mod, env) =>
  eachValue(state, (v) => (v.kind === "bool" ? { kind: "exists", value: v.value, span: v.span } : invalid(env, mod, "'exists' takes true or false")));

function compare(op: CmpModifierOp): ModifierFn {
  return (state, mod, env) =>
    eachValue(state, (v) => (v.kind === "num" ? { kind: "cmp", op, label: mod.name, int: v.int, float: v.float, span: v.span } : invalid(env, mod, `'${mod.name}' takes a number`)));
}

const all: ModifierFn = (state) => ({ ...state, link: "and" });
const cased: ModifierFn = (state) => ({ ...state, cased: true });
const neq: ModifierFn = (state) => ({ ...state, negate: true });

function unsupported(what: string): ModifierFn {
  return (_state, mod, env) => {
    env.bag.error("K1305", mod.span, [what], env.context);
    return undefined;
  };
}

const fieldref: ModifierFn = (state, mod, env) =>
  eachValue(state, (v) =>
    v.kind === "str" && !hasWildcards(v.parts) ? { kind: "fieldref", field: plainText(v.parts), span: v.span } : invalid(env, mod, "'fieldref' takes a field name"),
  );

/**
 * `expand`: each `%name%` in a value stands for every value the pipelines give that
 * placeholder (value_placeholders), so one value becomes alternatives (every combination
 * when it holds several placeholders). A placeholder no pipeline defines is K1314.
 */
const expand: ModifierFn = stringModifier((v, mod, env) => {
  let alternatives: StrPart[][] = [[]];
  for (const part of v.parts) {
    if (part.kind !== "text") {
      for (const a of alternatives) a.push(part);
      continue;
    }
    for (const [i, piece] of part.text.split(/%([A-Za-z0-9_.-]+)%/).entries()) {
      if (i % 2 === 0) {
        for (const a of alternatives) a.push({ kind: "text", text: piece });
        continue;
      }
      const values = env.placeholder?.(piece);
      if (values === undefined) {
        env.bag.error("K1314", mod.span, [piece], env.context);
        return undefined;
      }
      alternatives = alternatives.flatMap((a) => values.map((x) => [...a, { kind: "text", text: x } as const]));
    }
  }
  return alternatives.map((parts) => withParts(v, parts));
});

/** `minute`…`year`: the values are numbers compared (eq, or lt…gte after it) with that part of the field's ISO-8601 date, in UTC. */
function timePart(part: DatePart): ModifierFn {
  return (state, mod, env) => (state.datePart !== undefined ? invalid(env, mod, `'${state.datePart}' and '${mod.name}' cannot both apply`) : { ...state, datePart: part });
}

export const modifiers: Readonly<Record<string, ModifierFn>> = {
  contains,
  startswith,
  endswith,
  all,
  windash,
  re,
  i: regexFlag("i"),
  m: regexFlag("m"),
  s: regexFlag("s"),
  cidr,
  exists,
  lt: compare("lt"),
  lte: compare("le"),
  gt: compare("gt"),
  gte: compare("ge"),
  cased,
  neq,
  base64: b64,
  base64offset: b64offset,
  utf16le: encoding(utf16le),
  wide: encoding(utf16le),
  utf16be: encoding(utf16be),
  utf16: encoding(utf16bom),
  fieldref,
  expand,
  minute: timePart("minute"),
  hour: timePart("hour"),
  day: timePart("day"),
  week: timePart("week"),
  month: timePart("month"),
  year: timePart("year"),
};

/** Runs a field's modifiers in order; undefined after a diagnostic. */
export function applyModifiers(initial: ModState, mods: readonly Modifier[], env: ModEnv): ModState | undefined {
  let state: ModState | undefined = initial;
  for (const mod of mods) {
    const fn = Object.hasOwn(modifiers, mod.name) ? modifiers[mod.name] : undefined;
    if (fn === undefined) {
      env.bag.error("K1302", mod.span, [mod.name], env.context);
      return undefined;
    }
    state = fn(state, mod, env);
    if (state === undefined) return undefined;
  }
  return state;
}
