/**
 * @fileoverview The package cache without the CLI: what the key covers, where the cache
 * lives, atomic stores (a second writer of the same key), corrupt entries, eviction
 * of the least recently used, and `clear` leaving foreign files alone.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { cacheDirectory, cacheKey, PackageCache, type BuildRecord, type CacheKeyParts } from "../../../src/runtime/cache.js";
import { samplePackage } from "../../helpers/sample-package.js";

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const base: CacheKeyParts = {
  files: [
    { path: "rules/a.eql", bytes: bytes("process where true") },
    { path: "rules/b.yml", bytes: bytes("title: b") },
  ],
  schema: bytes('{"id":"windows"}'),
  options: { openFields: false, dialect: "elastic", pipelines: [] },
  compiler: "c0",
};
const record: BuildRecord = { created: "2026-01-01T00:00:00.000Z", inputs: ["rules/"], schema: "windows", openFields: false, files: 3, rules: 3, filesFailed: 0, diagnostics: ["a.eql:1:1: warning K1208: x"] };
const key = (n: number): string => n.toString(16).padStart(64, "0");
const scratch = (): string => mkdtempSync(join(tmpdir(), "kestrel-cache-unit-"));

test("the key covers each file's path and bytes, the schema, the options (pipelines too) and the compiler, not file order", () => {
  const k = cacheKey(base);
  assert.match(k, /^[0-9a-f]{64}$/);
  assert.is(cacheKey({ ...base, files: [...base.files].reverse() }), k);
  const variants: CacheKeyParts[] = [
    { ...base, files: [{ path: "rules/a.eql", bytes: bytes("process where false") }, base.files[1]!] },
    { ...base, files: [{ path: "other/a.eql", bytes: bytes("process where true") }, base.files[1]!] },
    { ...base, files: base.files.slice(1) },
    { ...base, schema: bytes('{"id":"ecs"}') },
    { ...base, options: { openFields: true, dialect: "elastic", pipelines: [] } },
    { ...base, options: { openFields: false, dialect: "endgame", pipelines: [] } },
    { ...base, options: { openFields: false, dialect: "elastic", pipelines: ["p1"] } },
    { ...base, compiler: "c1" },
  ];
  const keys = new Set([k, ...variants.map(cacheKey)]);
  assert.is(keys.size, variants.length + 1);
});

test("the cache folder: KESTREL_CACHE_DIR, else an absolute XDG_CACHE_HOME, else ~/.cache", () => {
  assert.is(cacheDirectory({ KESTREL_CACHE_DIR: "/tmp/k", XDG_CACHE_HOME: "/x" }), "/tmp/k");
  assert.is(cacheDirectory({ XDG_CACHE_HOME: "/x" }), "/x/kestrel");
  assert.is(cacheDirectory({ XDG_CACHE_HOME: "relative" }), join(homedir(), ".cache", "kestrel"));
  assert.is(cacheDirectory({}), join(homedir(), ".cache", "kestrel"));
});

test("store then lookup gives back the package and the build's diagnostics", async () => {
  const cache = new PackageCache(scratch());
  const pkg = await samplePackage(1);
  assert.is(cache.lookup(key(1)).kind, "miss");
  const dir = cache.store(key(1), pkg, record);
  assert.ok(existsSync(join(dir, "manifest.json")) && existsSync(join(dir, "rules.wasm")), "a normal .kpkg folder");
  const found = cache.lookup(key(1));
  assert.ok(found.kind === "hit");
  assert.is(found.hit.pkg.manifest.module.sha256, pkg.manifest.module.sha256);
  assert.equal([...found.hit.pkg.wasm], [...pkg.wasm]);
  assert.equal(found.hit.record.diagnostics, record.diagnostics);
  assert.equal(readdirSync(cache.dir), [key(1)], "no temporary folder is left behind");
});

test("a second writer of the same key keeps the first entry and leaves nothing behind", async () => {
  const cache = new PackageCache(scratch());
  const first = await samplePackage(1);
  cache.store(key(2), first, record);
  const dir = cache.store(key(2), await samplePackage(2), record);
  const found = cache.lookup(key(2));
  assert.ok(found.kind === "hit");
  assert.is(found.hit.dir, dir);
  assert.is(found.hit.pkg.manifest.module.sha256, first.manifest.module.sha256);
  assert.equal(readdirSync(cache.dir), [key(2)]);
});

test("a corrupt entry is reported and removed, never thrown", async () => {
  const cache = new PackageCache(scratch());
  const dir = cache.store(key(3), await samplePackage(3), record);
  writeFileSync(join(dir, "rules.wasm"), "not wasm");
  const found = cache.lookup(key(3));
  assert.ok(found.kind === "corrupt");
  assert.match(found.reason, "sha256");
  assert.is(cache.lookup(key(3)).kind, "miss");
  cache.store(key(4), await samplePackage(4), record);
  writeFileSync(join(cache.dir, key(4), "build.json"), "{");
  assert.is(cache.lookup(key(4)).kind, "corrupt");
  assert.equal(readdirSync(cache.dir), []);
});

test("eviction keeps the most recently used entries; a hit counts as a use", async () => {
  const cache = new PackageCache(scratch(), 2);
  const pkg = await samplePackage(5);
  const age = (k: string, secondsAgo: number): void => {
    const t = new Date(Date.now() - secondsAgo * 1000);
    utimesSync(join(cache.dir, k), t, t);
  };
  cache.store(key(10), pkg, record);
  age(key(10), 30);
  cache.store(key(11), pkg, record);
  age(key(11), 20);
  assert.is(cache.lookup(key(10)).kind, "hit"); // now the most recent
  cache.store(key(12), pkg, record);
  assert.equal(readdirSync(cache.dir).sort(), [key(10), key(12)]);
  const listed = cache.list();
  assert.equal(listed.map((e) => e.key).sort(), [key(10), key(12)]);
  assert.ok(listed[0]!.lastUsed >= listed[1]!.lastUsed, "most recently used first");
});

test("evict sweeps temporary folders of writers that died, but only stale ones", () => {
  const cache = new PackageCache(scratch());
  mkdirSync(join(cache.dir, ".tmp-old"));
  mkdirSync(join(cache.dir, ".tmp-live"));
  const old = new Date(Date.now() - 2 * 3600 * 1000);
  utimesSync(join(cache.dir, ".tmp-old"), old, old);
  cache.evict();
  assert.equal(readdirSync(cache.dir), [".tmp-live"]);
});

test("clear removes entries and temporary folders, nothing else", async () => {
  const cache = new PackageCache(scratch());
  cache.store(key(20), await samplePackage(6), record);
  cache.store(key(21), await samplePackage(7), record);
  mkdirSync(join(cache.dir, ".tmp-x"));
  writeFileSync(join(cache.dir, "notes.txt"), "mine");
  assert.is(cache.clear(), 2);
  assert.equal(readdirSync(cache.dir), ["notes.txt"]);
  assert.is(new PackageCache(join(cache.dir, "absent")).clear(), 0);
});

test.run();
