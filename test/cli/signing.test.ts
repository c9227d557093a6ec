/**
 * @fileoverview Package signing through the real CLI: `keygen`, `build --sign` and
 * `run --trust`. A trusted signed package runs; an unsigned one, one signed by another key,
 * and ones whose manifest, signature or module were altered are each refused with their
 * own message and exit 1; a missing key file is one clear line, not a stack trace.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { kestrel, scratchDir } from "./helpers.js";

const test = suite("cli: signed packages");
const dir = scratchDir();
const events = "examples/sample-events.ndjson";
const keys = join(dir, "keys");
const other = join(dir, "other");
assert.is(kestrel(["keygen", "--out", keys]).code, 0);
assert.is(kestrel(["keygen", "--out", other]).code, 0);
const build = kestrel(["build", "rules", "--out", join(dir, "b"), "--sign", join(keys, "kestrel.key")]);
const pkg = join(dir, "b", "rules.kpkg");
const pub = join(keys, "kestrel.pub");
const run = (p: string, key = pub) => kestrel(["run", events, "--rules", p, "--trust", key, "-q", "--workers", "1"]);

/** A copy of the signed package, altered by `change`. */
function altered(name: string, change: (copy: string) => void): string {
  const copy = join(dir, name, "rules.kpkg");
  cpSync(pkg, copy, { recursive: true });
  change(copy);
  return copy;
}

test("build --sign signs; run --trust runs the package", () => {
  assert.is(build.code, 0, build.stderr);
  assert.match(build.stderr, "signed by key");
  const r = run(pkg);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout.trimEnd().split("\n").length, 9);
});

test("keygen will not overwrite a key", () => {
  const r = kestrel(["keygen", "--out", keys]);
  assert.is(r.code, 2);
  assert.match(r.stderr, "not overwriting");
});

test("refused: signed by a key that is not trusted", () => {
  const r = run(pkg, join(other, "kestrel.pub"));
  assert.is(r.code, 1);
  assert.match(r.stderr, "which is not among the trusted keys");
});

test("refused: unsigned", () => {
  const r = run(altered("unsigned", (c) => rmSync(join(c, "signature.json"))));
  assert.is(r.code, 1);
  assert.match(r.stderr, "the package is not signed");
});

test("refused: manifest modified after signing", () => {
  const r = run(altered("manifest", (c) => writeFileSync(join(c, "manifest.json"), readFileSync(join(c, "manifest.json"), "utf8").replace('"severity": "low"', '"severity": "high"'))));
  assert.is(r.code, 1);
  assert.match(r.stderr, "the signature does not match the manifest");
});

test("refused: signature altered", () => {
  const r = run(
    altered("signature", (c) => {
      const doc = JSON.parse(readFileSync(join(c, "signature.json"), "utf8")) as { signature: string };
      const bytes = Buffer.from(doc.signature, "base64");
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      writeFileSync(join(c, "signature.json"), JSON.stringify({ ...doc, signature: bytes.toString("base64") }));
    }),
  );
  assert.is(r.code, 1);
  assert.match(r.stderr, "the signature does not match the manifest");
});

test("refused: module modified (the signed manifest pins its sha256)", () => {
  const r = run(
    altered("module", (c) => {
      const wasm = readFileSync(join(c, "rules.wasm"));
      wasm[wasm.length - 1] = (wasm[wasm.length - 1] ?? 0) ^ 0xff;
      writeFileSync(join(c, "rules.wasm"), wasm);
    }),
  );
  assert.is(r.code, 1);
  assert.match(r.stderr, "does not match the manifest");
});

test("a missing key file is one clear line", () => {
  const r = run(pkg, join(dir, "nope.pub"));
  assert.is(r.code, 1);
  assert.match(r.stderr, "cannot read public key");
  assert.not.match(r.stderr, "    at ");
});

test.run();
