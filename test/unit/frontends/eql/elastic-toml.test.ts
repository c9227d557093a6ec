/**
 * @fileoverview The Elastic TOML variant of the EQL frontend, piece by piece: the TOML
 * scanner finds each string's content exactly (all four string forms, quotes next to
 * the closing delimiter, escapes, CRLF, comments, inline tables, dotted and quoted
 * keys) and agrees with smol-toml on every literal string of the repository's TOML rule
 * files; the query text keeps TOML offsets; a CRLF file gets its caret on the right
 * column; TOML rules lower in the elastic dialect; the frontend is the one `.toml` files get.
 */
import fg from "fast-glob";
import { readFileSync } from "node:fs";
import { parse } from "smol-toml";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { DiagnosticBag } from "../../../../compiler/diagnostics/diagnostic.js";
import { formatDiagnostic } from "../../../../compiler/diagnostics/format.js";
import { locateToml, type TomlLocations } from "../../../../compiler/frontends/eql/elastic-toml/locate.js";
import { queryFile } from "../../../../compiler/frontends/eql/elastic-toml/query-file.js";
import { elasticTomlFrontend } from "../../../../compiler/frontends/eql/index.js";
import { ruleExtensions } from "../../../../compiler/frontends/extensions.js";
import { frontendFor } from "../../../../compiler/frontends/registry.js";
import { loadSchema } from "../../../../compiler/schema/load.js";
import { SourceFile } from "../../../../compiler/source/source-file.js";

function locate(text: string): { locations: TomlLocations; content: (path: string) => string | undefined } {
  const locations = locateToml(new SourceFile("t.toml", text));
  const content = (path: string): string | undefined => {
    const at = locations.values.get(path)?.content;
    return at === undefined ? undefined : text.slice(at.start, at.end);
  };
  return { locations, content };
}

test("the four string forms, with quotes and escapes next to the closing delimiter", () => {
  const text = [
    "[rule]",
    "b = 'C:\\path'",
    'c = "say \\"hi\\""',
    "d = '''",
    "two 'quotes' here''''",
    'e = """\\"""quoted\\""""""',
    "f = '''",
    "'''",
  ];
  const src = text.join("\n");
  const doc = parse(src) as { rule: Record<string, string> };
  const { content } = locate(src);
  assert.is(content("rule.b"), doc.rule["b"]);
  assert.is(content("rule.c"), 'say \\"hi\\"');
  assert.is(content("rule.d"), doc.rule["d"]);
  assert.is(content("rule.d"), "two 'quotes' here'");
  assert.is(content("rule.e"), '\\"""quoted\\"""');
  assert.is(content("rule.f"), "");
});

test("comments, multi-line arrays, inline tables, dotted and quoted keys", () => {
  const src = [
    "# it's a comment with 'quotes' and [brackets]",
    'title = "x" # query = \'nope\'',
    "[rule]",
    'tags = [ # the list',
    '  "a]b",  # a bracket inside a string',
    "  'c',",
    "]",
    '"quoted key" = 1',
    "site.\"dotted\" . key = 'v'",
    "threat = [{ framework = 'MITRE ATT&CK', tactic = { name = 'Discovery' } }]",
    "query = 'process where true'",
    "[[rule.threat2]]",
    "query = 'not the rule query'",
  ].join("\n");
  parse(src);
  const { locations, content } = locate(src);
  assert.is(content("title"), "x");
  assert.is(content("rule.tags.0"), "a]b");
  assert.is(content("rule.tags.1"), "c");
  assert.is(content("rule.site.dotted.key"), "v");
  assert.is(content("rule.threat.0.tactic.name"), "Discovery");
  assert.is(content("rule.query"), "process where true");
  assert.is(content("rule.threat2.query"), "not the rule query");
  assert.ok(locations.values.has("rule.quoted key"));
  assert.is(locations.tables.get("rule.threat2")?.start, src.indexOf("[[rule.threat2]]"));
});

