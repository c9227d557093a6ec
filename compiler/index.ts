/**
 * @fileoverview The compiler's public API: rule files → IR rule set (frontends, passes,
 * IR validation) with every diagnostic collected, and IR → `.kpkg` package (codegen,
 * link, manifest), and several packages → one (mergePackages). Codegen is imported
 * lazily so that only building loads binaryen.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DiagnosticBag, type Diagnostic } from "./diagnostics/diagnostic.js";
import { ruleExtensions } from "./frontends/extensions.js";
import type { EqlDialect } from "./frontends/frontend.js";
import { frontendFor } from "./frontends/registry.js";
import type { IrRule, IrRuleSet } from "./ir/nodes.js";
import { validateRule } from "./ir/validate.js";
import { ruleSetToJson } from "./ir/serialize.js";
import { buildManifest, writePackage, type ManifestSchema } from "./package/write.js";
import type { Manifest, RuleOrigin } from "./package/manifest.js";
import { planMerge, type MergeInput } from "./package/merge.js";
import { planPackage, type PlanSchema } from "./codegen/captures.js";
import type { LinkOptions } from "./codegen/link.js";
import { runPasses } from "./passes/pipeline.js";
import { loadSchema } from "./schema/load.js";
import type { EventSchema } from "./schema/schema.js";
import { linkCorrelations, mergeLinkSink, newLinkSink, noteFailed, type LinkSink, type Linked } from "./frontends/sigma/link.js";
import { collectRuleFiles } from "./source/collect.js";
import { clausesToIr } from "./frontends/common/fields.js";
import { warnUnboundedRegexes } from "./frontends/common/regex.js";
import { withAddedConditions } from "./pipeline/conditions.js";
import type { ProcessingPipeline } from "./pipeline/pipeline.js";
import { pipelineScope, pipelinesFor } from "./pipeline/select.js";
import type { Span } from "./source/span.js";
import { SourceFile } from "./source/source-file.js";
import { packageRoot } from "./util/package-root.js";

export interface CompileResult {
  readonly schema: EventSchema;
  readonly ruleSet: IrRuleSet;
  /**
   * The same rules as their frontends lowered them, before the passes (unvalidated), so
   * differential tests can hold lowering and the passes to the oracle as well.
   */
  readonly lowered: IrRuleSet;
  readonly diagnostics: readonly Diagnostic[];
  /** Sources by the path diagnostics use, to render snippets. */
  readonly sources: ReadonlyMap<string, SourceFile>;
  readonly filesRead: number;
  readonly filesFailed: number;
  /** Inputs that matched no file. */
  readonly unmatched: readonly string[];
}

export interface CompileOptions {
  readonly schema: string | EventSchema;
  /** Accept fields the schema does not declare, as strings, each with warning K1208. */
  readonly openFields?: boolean;
  /** The EQL dialect (elastic by default). */
  readonly dialect?: EqlDialect;
  /** Processing pipelines (shipped names or files) run after the schema's own, in order. */
  readonly pipelines?: readonly (string | ProcessingPipeline)[];
  readonly cwd?: string;
}

/** Compile rule files, folders or globs into one IR rule set. Never throws on bad rules. */
export async function compilePaths(inputs: readonly string[], options: CompileOptions): Promise<CompileResult> {
  const cwd = options.cwd ?? process.cwd();
  const { files, unmatched } = await collectRuleFiles(inputs, cwd);
  return compileSources(
    files.map((f) => ({ path: f.path, read: () => readFileSync(f.absolute, "utf8") })),
    options,
    unmatched,
  );
}

export interface RuleSourceInput {
  readonly path: string;
  read(): string;
}

export function compileSources(inputs: readonly RuleSourceInput[], options: CompileOptions, unmatched: readonly string[] = []): CompileResult {
  const declared = typeof options.schema === "string" ? loadSchema(options.schema) : options.schema;
  const schema: EventSchema = options.openFields === true ? { ...declared, openFields: { type: "string" } } : declared;
  const pipelines = pipelinesFor(schema, options.pipelines ?? []);
  const bag = new DiagnosticBag();
  const sources = new Map<string, SourceFile>();
  const entries: Linked[] = [];
  const link = newLinkSink();
  const firstSeen = new Map<string, string>();
  let filesFailed = 0;
  for (const input of inputs) {
    const before = bag.errorCount;
    const fileLink = newLinkSink();
    const fileRules = compileOne(input, { schema, pipelines, dialect: options.dialect ?? "elastic" }, bag, sources, fileLink);
    const fresh = fileRules.filter(({ rule: r }) => {
      const prior = firstSeen.get(r.id);
      if (prior !== undefined) {
        bag.error("K1012", { file: input.path, start: 0, end: 0 }, [r.id, prior]);
        return false;
      }
      firstSeen.set(r.id, input.path);
      return true;
    });
    if (bag.errorCount > before || !mergeLinkSink(link, fileLink, bag)) {
      filesFailed++;
      noteFailed(link, fileLink);
    } else entries.push(...fresh);
  }
  const beforeLink = bag.items.length;
  const linked = linkCorrelations(entries, link, bag, (rule, span) => finishRule(rule, schema, bag, span));
  // A file with a correlation that does not link has failed too.
  filesFailed += new Set(bag.items.slice(beforeLink).filter((d) => d.severity === "error").map((d) => d.span.file)).size;
  const rules = linked.map((e) => e.rule);
  const lowered = linked.map((e) => e.lowered);
  const setOf = (list: IrRule[]): IrRuleSet => ({ version: 1, schema: { id: schema.id, hash: schema.hash }, rules: list });
  return {
    schema,
    ruleSet: setOf(rules),
    lowered: setOf(lowered),
    diagnostics: bag.items,
    sources,
    filesRead: inputs.length,
    filesFailed,
    unmatched,
  };
}

