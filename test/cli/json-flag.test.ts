/**
 * @fileoverview `--json` on every command: the manifest lists a json flag for each, and
 * the commands that gained oclif's enableJsonFlag print one JSON value on stdout and
 * nothing else (run, build, validate, query, rules list and cache list keep their own
 * --json, tested with them).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { isolatedEnv, kestrel, scratchDir } from "./helpers.js";

test("every command in the manifest has --json", () => {
  const manifest = JSON.parse(readFileSync("oclif.manifest.json", "utf8")) as { commands: Record<string, { flags: Record<string, unknown> }> };
  const missing = Object.entries(manifest.commands).filter(([, c]) => !("json" in c.flags)).map(([id]) => id);
  assert.equal(missing, []);
});

const json = (args: readonly string[], env?: Record<string, string>): unknown => {
  const r = kestrel(args, env === undefined ? {} : { env });
  assert.is(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
};

test("keygen, cache dir, cache clear and schema infer print one JSON value", () => {
  const keys = scratchDir();
  const k = json(["keygen", "--out", keys, "--json"]) as { privateKey: string; publicKey: string; keyId: string };
  assert.equal([k.privateKey, k.publicKey], [join(keys, "kestrel.key"), join(keys, "kestrel.pub")]);
  assert.match(k.keyId, /^[0-9a-f]+$/);
  const env = isolatedEnv(scratchDir());
  assert.equal(json(["cache", "dir", "--json"], env), { dir: env["KESTREL_CACHE_DIR"] });
  assert.equal(json(["cache", "clear", "--json"], env), { removed: 0, dir: env["KESTREL_CACHE_DIR"] });
  const schema = json(["schema", "infer", "examples/sample-events.ndjson", "--json"]) as { fields: unknown[] };
  assert.ok(schema.fields.length > 5);
});

test.run();
