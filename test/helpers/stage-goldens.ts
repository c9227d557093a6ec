/**
 * @fileoverview The golden suites every rule language shares, written once: AST goldens
 * (parse → the language's AST printer), IR goldens (lower + passes + validate →
 * printRule) and diagnostic goldens (bad rule → formatted diagnostics), and cases compiled
 * as a whole build (buildCases). Each language's test file names its folder, frontend and schemas.
 */
import { readdirSync, readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { DiagnosticBag } from "../../compiler/diagnostics/diagnostic.js";
import { formatDiagnostic } from "../../compiler/diagnostics/format.js";
import { compileSources, type CompileResult } from "../../compiler/index.js";
import type { Frontend } from "../../compiler/frontends/frontend.js";
import type { IrRule } from "../../compiler/ir/nodes.js";
import { printRule } from "../../compiler/ir/print.js";
import { validateRule } from "../../compiler/ir/validate.js";
import { runPasses } from "../../compiler/passes/pipeline.js";
import { loadSchema } from "../../compiler/schema/load.js";
import { pipelineScope, pipelinesFor } from "../../compiler/pipeline/select.js";
import { SourceFile } from "../../compiler/source/source-file.js";
import { expectGolden } from "./golden.js";

export interface GoldenSuite<Ast> {
  readonly dir: string;
  /** Rule file extension, with the dot. */
  readonly ext: string;
  readonly frontend: Frontend<Ast>;
  readonly minCases: number;
  /** Schema id for a case file name; default: `ecs_*` → ecs, `endgame_*` → endgame, else windows. */
  readonly schemaFor?: (name: string) => string;
}

function defaultSchema(name: string): string {
  if (name.startsWith("ecs_")) return "ecs";
  return name.startsWith("endgame_") ? "endgame" : "windows";
}

function compileCase<Ast>(suite: GoldenSuite<Ast>, name: string): { file: SourceFile; bag: DiagnosticBag; ast: Ast | undefined; rules: IrRule[] } {
  const path = `${suite.dir}/${name}`;
  const schema = loadSchema((suite.schemaFor ?? defaultSchema)(name));
  const file = new SourceFile(path, readFileSync(path, "utf8"));
  const bag = new DiagnosticBag();
  const ast = suite.frontend.parse(file, bag);
  const rules = ast === undefined ? [] : suite.frontend.lower(ast, { schema, bag, file, ...pipelineScope(pipelinesFor(schema, []), suite.frontend.language) });
  for (const r of rules) assert.equal(validateRule(runPasses(r), schema), [], `${name}: ${r.id} validates`);
  return { file, bag, ast, rules };
}

function casesOf(suite: GoldenSuite<unknown>): string[] {
  const cases = readdirSync(suite.dir).filter((f) => f.endsWith(suite.ext)).sort();
  test(`${suite.dir} has at least ${suite.minCases} cases`, () => assert.ok(cases.length >= suite.minCases));
  return cases;
}

/** Every NAME.ext parses without diagnostics; its AST prints as NAME.ast.txt. */
export function astGoldens<Ast>(suite: GoldenSuite<Ast> & { readonly print: (ast: Ast) => string }): void {
  for (const name of casesOf(suite as GoldenSuite<unknown>)) {
    test(name, () => {
      const path = `${suite.dir}/${name}`;
      const file = new SourceFile(path, readFileSync(path, "utf8"));
      const bag = new DiagnosticBag();
      const ast = suite.frontend.parse(file, bag);
      assert.is(bag.items.map((d) => formatDiagnostic(d, file)).join("\n"), "");
      if (ast === undefined) return assert.unreachable("no AST");
      expectGolden(`${suite.dir}/${name.slice(0, -suite.ext.length)}.ast.txt`, suite.print(ast));
    });
  }
}

/** Every NAME.ext lowers cleanly; the rules after the passes print as NAME.ir.txt. */
export function irGoldens<Ast>(suite: GoldenSuite<Ast>): void {
  for (const name of casesOf(suite as GoldenSuite<unknown>)) {
    test(name, () => {
      const { file, bag, rules } = compileCase(suite, name);
      assert.is(bag.items.map((d) => formatDiagnostic(d, file)).join("\n"), "");
      assert.ok(rules.length >= 1);
      expectGolden(`${suite.dir}/${name.slice(0, -suite.ext.length)}.ir.txt`, rules.map(runPasses).map(printRule).join("\n") + "\n");
    });
  }
}

/**
 * Every NAME.ext has errors, the rules with errors are left out, and the formatted
 * diagnostics equal NAME.err.txt. `rulesIn` counts a file's rules where a file may hold
 * several (those without errors still lower); by default a file holds one. A file named
 * warn_NAME.ext is skipped instead: warnings, no errors, no rule.
 */
export function diagnosticGoldens<Ast>(suite: GoldenSuite<Ast> & { readonly rulesIn?: (ast: Ast) => number }): void {
  for (const name of casesOf(suite as GoldenSuite<unknown>)) {
    test(name, () => {
      const { file, bag, ast, rules } = compileCase(suite, name);
      const total = ast === undefined || suite.rulesIn === undefined ? 1 : suite.rulesIn(ast);
      if (name.startsWith("warn_")) {
        assert.ok(!bag.hasErrors() && bag.items.length > 0, "expected warnings only");
        assert.is(rules.length, 0, "a skipped file yields no rule");
      } else {
        assert.ok(bag.hasErrors(), "expected errors");
        assert.ok(rules.length < total, "rules with errors are left out");
      }
      expectGolden(`${suite.dir}/${name.slice(0, -suite.ext.length)}.err.txt`, bag.items.map((d) => formatDiagnostic(d, file)).join("\n\n") + "\n");
    });
  }
}

/**
 * Every NAME.yml in `dir` compiled as a whole build (compileSources against the `windows`
 * schema: lowering, linking across documents, passes, validation), each one test that
 * hands the result to `check`.
 */
export function buildCases(dir: string, minCases: number, check: (name: string, text: string, result: CompileResult) => void): void {
  const cases = readdirSync(dir).filter((f) => f.endsWith(".yml")).sort();
  test(`${dir} has at least ${minCases} cases`, () => assert.ok(cases.length >= minCases));
  for (const name of cases) {
    test(name, () => {
      const path = `${dir}/${name}`;
      const text = readFileSync(path, "utf8");
      check(name.slice(0, -4), text, compileSources([{ path, read: () => text }], { schema: "windows" }));
    });
  }
}

/** A build's diagnostics, formatted with their sources. */
export function formattedDiagnostics(result: CompileResult): string[] {
  return result.diagnostics.map((d) => formatDiagnostic(d, result.sources.get(d.span.file)));
}