/** What every file of a build is lowered with. */
interface BuildSetting {
  readonly schema: EventSchema;
  readonly pipelines: readonly ProcessingPipeline[];
  readonly dialect: EqlDialect;
}

/** One file's rules, each after the passes and as lowered. */
function compileOne(input: RuleSourceInput, setting: BuildSetting, bag: DiagnosticBag, sources: Map<string, SourceFile>, link: LinkSink): Linked[] {
  const { schema, pipelines, dialect } = setting;
  const at = { file: input.path, start: 0, end: 0 };
  const frontend = frontendFor(input.path);
  if (frontend === undefined) {
    bag.error("K1002", at, [input.path.slice(input.path.lastIndexOf(".")), ruleExtensions.join(", ")]);
    return [];
  }
  let text: string;
  try {
    text = input.read();
  } catch (e) {
    bag.error("K1001", at, [(e as Error).message]);
    return [];
  }
  const file = new SourceFile(input.path, text);
  sources.set(input.path, file);
  const before = bag.errorCount;
  const ast = frontend.parse(file, bag);
  if (ast === undefined || bag.errorCount > before) return [];
  const ctx = { schema, bag, file, dialect, link, ...pipelineScope(pipelines, frontend.language) };
  const lowered = frontend.lower(ast, ctx).map((rule) => withAddedConditions(rule, pipelines, (c) => clausesToIr(c, ctx)));
  if (bag.errorCount > before) return [];
  for (const rule of lowered) warnUnboundedRegexes(rule, file, bag);
  return lowered.map((rule) => ({ rule: finishRule(rule, schema, bag, at), lowered: rule }));
}

/** The passes, then validation (an invalid IR is K1901 at `at`). */
function finishRule(rule: IrRule, schema: EventSchema, bag: DiagnosticBag, at: Span): IrRule {
  const optimized = runPasses(rule);
  const problems = validateRule(optimized, schema);
  if (problems.length > 0) bag.error("K1901", at, [`rule '${rule.id}': ${problems.join("; ")}`]);
  return optimized;
}

export interface BuiltPackage {
  readonly manifest: Manifest;
  readonly wasm: Uint8Array;
  /** The rule set's IR text, written as `ir.json` beside the module. */
  readonly ir: string;
}

/** Codegen + link + manifest, in memory. Loads binaryen on first use. */
export async function linkRuleSet(result: Pick<CompileResult, "ruleSet" | "schema">, name: string, options: LinkOptions = {}): Promise<BuiltPackage> {
  return link(result.ruleSet, result.schema, name, options);
}

/**
 * Merges packages built for the same event schema into one package that scans each
 * event once for all their rules: their IR rule sets, concatenated in order, linked once.
 * Every rule keeps its origin (package name and module sha256), so its alerts are the
 * ones its own package would raise. Throws MergeError on different schemas or a rule id
 * in two packages.
 */
export async function mergePackages(parts: readonly MergeInput[], name: string, options: LinkOptions = {}): Promise<BuiltPackage> {
  const plan = planMerge(parts);
  return link(plan.ruleSet, plan.schema, name, options, plan.origins);
}

async function link(set: IrRuleSet, schema: ManifestSchema & PlanSchema, name: string, options: LinkOptions, origins?: readonly RuleOrigin[]): Promise<BuiltPackage> {
  const { linkPackage } = await import("./codegen/link.js");
  const kernels = readFileSync(join(packageRoot(), "dist", "kernels.wasm"));
  const plan = planPackage(set, schema);
  const linked = linkPackage(set, kernels, plan, options);
  const ir = ruleSetToJson(set);
  const manifest = buildManifest(name, set, schema, {
    wasm: linked.wasm,
    heapBase: linked.code.heapBase,
    hostImports: linked.hostImports,
    regexes: linked.code.regexes,
    fields: linked.code.slots.map((s) => ({ slot: s.slot, id: s.field.id, path: s.field.path, type: s.field.type })),
  }, plan, { ir, ...(origins === undefined ? {} : { origins }) });
  return { manifest, wasm: linked.wasm, ir };
}

/** linkRuleSet, then write `<outDir>/<name>.kpkg`; returns the package folder. */
export async function buildPackage(result: CompileResult, name: string, outDir: string): Promise<BuiltPackage & { dir: string }> {
  const built = await linkRuleSet(result, name);
  return { ...built, dir: writePackage(outDir, built.manifest, built.wasm, built.ir) };
}

export { MergeError, type MergeInput } from "./package/merge.js";
export { hasIr, readPackageIr } from "./package/read-ir.js";
export { PipelineError } from "./pipeline/load.js";
