/**
 * @fileoverview Golden-file comparison: `expectGolden(file, actual)` fails on any
 * difference; with UPDATE_GOLDEN=1 it rewrites the file instead.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import * as assert from "uvu/assert";

export const updating = process.env["UPDATE_GOLDEN"] === "1";

export function expectGolden(file: string, actual: string): void {
  if (updating) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) assert.unreachable(`missing golden ${file}; run UPDATE_GOLDEN=1 npm test`);
  assert.fixture(actual, readFileSync(file, "utf8"), `golden ${file} differs (UPDATE_GOLDEN=1 refreshes it)`);
}
