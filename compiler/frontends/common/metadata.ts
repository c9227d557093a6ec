/**
 * @fileoverview Rule metadata normalization shared by frontends: severity names from
 * Sigma levels and common spellings, ids derived from file names.
 */
import { basename, extname } from "node:path";
import type { IrRule, Severity } from "../../ir/nodes.js";
import { severities } from "../../ir/nodes.js";

const aliases: Readonly<Record<string, Severity>> = { info: "informational", informational: "informational", med: "medium" };

/** A known severity or undefined; case-insensitive, accepts Sigma's `level` values. */
export function parseSeverity(text: string): Severity | undefined {
  const t = text.trim().toLowerCase();
  if ((severities as readonly string[]).includes(t)) return t as Severity;
  return aliases[t];
}

/** `rules/eql/whoami_exec.eql` → `whoami_exec`. */
export function idFromPath(path: string): string {
  return basename(path, extname(path));
}

/** `whoami_exec` → `Whoami exec`. */
export function titleFromId(id: string): string {
  const words = id.replace(/[_-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A rule's references and false positives as IrRule carries them: only the non-empty lists. */
export function readMore(m: { readonly references: readonly string[]; readonly falsePositives: readonly string[] }): Pick<IrRule, "references" | "falsePositives"> {
  return { ...(m.references.length === 0 ? {} : { references: m.references }), ...(m.falsePositives.length === 0 ? {} : { falsePositives: m.falsePositives }) };
}
