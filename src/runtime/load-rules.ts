/**
 * @fileoverview Turns `--rules` arguments into compiled packages: package folders are
 * read and verified; rule sources (files, folders, globs) are taken from the package
 * cache when the same sources were built before, and otherwise compiled and linked in
 * memory (and stored in the cache). The compiler loads only on a cache miss. The
 * build's diagnostics are handed back, rendered, for the caller to print. When that
 * leaves more than one package, they are merged into one (through the package cache too)
 * so each batch is scanned once, whatever the number of packages; packages that cannot
 * merge (one without ir.json, different schemas, a rule id in two) are scanned one after
 * another, with a warning. Each module is compiled once; engines (one per scanning
 * thread) instantiate it.
 */
import { readFileSync } from "node:fs";
import type { KeyObject } from "node:crypto";
import { resolve } from "node:path";
import { verifyPackageSignature } from "../../compiler/package/signature.js";
import type { BuiltPackage, CompileOptions } from "../../compiler/index.js";
import { isPackageDir, readPackage, type LoadedPackage } from "../../compiler/package/read.js";
import { pipelineFile } from "../../compiler/pipeline/locate.js";
import { schemaFile } from "../../compiler/schema/locate.js";
import { sha256 } from "../../compiler/util/hash.js";
import { collectRuleFiles, type RuleFile } from "../../compiler/source/collect.js";
import { compilerDigest } from "../../compiler/util/compiler-digest.js";
import { diagnosticsText } from "../util/diagnostics-output.js";
import { loadCompiler } from "../util/load-compiler.js";
import { cacheKey, mergeCacheKey, type BuildRecord, type PackageCache } from "./cache.js";
import type { CompiledPackage } from "./bus/scan-batch.js";
import { tuneWasmTiering } from "./wasm-tiering.js";
import { PackageEngine } from "./engine.js";

export type RuleCompileOptions = Pick<CompileOptions, "schema" | "openFields" | "dialect"> & { readonly pipelines?: readonly string[] };

/** How the rule sources among `--rules` became a package. */
export type SourceBuild =
  | { readonly kind: "cached"; readonly dir: string; readonly rules: number }
  | { readonly kind: "built"; readonly rules: number; readonly seconds: number; readonly cachedAt?: string }
  | { readonly kind: "none" };

/** Whether several packages became one. */
export type MergeReport =
  | { readonly kind: "merged"; readonly packages: number; readonly rules: number; readonly seconds: number; readonly cachedAt?: string }
  | { readonly kind: "cached"; readonly packages: number; readonly rules: number; readonly dir: string }
  | { readonly kind: "none" };

export interface LoadedRules {
  readonly packages: CompiledPackage[];
  /** Diagnostics of the rules built from source, rendered (replayed from the cache on a cached run). */
  readonly diagnostics: readonly string[];
  readonly sources: SourceBuild;
  /** Cache trouble worth a line on stderr (an unreadable entry, an unwritable folder); never fatal. */
  readonly cacheWarnings: readonly string[];
  readonly merge: MergeReport;
  /** Why packages could not be merged (then each is scanned on its own); one line each. */
  readonly mergeWarnings: readonly string[];
  /** `packages` as read, with their IR, for building each rule alone (--profile-rules). */
  readonly loaded: readonly LoadedPackage[];
}

/**
 * `cache`: where built rule sources are kept between runs; without it they are built every time.
 * `trust`: when given, every package folder must be signed by one of these keys (rule sources
 * built here are the user's own and need no signature).
 */
export async function loadRules(paths: readonly string[], options: RuleCompileOptions, cwd: string, cache?: PackageCache, trust?: readonly KeyObject[]): Promise<LoadedRules> {
  const packages: LoadedPackage[] = [];
  const sources: string[] = [];
  for (const p of paths) {
    const dir = resolve(cwd, p);
    if (!isPackageDir(dir)) {
      sources.push(p);
      continue;
    }
    // A signature covers manifest.json, and readPackage then checks the module against it.
    if (trust !== undefined) verifyPackageSignature(dir, trust);
    packages.push(readPackage(dir));
  }
  const built: SourcesResult = sources.length > 0 ? await fromSources(sources, options, cwd, cache) : { diagnostics: [], sources: { kind: "none" }, cacheWarnings: [] };
  if (built.pkg !== undefined) packages.push(built.pkg);
  const merged = packages.length > 1 ? await mergeAll(packages, cache) : { packages, merge: { kind: "none" } as const, warnings: [], cacheWarnings: [] };
  tuneWasmTiering();
  const compiled = await Promise.all(
    merged.packages.map(async (p) => {
      const module = await WebAssembly.compile(p.wasm as Uint8Array<ArrayBuffer>);
      // Instantiated once here, so a manifest that does not fit its module is refused (PackageError) before any worker starts.
      await PackageEngine.create(module, p.manifest, 0, { inputCapacity: 1 << 16, recordBytes: 1 << 16 });
      return { manifest: p.manifest, module };
    }),
  );
  return {
    packages: compiled,
    diagnostics: built.diagnostics,
    sources: built.sources,
    cacheWarnings: [...built.cacheWarnings, ...merged.cacheWarnings],
    merge: merged.merge,
    mergeWarnings: merged.warnings,
    loaded: merged.packages,
  };
}

