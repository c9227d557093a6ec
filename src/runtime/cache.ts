/**
 * @fileoverview The package cache: rule sources given to `kestrel run` are built once
 * and kept under the user's cache directory, keyed by the sha256 of everything that
 * shapes the package (each source file's path and bytes, the schema, the compile
 * options, and the compiler's own digest). An entry is a folder `<key>/` holding a normal
 * `rules.kpkg` and `build.json` (the build's rendered diagnostics, so warnings still
 * print on a cached run). Entries are written to a temporary folder and renamed into
 * place, so readers and concurrent writers only ever see whole entries; an entry that
 * fails to read back (bad JSON, wrong sha256) is removed and reported, never fatal.
 * Packages merged into one (load-rules.ts) are kept the same way, keyed by the merged
 * packages' module and IR sha256s and the compiler's digest.
 * The cache keeps the most recently used entries and evicts the rest.
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { basename, isAbsolute, join, resolve } from "node:path";
import type { Manifest } from "../../compiler/package/manifest.js";
import { readPackage, type LoadedPackage } from "../../compiler/package/read.js";
import { writePackage } from "../../compiler/package/write.js";
import { canonicalJson, sha256 } from "../../compiler/util/hash.js";
import type { EqlDialect } from "../../compiler/frontends/frontend.js";

/** Entries kept; the least recently used beyond this are evicted after each store. */
export const DEFAULT_MAX_ENTRIES = 10;
const KEY_VERSION = 1;
const BUILD_FILE = "build.json";
const TMP_PREFIX = ".tmp-";
const TRASH_PREFIX = ".trash-";
/** A temporary folder older than this is a leftover of a writer that died. */
const STALE_TMP_MS = 60 * 60 * 1000;
const KEY_RE = /^[0-9a-f]{64}$/;

/** KESTREL_CACHE_DIR, else $XDG_CACHE_HOME/kestrel, else ~/.cache/kestrel. */
export function cacheDirectory(env: NodeJS.ProcessEnv = process.env): string {
  const own = env["KESTREL_CACHE_DIR"];
  if (own !== undefined && own !== "") return resolve(own);
  // The XDG base directory spec says a relative XDG_CACHE_HOME is invalid and is ignored.
  const xdg = env["XDG_CACHE_HOME"];
  return join(xdg !== undefined && isAbsolute(xdg) ? xdg : join(homedir(), ".cache"), "kestrel");
}

export interface CacheKeyParts {
  /** Each rule file as the build names it (relative to cwd) and its bytes. */
  readonly files: readonly { readonly path: string; readonly bytes: Uint8Array }[];
  /** The event schema's JSON text, as read from its file. */
  readonly schema: Uint8Array;
  /** The compile options that change what gets built. */
  readonly options: { readonly openFields: boolean; readonly dialect: EqlDialect; readonly pipelines: readonly string[] };
  /** compilerDigest(): version, compiler code, kernels. */
  readonly compiler: string;
}

export function cacheKey(parts: CacheKeyParts): string {
  const hash = createHash("sha256");
  hash.update(canonicalJson({ v: KEY_VERSION, compiler: parts.compiler, schema: sha256(parts.schema), options: parts.options }));
  // One hash over every file, each framed by its path and length (no path holds a NUL).
  const files = [...parts.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const f of files) {
    hash.update(`\0${f.path}\0${f.bytes.length}\0`);
    hash.update(f.bytes);
  }
  return hash.digest("hex");
}

/** The packages a merge is made of, in order: each one's module and IR sha256. */
export interface MergeKeyParts {
  readonly packages: readonly { readonly module: string; readonly ir: string }[];
  /** compilerDigest(): a changed compiler links afresh. */
  readonly compiler: string;
}

/** The key of the package merged from `parts.packages` (framed apart from source keys by its own fields). */
export function mergeCacheKey(parts: MergeKeyParts): string {
  return sha256(canonicalJson({ v: KEY_VERSION, kind: "merge", compiler: parts.compiler, packages: parts.packages }));
}

/** What `build.json` records beside the package. */
export interface BuildRecord {
  readonly created: string;
  /** The rule paths the build was asked for, for `kestrel cache list`. */
  readonly inputs: readonly string[];
  readonly schema: string;
  readonly openFields: boolean;
  readonly files: number;
  readonly rules: number;
  readonly filesFailed: number;
  /** Diagnostics as the build printed them. */
  readonly diagnostics: readonly string[];
}

interface StoredRecord extends BuildRecord {
  readonly format: "kestrel-cache-entry";
  readonly version: typeof KEY_VERSION;
  /** The `.kpkg` folder's name inside the entry. */
  readonly package: string;
}

export interface CacheHit {
  readonly key: string;
  readonly dir: string;
  readonly pkg: LoadedPackage;
  readonly record: BuildRecord;
}

export type CacheLookup = { readonly kind: "hit"; readonly hit: CacheHit } | { readonly kind: "miss" } | { readonly kind: "corrupt"; readonly reason: string };

export interface CacheEntryInfo {
  readonly key: string;
  readonly dir: string;
  readonly lastUsed: Date;
  readonly bytes: number;
  /** undefined when build.json cannot be read. */
  readonly record: BuildRecord | undefined;
}

