/**
 * @fileoverview `--sink`/`--sink-opt` through oclif's real parser: each option lands on
 * the --sink before it, event arguments stay arguments, and misplaced or malformed
 * options are usage errors.
 */
import { Args, Parser } from "@oclif/core";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { sinkFlags, sinkSpecs } from "../../../src/sinks/flags.js";

async function parse(argv: string[]): Promise<{ specs: ReturnType<typeof sinkSpecs>; argv: unknown[] }> {
  const out = await Parser.parse(argv, { flags: sinkFlags, args: { events: Args.string() }, strict: false });
  return { specs: sinkSpecs(out.raw), argv: out.argv };
}

test("options follow their --sink, in command-line order; event files stay arguments", async () => {
  const r = await parse([
    "--sink", "webhook", "--sink-opt", "url=http://x/a=b", "a.ndjson",
    "--sink=file", "--sink-opt=path=out.ndjson", "--sink-opt", "max-bytes=10", "b.ndjson",
  ]);
  assert.equal(r.specs, [
    { name: "webhook", options: { url: "http://x/a=b" } },
    { name: "file", options: { path: "out.ndjson", "max-bytes": "10" } },
  ]);
  assert.equal(r.argv, ["a.ndjson", "b.ndjson"]);
});

test("no --sink means stdout; the same sink may be asked for twice with its own options", async () => {
  assert.equal((await parse(["x.ndjson"])).specs, [{ name: "stdout", options: {} }]);
  const twice = await parse(["--sink", "file", "--sink-opt", "path=a", "--sink", "file", "--sink-opt", "path=b"]);
  assert.equal(twice.specs.map((s) => s.options["path"]), ["a", "b"]);
});

test("misplaced, malformed and repeated options are usage errors (exit 2)", async () => {
  const cases: [string[], RegExp][] = [
    [["--sink-opt", "path=a", "--sink", "file"], /comes before any --sink/],
    [["--sink", "file", "--sink-opt", "path"], /expected key=value/],
    [["--sink", "file", "--sink-opt", "=a"], /expected key=value/],
    [["--sink", "file", "--sink-opt", "path=a", "--sink-opt", "path=b"], /path= is given twice/],
  ];
  for (const [argv, message] of cases) {
    const error = await parse(argv).then(() => undefined, (e: Error & { oclif?: { exit?: number } }) => e);
    assert.ok(error !== undefined, argv.join(" "));
    assert.match(error.message, message);
    assert.is(error.oclif?.exit, 2);
  }
});

test("option keys are plain data, even __proto__", async () => {
  const r = await parse(["--sink", "x", "--sink-opt", "__proto__=1", "--sink-opt", "constructor=2"]);
  assert.equal(Object.keys(r.specs[0]?.options ?? {}), ["__proto__", "constructor"]);
});

test.run();