test("CRLF: a multi-line literal's content starts after its CRLF and maps exactly", () => {
  const src = "[rule]\r\nquery = '''\r\nprocess where\r\n  x\r\n'''\r\n";
  const doc = parse(src) as { rule: { query: string } };
  assert.is(locate(src).content("rule.query"), doc.rule.query);
});

test("smol-toml and the scanner agree on every literal [rule] string of the repository's TOML rules", async () => {
  const files = (await fg("test/{fixtures,ir,diagnostics}/**/*.toml")).filter((f) => !f.endsWith("bad_toml.toml"));
  assert.ok(files.length >= 10);
  let checked = 0;
  for (const f of files) {
    const text = readFileSync(f, "utf8");
    const rule = (parse(text) as { rule?: Record<string, unknown> }).rule ?? {};
    const { content } = locate(text);
    for (const [key, value] of Object.entries(rule)) {
      const strings = typeof value === "string" ? [[`rule.${key}`, value]] : Array.isArray(value) ? value.map((v, i) => [`rule.${key}.${i}`, v]) : [];
      for (const [path, v] of strings) {
        if (typeof v !== "string" || typeof path !== "string") continue;
        const written = content(path);
        assert.ok(written !== undefined, `${f}: ${path} located`);
        if (!written.includes("\\")) assert.is(written, v, `${f}: ${path}`);
        checked++;
      }
    }
  }
  assert.ok(checked >= 50, `${checked} strings checked`);
});

test("the query file keeps TOML offsets: the query where it is written, blanks elsewhere", () => {
  const file = new SourceFile("q.toml", "[rule]\nquery = 'a or b'\n");
  const start = file.text.indexOf("a or b");
  const exact = queryFile(file, "a or b", { file: "q.toml", start, end: start + 6 });
  assert.is(exact.text, "      \n         a or b \n");
  assert.is(exact.text.length, file.text.length);
  // A value that differs from its text (escapes) is laid out from the content's start.
  const moved = queryFile(file, "a\"b", { file: "q.toml", start, end: start + 6 });
  assert.is(moved.text, "      \n         a\"b    \n");
});

test("a CRLF rule file: the EQL error's caret is on the TOML file's line and column", () => {
  const text = ["[rule]", 'rule_id = "crlf"', 'language = "eql"', "query = '''", "process where", '  process.nmae : "x"', "'''", ""].join("\r\n");
  const file = new SourceFile("crlf.toml", text);
  const bag = new DiagnosticBag();
  const ast = elasticTomlFrontend.parse(file, bag);
  assert.ok(ast !== undefined);
  const rules = elasticTomlFrontend.lower(ast, { schema: loadSchema("ecs"), bag, file });
  assert.is(rules.length, 0);
  assert.is(
    bag.items.map((d) => formatDiagnostic(d, file)).join("\n"),
    "crlf.toml:6:3: error K1201: Unknown field 'process.nmae' in schema 'ecs'.\n  in rule 'crlf' → rule.query\n  process.nmae : \"x\"\n  ^^^^^^^^^^^^",
  );
});

test("TOML rules lower in the elastic dialect even when the build asks for endgame", () => {
  const file = new SourceFile("d.toml", "[rule]\nrule_id = 'd'\nlanguage = 'eql'\nquery = 'process where process.name == \"Cmd.exe\"'\n");
  const bag = new DiagnosticBag();
  const ast = elasticTomlFrontend.parse(file, bag);
  assert.ok(ast !== undefined);
  const [rule] = elasticTomlFrontend.lower(ast, { schema: loadSchema("ecs"), bag, file, dialect: "endgame" });
  assert.is(bag.items.length, 0);
  assert.match(JSON.stringify(rule?.query), '"op":"eq","field":{"id":');
  assert.match(JSON.stringify(rule?.query), '"value":"Cmd.exe","caseInsensitive":false');
});

test(".toml files are collected and go to the Elastic TOML frontend", () => {
  assert.ok(ruleExtensions.includes(".toml"));
  assert.is(frontendFor("rules/x/Discovery.TOML"), elasticTomlFrontend);
});

test.run();
