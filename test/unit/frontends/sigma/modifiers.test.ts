/**
 * @fileoverview Sigma value modifiers, one behaviour per test: each rule is inline
 * YAML and the assertion is the exact IR (or diagnostic) it lowers to.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { base64Offsets } from "../../../../compiler/frontends/sigma/encodings.js";
import { sigmaFrontend } from "../../../../compiler/frontends/sigma/index.js";
import { codes, compileWith, predicateOf } from "./compile.js";

/** One selection with the given body lines, under the `anything` log source (no extra clauses). */
function sel(...lines: string[]): ReturnType<typeof compileWith> {
  const body = lines.map((l) => `    ${l}`).join("\n");
  return compileWith(sigmaFrontend, "m.yml", `title: M\nlogsource: {category: anything}\ndetection:\n  sel:\n${body}\n  condition: sel\n`);
}

test("contains / startswith / endswith", () => {
  assert.is(predicateOf(sel("CommandLine|contains: Foo")), '(str.contains~ CommandLine "foo")');
  assert.is(predicateOf(sel("CommandLine|startswith: Foo")), '(str.prefix~ CommandLine "foo")');
  assert.is(predicateOf(sel("CommandLine|endswith: Foo")), '(str.suffix~ CommandLine "foo")');
  assert.is(predicateOf(sel("CommandLine|contains: 'a*b'")), '(str.wildcard~ CommandLine "*a*b*")');
  assert.is(predicateOf(sel("CommandLine|startswith: '*x'")), '(str.contains~ CommandLine "x")', "'*x' + startswith is '*x*'");
});

test("a list ORs, |all ANDs", () => {
  assert.is(predicateOf(sel("Image: [a, b]")), '(or\n  (str.eq~ Image "a")\n  (str.eq~ Image "b"))');
  assert.is(predicateOf(sel("Image|contains|all: [a, b]")), '(and\n  (str.contains~ Image "a")\n  (str.contains~ Image "b"))');
  assert.is(predicateOf(sel("Image|all|contains: [a, b]")), '(and\n  (str.contains~ Image "a")\n  (str.contains~ Image "b"))');
});

test("cased keeps case and compares case-sensitively", () => {
  assert.is(predicateOf(sel("Image|cased: AbC")), '(str.eq Image "AbC")');
});

test("windash expands flag dashes only", () => {
  const p = predicateOf(sel("CommandLine|windash: 'a-b -x'"));
  assert.is(
    p,
    [
      "(or",
      '  (str.eq~ CommandLine "a-b -x")',
      '  (str.eq~ CommandLine "a-b /x")',
      '  (str.eq~ CommandLine "a-b \u2013x")',
      '  (str.eq~ CommandLine "a-b \u2014x")',
      '  (str.eq~ CommandLine "a-b \u2015x")',
      ")",
    ]
      .join("\n")
      .replace("\n)", ")"),
  );
});

test("windash variants of one value stay OR'ed under |all", () => {
  const p = predicateOf(sel("CommandLine|windash|contains|all: ['-a', 'b']"));
  assert.match(p, /^\(and\n  \(or\n    \(str\.contains~ CommandLine "-a"\)/);
  assert.match(p, /\n  \(str\.contains~ CommandLine "b"\)\)$/);
});

test("re, re|i, re|m|s and cased default", () => {
  assert.is(predicateOf(sel("CommandLine|re: 'A.B'")), '(regex CommandLine "A.B")');
  assert.is(predicateOf(sel("CommandLine|re|i: 'A.B'")), '(regex~ CommandLine "A.B")');
  assert.is(predicateOf(sel("CommandLine|re|s: 'A.B'")), '(regex CommandLine "A[\\\\s\\\\S]B")');
  assert.equal(codes(sel("CommandLine|i: 'x'")), ["K1307"]);
  assert.equal(codes(sel("CommandLine|contains|re: 'x'")), ["K1307"]);
  assert.equal(codes(sel("CommandLine|re: 'a(b'")), ["K1010"]);
});

test("cidr canonicalizes and validates", () => {
  assert.is(predicateOf(sel("DestinationIp|cidr: 10.1.2.3/8")), "(cidr DestinationIp 10.0.0.0/8)");
  assert.is(predicateOf(sel("DestinationIp|cidr: 'FE80::1/10'")), "(cidr DestinationIp fe80::/10)");
  assert.equal(codes(sel("DestinationIp|cidr: 10.0.0.0/33")), ["K1011"]);
  assert.is(predicateOf(sel("DestinationIp|cidr: 10.1.2.3")), "(cidr DestinationIp 10.1.2.3/32)", "a bare address, as pySigma reads it");
  assert.equal(codes(sel("DestinationIp|cidr: 10.1/16")), ["K1011"], "IPv4 is dotted four-part decimal, as in EQL");
  assert.equal(codes(sel("EventID|cidr: 10.0.0.0/8")), ["K1206"]);
});

test("exists, comparisons, neq", () => {
  assert.is(predicateOf(sel("User|exists: true")), "(exists User)");
  assert.is(predicateOf(sel("User|exists: false")), "(not\n  (exists User))");
  assert.is(predicateOf(sel("EventID|gte: 4")), "(int.ge EventID 4)");
  assert.is(predicateOf(sel("Ratio|lt: 0.5")), "(float.lt Ratio 0.5)");
  assert.is(predicateOf(sel("EventID|neq: 4")), "(and\n  (exists EventID)\n  (not\n    (int.eq EventID 4)))");
  assert.equal(codes(sel("User|exists: yes please")), ["K1307"]);
  assert.equal(codes(sel("EventID|lt: abc")), ["K1307"]);
  assert.equal(codes(sel("Image|lt: 5")), ["K1206"]);
});

test("base64 and base64offset are case-sensitive; wide encodes UTF-16LE first", () => {
  assert.is(predicateOf(sel("CommandLine|base64: 'ab'")), '(str.eq CommandLine "YWI=")');
  assert.equal(base64Offsets("foobar", false), ["Zm9vYmFy", "Zvb2Jhc", "mb29iYX"]);
  const p = predicateOf(sel("CommandLine|wide|base64offset|contains: 'cmd'"));
  assert.is(p, '(or\n  (str.contains CommandLine "YwBtAGQA")\n  (str.contains CommandLine "MAbQBkA")\n  (str.contains CommandLine "jAG0AZA"))');
  assert.equal(codes(sel("CommandLine|wide: 'cmd'")), ["K1307"]);
  assert.equal(codes(sel("CommandLine|base64: 'a*'")), ["K1307"]);
});

test("unknown and unsupported modifiers are located at the modifier", () => {
  const c = sel("Image|bogus: x");
  assert.equal(codes(c), ["K1302"]);
  assert.match(c.diagnostics, "m.yml:5:11: error K1302: Unknown Sigma modifier 'bogus'.");
  assert.equal(codes(sel("Image|expand: '%x%'")), ["K1314"]);
  assert.equal(codes(sel("Image|hour: x")), ["K1307"]);
});

test("fieldref compares with another field of the event, case-insensitively unless cased", () => {
  assert.match(predicateOf(sel("Image|fieldref: ParentImage")), "(fieldcmp.eq~ Image ParentImage)");
  assert.match(predicateOf(sel("Image|fieldref|cased: ParentImage")), "(fieldcmp.eq Image ParentImage)");
  assert.equal(codes(sel("Image|fieldref: Nope")), ["K1201"]);
  assert.equal(codes(sel("Image|fieldref: 'Parent*'")), ["K1307"]);
});

test.run();
