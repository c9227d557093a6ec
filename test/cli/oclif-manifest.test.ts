/**
 * @fileoverview The committed oclif.manifest.json must equal a freshly generated one:
 * oclif trusts the manifest at start-up, so a stale copy would hide new flags.
 * Generation runs `oclif manifest` in a scratch folder that mirrors the package.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";

const root = resolve(".");

test("oclif.manifest.json is up to date (npm run manifest refreshes it)", () => {
  const scratch = mkdtempSync(join(tmpdir(), "kestrel-manifest-"));
  try {
    copyFileSync(join(root, "package.json"), join(scratch, "package.json"));
    for (const d of ["dist", "node_modules", "bin"]) symlinkSync(join(root, d), join(scratch, d));
    execFileSync(process.execPath, [join(root, "node_modules/oclif/bin/run.js"), "manifest"], { cwd: scratch, stdio: "pipe" });
    const fresh = JSON.parse(readFileSync(join(scratch, "oclif.manifest.json"), "utf8")) as unknown;
    const committed = JSON.parse(readFileSync(join(root, "oclif.manifest.json"), "utf8")) as unknown;
    assert.equal(committed, fresh, "oclif.manifest.json is stale: run `npm run build && npm run manifest`");
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});

test.run();
