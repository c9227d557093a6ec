/**
 * @fileoverview PCRE-flavoured regex values (Sigma's `re`) as ECMAScript regex source,
 * the IR's flavour. Leading inline flags (`(?i)`, `(?s)`, `(?m)`, combined) become flags;
 * `m` and `s` have no IR flag, so they are folded into the pattern: with `s`, `.`
 * outside classes becomes `[\s\S]`; with `m`, `^` becomes `(?<=^|\n)` and `$`
 * becomes `(?=$|\n)`. `i` becomes the IR's caseInsensitive. PCRE-only escapes that
 * ECMAScript would silently read as letters (`\A`, `\Z`, `\Q`…) are rejected.
 */
import type { DiagnosticBag } from "../../diagnostics/diagnostic.js";
import type { IrRule } from "../../ir/nodes.js";
import { forEachExpr, queryPredicates } from "../../ir/visit.js";
import type { SourceFile } from "../../source/source-file.js";
import type { RegexFlags } from "./values.js";

export type RegexResult = { readonly ok: true; readonly pattern: string; readonly caseInsensitive: boolean } | { readonly ok: false; readonly error: string };


export function toEcmaRegex(source: string, flags: RegexFlags): RegexResult {
  let pattern = source;
  let f = flags;
  for (let m = /^\(\?([ims]+)\)/.exec(pattern); m !== null; m = /^\(\?([ims]+)\)/.exec(pattern)) {
    const set = m[1] ?? "";
    f = { i: f.i || set.includes("i"), m: f.m || set.includes("m"), s: f.s || set.includes("s") };
    pattern = pattern.slice(m[0].length);
  }
  const bad = pcreOnly(pattern);
  if (bad !== undefined) return { ok: false, error: `'${bad}' is PCRE-only and not supported` };
  const folded = fold(pattern, f);
  try {
    new RegExp(folded, f.i ? "i" : "");
  } catch (e) {
    const msg = (e as Error).message;
    return { ok: false, error: msg.slice(msg.lastIndexOf(": ") + 2) };
  }
  return { ok: true, pattern: folded, caseInsensitive: f.i };
}

/** The first PCRE-only construct outside character classes, if any. */
function pcreOnly(p: string): string | undefined {
  let inClass = false;
  let afterQuantifier = false;
  for (let i = 0; i < p.length; i++) {
    const c = p.charAt(i);
    if (c === "\\") {
      const e = p.charAt(i + 1);
      if (!inClass && "AZzGQEhHRKXC".includes(e) && e !== "") return c + e;
      i++;
      afterQuantifier = false;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      continue;
    }
    if (c === "[") inClass = true;
    if (c === "(" && p.charAt(i + 1) === "?" && ">|P".includes(p.charAt(i + 2)) && p.charAt(i + 2) !== "") return p.slice(i, i + 3);
    if (c === "+" && afterQuantifier) return p.slice(i - 1, i + 1);
    afterQuantifier = "*+?}".includes(c) && !(c === "?" && p.charAt(i - 1) === "(");
  }
  return undefined;
}

function fold(p: string, f: RegexFlags): string {
  if (!f.m && !f.s) return p;
  let out = "";
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p.charAt(i);
    if (c === "\\") {
      out += p.slice(i, i + 2);
      i++;
    } else if (inClass) {
      if (c === "]") inClass = false;
      out += c;
    } else if (c === "[") {
      inClass = true;
      out += c;
      if (p.charAt(i + 1) === "^") out += p.charAt(++i);
      if (p.charAt(i + 1) === "]") out += "\\" + p.charAt(++i);
    } else if (c === "." && f.s) out += "[\\s\\S]";
    else if (c === "^" && f.m) out += "(?<=^|\\n)";
    else if (c === "$" && f.m) out += "(?=$|\\n)";
    else out += c;
  }
  return out;
}

/** The feature of a regex that keeps it out of V8's linear-time engine (backreferences, lookaround), if any. */
export function unboundedRegexFeature(pattern: string): string | undefined {
  // An escape counts only after an even run of backslashes (`\\1` is a backslash and a 1).
  if (/(?:^|[^\\])(?:\\\\)*\\(?:[1-9]|k<)/.test(pattern)) return "a backreference";
  if (/(?:^|[^\\])(?:\\\\)*\(\?<?[=!]/.test(pattern)) return "lookaround";
  return undefined;
}

/** Warns (K1014, at the rule's first line) for each regex leaf of the rule that only the backtracking engine can run. */
export function warnUnboundedRegexes(rule: IrRule, file: SourceFile, bag: DiagnosticBag): void {
  for (const predicate of queryPredicates(rule.query)) {
    forEachExpr(predicate, (e) => {
      if (e.kind !== "regex") return;
      const feature = unboundedRegexFeature(e.pattern);
      const start = file.lineStart(rule.source.line);
      if (feature !== undefined) bag.warning("K1014", { file: file.path, start, end: start + 1 }, [e.pattern, feature], [`rule '${rule.id}'`]);
    });
  }
}
