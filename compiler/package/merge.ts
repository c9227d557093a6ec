/**
 * @fileoverview Plans the merge of several packages into one: checks that they were built
 * for the same event schema (id and hash) and share no rule id, concatenates their IR rule
 * sets in order, keeps each rule's origin (the package it was built in, so alert ids and
 * `kestrel.package` do not change), and finds the schema facts linking needs: the built-in
 * schema of that id when its hash matches, otherwise what the manifests record (timestamp,
 * entity key, and the fields they read). compiler/index.ts `mergePackages` links the result.
 */
import type { PlanSchema } from "../codegen/captures.js";
import type { IrRule, IrRuleSet } from "../ir/nodes.js";
import { loadSchema } from "../schema/load.js";
import { builtinSchemas } from "../schema/locate.js";
import type { FieldDef } from "../schema/schema.js";
import type { Manifest, RuleOrigin } from "./manifest.js";
import type { ManifestSchema } from "./write.js";

export class MergeError extends Error {}

export interface MergeInput {
  /** How errors name the package (its folder, or its name). */
  readonly label: string;
  readonly manifest: Manifest;
  readonly ir: IrRuleSet;
}

export interface MergePlan {
  readonly ruleSet: IrRuleSet;
  readonly schema: ManifestSchema & PlanSchema;
  /** Per rule of `ruleSet`, the package it was built in. */
  readonly origins: readonly RuleOrigin[];
}

const schemaText = (m: Manifest): string => `schema '${m.schema.id}' ${m.schema.hash.slice(0, 12)}`;

export function planMerge(parts: readonly MergeInput[]): MergePlan {
  const first = parts[0];
  if (first === undefined) throw new MergeError("no packages to merge");
  const rules: IrRule[] = [];
  const origins: RuleOrigin[] = [];
  const seen = new Map<string, string>();
  for (const part of parts) {
    checkPart(part);
    const m = part.manifest;
    if (m.schema.id !== first.manifest.schema.id || m.schema.hash !== first.manifest.schema.hash) {
      throw new MergeError(`cannot merge ${first.label} (${schemaText(first.manifest)}) with ${part.label} (${schemaText(m)}): packages merge only when built for the same event schema`);
    }
    part.ir.rules.forEach((rule, i) => {
      const prior = seen.get(rule.id);
      if (prior !== undefined) throw new MergeError(`cannot merge ${prior} with ${part.label}: both have a rule with id '${rule.id}'`);
      seen.set(rule.id, part.label);
      rules.push(rule);
      origins.push(m.rules[i]?.origin ?? { package: m.name, sha256: m.module.sha256 });
    });
  }
  const schema = first.manifest.schema;
  return {
    ruleSet: { version: 1, schema: { id: schema.id, hash: schema.hash }, rules },
    schema: { ...schema, byPath: fieldsByPath(parts) },
    origins,
  };
}

/** The IR must be the manifest's own: same schema, same rules in the same order. */
function checkPart(part: MergeInput): void {
  const { manifest: m, ir } = part;
  const sameRules = ir.rules.length === m.rules.length && ir.rules.every((r, i) => r.id === m.rules[i]?.id);
  if (ir.schema.id !== m.schema.id || ir.schema.hash !== m.schema.hash || !sameRules) {
    throw new MergeError(`${part.label}: the package's IR does not describe its manifest's rules; rebuild the package`);
  }
}

/** The built-in schema when it is the one the packages were built for, else the fields the manifests record. */
function fieldsByPath(parts: readonly MergeInput[]): ReadonlyMap<string, FieldDef> {
  const { id, hash } = parts[0]?.manifest.schema ?? { id: "", hash: "" };
  if ((builtinSchemas as readonly string[]).includes(id)) {
    const builtin = loadSchema(id);
    if (builtin.hash === hash) return builtin.byPath;
  }
  const byPath = new Map<string, FieldDef>();
  for (const p of parts) for (const f of p.manifest.fields) byPath.set(f.path, { id: f.id, path: f.path, type: f.type });
  return byPath;
}
