/**
 * @fileoverview Keeps the stages one-way: compiler/ never imports src/ or oclif, nothing
 * shipped (src/, compiler/, plugins/) imports test/ (the oracle lives there), no frontend
 * imports another (shared pieces live in frontends/common/ or ir/), and
 * compiler/codegen/module.ts is the only file that imports binaryen.
 */
import fg from "fast-glob";
import { readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";

const importRe = /(?:^|\n)\s*(?:import|export)[^'"]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(importRe)].map((m) => m[1] ?? m[2] ?? "");
}

test("compiler/ never imports src/ or oclif", async () => {
  for (const file of await fg("compiler/**/*.ts")) {
    for (const spec of importsOf(file)) {
      assert.not.ok(spec.includes("/src/") || spec.startsWith("../../src"), `${file} imports ${spec}`);
      assert.not.ok(spec.startsWith("@oclif"), `${file} imports ${spec}`);
    }
  }
});

test("shipped code (src/, compiler/, plugins/*/src/) never imports test/", async () => {
  for (const file of await fg(["src/**/*.ts", "compiler/**/*.ts", "plugins/*/src/**/*.ts"])) {
    for (const spec of importsOf(file)) assert.not.ok(/(^|\/)test\//.test(spec), `${file} imports ${spec}`);
  }
});

test("no frontend imports another; frontends/common/ imports none of them", async () => {
  const frontends = "compiler/frontends";
  const folderOf = (path: string): string | undefined => {
    const rel = relative(frontends, path);
    return rel.startsWith("..") || !rel.includes("/") ? undefined : rel.slice(0, rel.indexOf("/"));
  };
  for (const file of await fg(`${frontends}/*/**/*.ts`)) {
    const own = folderOf(file);
    for (const spec of importsOf(file)) {
      if (!spec.startsWith(".")) continue;
      const target = folderOf(normalize(join(dirname(file), spec)));
      assert.ok(target === undefined || target === own || (target === "common" && own !== "common"), `${file} imports ${spec}`);
    }
  }
});

test("only compiler/codegen/module.ts imports binaryen", async () => {
  const importers: string[] = [];
  for (const file of await fg(["compiler/**/*.ts", "src/**/*.ts"])) {
    if (importsOf(file).includes("binaryen")) importers.push(file);
  }
  assert.equal(importers, ["compiler/codegen/module.ts"]);
});

test("the runtime never imports codegen that loads binaryen", async () => {
  for (const file of await fg("src/runtime/**/*.ts")) {
    for (const spec of importsOf(file)) assert.not.ok(/codegen\/(module|link|rules|expr)/.test(spec), `${file} imports ${spec}`);
  }
});

test("commands load the compiler's entry and the schema loader lazily: binaryen, the parsers and the validators would slow every start-up", async () => {
  for (const file of await fg("src/{commands,util,hooks,sinks}/**/*.ts")) {
    const text = readFileSync(file, "utf8");
    const eager = /^import (?!type )[^;]*from "[./]*compiler\/(index|schema\/load)\.js";/m.exec(text);
    assert.is(eager, null, `${file} imports ${eager?.[1] ?? ""} eagerly`);
  }
});

test.run();