interface MergeResult {
  readonly packages: readonly LoadedPackage[];
  readonly merge: MergeReport;
  readonly warnings: readonly string[];
  readonly cacheWarnings: readonly string[];
}

const BUILT_DIR = "<built from source>";
const labelOf = (p: LoadedPackage): string => (p.dir === BUILT_DIR ? "the rules built from source" : p.dir);

/** One package in place of `packages`, from the cache or merged now; or `packages` as they are, with the reason. */
async function mergeAll(packages: readonly LoadedPackage[], cache: PackageCache | undefined): Promise<MergeResult> {
  const separate = (why: string): MergeResult => ({
    packages,
    merge: { kind: "none" },
    warnings: [`${why}; scanning each of the ${packages.length} packages separately`],
    cacheWarnings: [],
  });
  const irLess = packages.filter((p) => p.manifest.ir === undefined);
  if (irLess.length > 0) return separate(`${irLess.map(labelOf).join(", ")}: no ir.json (built by an older Kestrel; rebuild to merge)`);
  const cacheWarnings: string[] = [];
  const key = cache === undefined ? undefined : mergeCacheKey({ packages: packages.map((p) => ({ module: p.manifest.module.sha256, ir: p.manifest.ir?.sha256 ?? "" })), compiler: compilerDigest() });
  if (cache !== undefined && key !== undefined) {
    const found = cache.lookup(key);
    if (found.kind === "hit") {
      const { hit } = found;
      return { packages: [hit.pkg], merge: { kind: "cached", packages: packages.length, rules: hit.pkg.manifest.rules.length, dir: hit.dir }, warnings: [], cacheWarnings };
    }
    if (found.kind === "corrupt") cacheWarnings.push(`cache entry ${key} could not be read (${found.reason}); removed it and merging again`);
  }
  const started = performance.now();
  const { mergePackages, readPackageIr, MergeError } = await loadCompiler();
  let linked: BuiltPackage;
  try {
    linked = await mergePackages(packages.map((p) => ({ label: labelOf(p), manifest: p.manifest, ir: readPackageIr(p) })), "merged");
  } catch (e) {
    if (!(e instanceof MergeError)) throw e;
    return { ...separate(e.message), cacheWarnings };
  }
  const pkg: LoadedPackage = { dir: BUILT_DIR, manifest: linked.manifest, wasm: linked.wasm, ir: linked.ir };
  const merge = { kind: "merged", packages: packages.length, rules: linked.manifest.rules.length, seconds: (performance.now() - started) / 1000 } as const;
  if (cache === undefined || key === undefined) return { packages: [pkg], merge, warnings: [], cacheWarnings };
  const record: BuildRecord = {
    created: new Date().toISOString(),
    inputs: packages.map(labelOf),
    schema: linked.manifest.schema.id,
    openFields: false,
    files: packages.length,
    rules: linked.manifest.rules.length,
    filesFailed: 0,
    diagnostics: [],
  };
  try {
    return { packages: [pkg], merge: { ...merge, cachedAt: cache.store(key, linked, record) }, warnings: [], cacheWarnings };
  } catch (e) {
    cacheWarnings.push(`cannot write the package cache in ${cache.dir} (${(e as Error).message}); going on without it`);
    return { packages: [pkg], merge, warnings: [], cacheWarnings };
  }
}

interface SourcesResult {
  readonly pkg?: LoadedPackage;
  readonly diagnostics: readonly string[];
  readonly sources: SourceBuild;
  readonly cacheWarnings: readonly string[];
}