export class PackageCache {
  constructor(
    readonly dir: string,
    readonly maxEntries: number = DEFAULT_MAX_ENTRIES,
  ) {}

  lookup(key: string): CacheLookup {
    const entry = join(this.dir, key);
    if (!existsSync(entry)) return { kind: "miss" };
    try {
      const record = parseRecord(readFileSync(join(entry, BUILD_FILE), "utf8"));
      const pkg = readPackage(join(entry, record.package));
      touch(entry);
      return { kind: "hit", hit: { key, dir: join(entry, record.package), pkg, record } };
    } catch (e) {
      this.remove(key);
      return { kind: "corrupt", reason: (e as Error).message };
    }
  }

  /** Writes the entry atomically and returns its package folder. Another writer of the same key may win; its entry is as good. */
  store(key: string, built: { readonly manifest: Manifest; readonly wasm: Uint8Array; readonly ir?: string }, record: BuildRecord): string {
    if (!KEY_RE.test(key)) throw new Error(`internal: bad cache key ${key}`);
    mkdirSync(this.dir, { recursive: true });
    const tmp = mkdtempSync(join(this.dir, TMP_PREFIX));
    const entry = join(this.dir, key);
    let pkgName: string;
    try {
      pkgName = basename(writePackage(tmp, built.manifest, built.wasm, built.ir));
      const stored: StoredRecord = { format: "kestrel-cache-entry", version: KEY_VERSION, package: pkgName, ...record };
      writeFileSync(join(tmp, BUILD_FILE), JSON.stringify(stored) + "\n");
      renameSync(tmp, entry);
      touch(entry);
    } catch (e) {
      rmSync(tmp, { recursive: true, force: true });
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== "ENOTEMPTY" && code !== "EEXIST") throw e;
      const existing = this.lookup(key);
      if (existing.kind !== "hit") throw new Error(`cache entry ${key} appeared but cannot be read`);
      return existing.hit.dir;
    }
    this.evict();
    return join(entry, pkgName);
  }

  /** Entries, most recently used first. */
  list(): CacheEntryInfo[] {
    return this.keys()
      .map((key) => {
        const dir = join(this.dir, key);
        let record: BuildRecord | undefined;
        try {
          record = parseRecord(readFileSync(join(dir, BUILD_FILE), "utf8"));
        } catch {
          record = undefined;
        }
        return { key, dir, lastUsed: statSync(dir).mtime, bytes: folderBytes(dir), record };
      })
      .sort((a, b) => b.lastUsed.getTime() - a.lastUsed.getTime());
  }

  /** Removes every entry and leftover temporary folder (nothing else in the folder); returns the number of entries removed. */
  clear(): number {
    const keys = this.keys();
    for (const key of keys) this.remove(key);
    for (const name of this.names()) {
      if (name.startsWith(TMP_PREFIX) || name.startsWith(TRASH_PREFIX)) rmSync(join(this.dir, name), { recursive: true, force: true });
    }
    return keys.length;
  }

  /** Keeps the `maxEntries` most recently used entries; also sweeps temporary folders of writers that died. */
  evict(): void {
    for (const info of this.list().slice(this.maxEntries)) this.remove(info.key);
    const now = Date.now();
    for (const name of this.names()) {
      if (!name.startsWith(TMP_PREFIX) && !name.startsWith(TRASH_PREFIX)) continue;
      const at = join(this.dir, name);
      try {
        if (now - statSync(at).mtimeMs > STALE_TMP_MS) rmSync(at, { recursive: true, force: true });
      } catch {
        // Another process swept it first.
      }
    }
  }

  /** Renames the entry out of the way first, so a reader sees it whole or not at all. */
  private remove(key: string): void {
    const trash = join(this.dir, `${TRASH_PREFIX}${randomBytes(6).toString("hex")}`);
    try {
      renameSync(join(this.dir, key), trash);
    } catch {
      return; // already gone
    }
    rmSync(trash, { recursive: true, force: true });
  }

  private names(): string[] {
    try {
      return readdirSync(this.dir);
    } catch {
      return [];
    }
  }

  private keys(): string[] {
    return this.names().filter((n) => KEY_RE.test(n));
  }
}

/** Marks an entry used now (its folder's mtime), on the same clock for stores and hits. */
function touch(entry: string): void {
  const now = new Date();
  utimesSync(entry, now, now);
}

function parseRecord(text: string): StoredRecord {
  const r = JSON.parse(text) as Partial<StoredRecord> | null;
  const ok =
    r !== null &&
    r.format === "kestrel-cache-entry" &&
    r.version === KEY_VERSION &&
    typeof r.package === "string" &&
    r.package.endsWith(".kpkg") &&
    !r.package.includes("/") &&
    Array.isArray(r.diagnostics) &&
    r.diagnostics.every((d) => typeof d === "string") &&
    Array.isArray(r.inputs) &&
    typeof r.created === "string" &&
    typeof r.schema === "string" &&
    typeof r.openFields === "boolean" &&
    typeof r.files === "number" &&
    typeof r.rules === "number" &&
    typeof r.filesFailed === "number";
  if (!ok) throw new Error(`${BUILD_FILE} is not a Kestrel cache record`);
  return r as StoredRecord;
}

function folderBytes(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) total += statSync(join(e.parentPath, e.name)).size;
  }
  return total;
}

