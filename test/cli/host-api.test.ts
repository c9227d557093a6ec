/**
 * @fileoverview Host API v1 (docs/host-api.md) through the real CLI, with a rule package
 * written by hand in WebAssembly text (test/fixtures/host-api/handwritten.wat), no
 * Kestrel compiler involved: its scan protocol, the host's regex (`host.regex_test`),
 * alert emission with a capture, and the block verdict (its manifest's `action`) all work
 * beside nothing else; a module importing anything the API lacks, or a manifest asking for
 * a newer API, is refused with a message that says so.
 */
import binaryen from "binaryen";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import type { Manifest } from "../../compiler/package/manifest.js";
import { loadSchema } from "../../compiler/schema/load.js";
import { alerts, kestrel, scratchDir } from "./helpers.js";

const test = suite("cli: Host API v1, a hand-written package");
const dir = scratchDir();
const wat = readFileSync("test/fixtures/host-api/handwritten.wat", "utf8");

function assemble(text: string): Uint8Array {
  const m = binaryen.parseText(text);
  if (!m.validate()) throw new Error("the hand-written module does not validate");
  const bytes = m.emitBinary();
  m.dispose();
  return bytes;
}

function writePackage(name: string, wasm: Uint8Array, extra: Partial<Manifest> = {}): string {
  const schema = loadSchema("windows");
  const manifest: Manifest = {
    format: "kestrel-package",
    formatVersion: 2,
    abiVersion: 2,
    name,
    compiler: { name: "kestrel", version: "hand-written" },
    schema: { id: schema.id, hash: schema.hash, timestamp: schema.timestamp, entityKey: schema.entityKey },
    module: { file: "rules.wasm", sha256: createHash("sha256").update(wasm).digest("hex"), bytes: wasm.length },
    heapBase: 65536,
    hostApi: 1,
    hostImports: ["host.regex_test"],
    regexes: [{ source: "evil", flags: "i" }],
    fields: [],
    rules: [
      {
        index: 0,
        id: "handwritten-evil",
        title: "A line that says evil",
        language: "json",
        source: { path: "handwritten.wat", line: 1 },
        severity: "high",
        author: ["Kestrel Tests"],
        tags: ["attack.execution"],
        action: "block",
        description: "Written by hand in WebAssembly text.",
        detect: { kind: "match" },
        steps: [{ step: 0, emit: 0, captures: [{ name: "head", path: "head", role: "entity", foldCase: false }] }],
      },
    ],
    ...extra,
  };
  const pkg = join(dir, `${name}.kpkg`);
  mkdirSync(pkg, { recursive: true });
  writeFileSync(join(pkg, "rules.wasm"), wasm);
  writeFileSync(join(pkg, "manifest.json"), JSON.stringify(manifest, null, 1));
  return pkg;
}

const pkg = writePackage("handwritten", assemble(wat));
const events = ['{"msg":"hello"}', '{"msg":"an EVIL plan"}', "", '{"msg":"fine"}', '{"note":"evil again"}'].join("\r\n") + "\r\n";
const eventsFile = join(dir, "events.ndjson");
writeFileSync(eventsFile, events);

test("kestrel run: the package's matches become alerts, with its capture and the host's regex", () => {
  const r = kestrel(["run", eventsFile, "--rules", pkg, "-q"]);
  assert.is(r.code, 0, r.stderr);
  const out = alerts(r.stdout) as unknown as { rule: { id: string }; kestrel: { origin: { line: number }[]; entity?: Record<string, string> } }[];
  assert.equal(out.map((a) => [a.rule.id, a.kestrel.origin[0]?.line, a.kestrel.entity?.["head"]]), [
    ["handwritten-evil", 2, '{"msg":"'],
    ["handwritten-evil", 5, '{"note":'],
  ]);
});

test("kestrel run --inline: the rule's action blocks the events it matches", () => {
  const r = kestrel(["run", "--inline", "--rules", pkg], { input: events });
  assert.is(r.code, 0, r.stderr);
  const verdicts = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as { seq: number; verdict: string; rules: string[] });
  assert.equal(verdicts.map((v) => [v.seq, v.verdict, v.rules]), [
    [1, "allow", []],
    [2, "block", ["handwritten-evil"]],
    [4, "allow", []],
    [5, "block", ["handwritten-evil"]],
  ]);
});

test("a module that imports what Host API v1 lacks is refused, naming the import", () => {
  const foreign = wat.replace(
    '(import "host" "regex_test" (func $regex_test (param i32 i32 i32) (result i32)))',
    '(import "host" "regex_test" (func $regex_test (param i32 i32 i32) (result i32)))\n  (import "host" "exec" (func $exec (param i32 i32)))',
  );
  const r = kestrel(["run", eventsFile, "--rules", writePackage("foreign", assemble(foreign)), "-q"]);
  assert.is(r.code, 1);
  assert.match(r.stderr, "foreign: the module imports function host.exec, which Host API v1 does not provide (it provides host.regex_test)");
});

test("a package that needs a newer Host API is refused, naming both versions", () => {
  const r = kestrel(["run", eventsFile, "--rules", writePackage("future", assemble(wat), { hostApi: 2 }), "-q"]);
  assert.is(r.code, 1);
  assert.match(r.stderr, "future: the package needs Host API v2; this runner provides v1");
});

test.run();