interface ReadFile extends RuleFile {
  /** undefined when the file could not be read; the build reports it (K1001) and nothing is cached. */
  readonly bytes: Buffer | undefined;
}

async function fromSources(paths: readonly string[], options: RuleCompileOptions, cwd: string, cache: PackageCache | undefined): Promise<SourcesResult> {
  const { files, unmatched } = await collectRuleFiles(paths, cwd);
  const read: ReadFile[] = files.map((f) => ({ ...f, bytes: tryRead(f.absolute) }));
  const warnings: string[] = [];
  const key = cache === undefined ? undefined : keyFor(read, options, cwd);
  if (cache !== undefined && key !== undefined) {
    const found = cache.lookup(key);
    if (found.kind === "hit") {
      const { hit } = found;
      return { pkg: hit.pkg, diagnostics: hit.record.diagnostics, sources: { kind: "cached", dir: hit.dir, rules: hit.record.rules }, cacheWarnings: [] };
    }
    if (found.kind === "corrupt") warnings.push(`cache entry ${key} could not be read (${found.reason}); removed it and rebuilding`);
  }
  const b = await build(paths, read, unmatched, options);
  const sources = { kind: "built", rules: b.record.rules, seconds: b.seconds } as const;
  if (b.linked === undefined) return { diagnostics: b.record.diagnostics, sources, cacheWarnings: warnings };
  const pkg: LoadedPackage = { dir: BUILT_DIR, manifest: b.linked.manifest, wasm: b.linked.wasm, ir: b.linked.ir };
  if (cache === undefined || key === undefined) return { pkg, diagnostics: b.record.diagnostics, sources, cacheWarnings: warnings };
  try {
    const cachedAt = cache.store(key, b.linked, b.record);
    return { pkg, diagnostics: b.record.diagnostics, sources: { ...sources, cachedAt }, cacheWarnings: warnings };
  } catch (e) {
    warnings.push(`cannot write the package cache in ${cache.dir} (${(e as Error).message}); going on without it`);
    return { pkg, diagnostics: b.record.diagnostics, sources, cacheWarnings: warnings };
  }
}

interface Build {
  readonly linked: BuiltPackage | undefined;
  readonly record: BuildRecord;
  readonly seconds: number;
}

/** Compiles and links the bytes already read (so the package matches its key), loading the compiler first. */
async function build(paths: readonly string[], files: readonly ReadFile[], unmatched: readonly string[], options: RuleCompileOptions): Promise<Build> {
  const started = performance.now();
  const { compileSources, linkRuleSet } = await loadCompiler();
  const inputs = files.map((f) => ({ path: f.path, read: () => (f.bytes === undefined ? readFileSync(f.absolute, "utf8") : f.bytes.toString("utf8")) }));
  const result = compileSources(inputs, options, unmatched);
  const rules = result.ruleSet.rules.length;
  const linked = rules > 0 ? await linkRuleSet(result, "rules") : undefined;
  const record: BuildRecord = {
    created: new Date().toISOString(),
    inputs: paths,
    schema: typeof options.schema === "string" ? options.schema : options.schema.id,
    openFields: options.openFields === true,
    files: files.length,
    rules,
    filesFailed: result.filesFailed,
    diagnostics: diagnosticsText(result),
  };
  return { linked, record, seconds: (performance.now() - started) / 1000 };
}

/** undefined when something the key needs cannot be read: then the build goes uncached and reports the problem itself. */
function keyFor(files: readonly ReadFile[], options: RuleCompileOptions, cwd: string): string | undefined {
  if (typeof options.schema !== "string") return undefined;
  const schema = tryRead(resolve(cwd, schemaFile(options.schema)));
  if (schema === undefined) return undefined;
  const parts: { path: string; bytes: Uint8Array }[] = [];
  for (const f of files) {
    if (f.bytes === undefined) return undefined;
    parts.push({ path: f.path, bytes: f.bytes });
  }
  // User pipelines by their text (the shipped ones are part of compilerDigest()).
  const pipelines: string[] = [];
  for (const p of options.pipelines ?? []) {
    const text = tryRead(resolve(cwd, pipelineFile(p)));
    if (text === undefined) return undefined;
    pipelines.push(sha256(text));
  }
  return cacheKey({ files: parts, schema, options: { openFields: options.openFields === true, dialect: options.dialect ?? "elastic", pipelines }, compiler: compilerDigest() });
}

function tryRead(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}
