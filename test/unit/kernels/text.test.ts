/**
 * @fileoverview k_str (eq, prefix, suffix, contains, wildcard; with and without ci), k_len and
 * k_regex, including non-ASCII values, NUMBER raw text, arrays and MISSING/NULL.
 */
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { loadKernels, CMP, STR } from "../../helpers/kernel-harness.js";

const test = suite("kernels: text predicates");

const h = await loadKernels({ fields: ["s", "n", "arr", "nul", "none"], regexes: [/^cmd\.exe$/i, /\d{4}/, /é+/u] });

/** Loads {"s": value} and applies k_str. */
function str(value: string, op: number, pattern: string, ci = false): boolean {
  return h.load(JSON.stringify({ s: value })).str("s", op, pattern, ci);
}
const wild = (value: string, pattern: string, ci = false) => str(value, STR.wildcard, pattern, ci);

test("eq, prefix, suffix, contains", () => {
  assert.ok(str("cmd.exe", STR.eq, "cmd.exe"));
  assert.not.ok(str("cmd.exe", STR.eq, "cmd.ex"));
  assert.not.ok(str("cmd.exe", STR.eq, "cmd.exe "));
  assert.ok(str("C:\\Windows\\System32", STR.prefix, "C:\\Win"));
  assert.not.ok(str("C:", STR.prefix, "C:\\"));
  assert.ok(str("powershell.exe", STR.suffix, ".exe"));
  assert.not.ok(str("exe", STR.suffix, ".exe"));
  assert.ok(str("a long value with mimikatz inside it", STR.contains, "mimikatz"));
  assert.ok(str("mimikatz", STR.contains, "mimikatz"));
  assert.ok(str("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxy", STR.contains, "xxy"));
  assert.not.ok(str("mimikat", STR.contains, "mimikatz"));
  assert.not.ok(str("Mimikatz", STR.contains, "mimikatz"));
});

test("ordering: lt, le, gt, ge by UTF-8 bytes", () => {
  assert.ok(str("apple", STR.lt, "banana"));
  assert.ok(str("app", STR.lt, "apple"), "a prefix sorts first");
  assert.not.ok(str("apple", STR.lt, "apple"));
  assert.ok(str("apple", STR.le, "apple"));
  assert.ok(str("Zebra", STR.lt, "apple"), "upper case sorts before lower case");
  assert.ok(str("zebra", STR.gt, "Zebra"));
  assert.ok(str("", STR.lt, "a"));
  assert.ok(str("", STR.ge, ""));
  assert.ok(str("\u{1F600}", STR.gt, "\uFF00"), "code point order, not UTF-16 units");
  assert.ok(str("é", STR.gt, "z"));
  assert.ok(str("APPLE", STR.ge, "apple", true), "ci folds the value");
  assert.not.ok(str("APPLE", STR.gt, "apple", true));
});

test("empty patterns and values", () => {
  assert.ok(str("", STR.eq, ""));
  assert.not.ok(str("a", STR.eq, ""));
  assert.ok(str("abc", STR.prefix, ""));
  assert.ok(str("abc", STR.suffix, ""));
  assert.ok(str("abc", STR.contains, ""));
  assert.ok(str("", STR.contains, ""));
  assert.not.ok(str("", STR.contains, "a"));
});

test("ci folds ASCII A-Z of the value only", () => {
  assert.ok(str("CMD.EXE", STR.eq, "cmd.exe", true));
  assert.ok(str("C:\\WINDOWS\\SYSTEM32\\CMD.EXE", STR.suffix, "\\system32\\cmd.exe", true));
  assert.ok(str("Invoke-MIMIKATZ -DumpCreds", STR.contains, "mimikatz -dump", true));
  assert.ok(str("PowerShell", STR.prefix, "power", true));
  assert.not.ok(str("@[`{AZ", STR.eq, "`{@[az", true));
  assert.ok(str("@[`{AZ@[`{AZ", STR.eq, "@[`{az@[`{az", true), "neighbours of A-Z are not folded");
  assert.not.ok(str("@", STR.eq, "`", true));
  assert.not.ok(str("[", STR.eq, "{", true));
  assert.ok(str("éCOLE ÉCOLE", STR.eq, "école École", true));
  assert.not.ok(str("ÉCOLE", STR.eq, "école", true), "non-ASCII bytes are left as they are");
  assert.not.ok(str("CMD.EXE", STR.eq, "cmd.exe", false));
});

test("wildcard: *, ? and \\ escapes", () => {
  assert.ok(wild("", ""));
  assert.not.ok(wild("a", ""));
  assert.ok(wild("", "*"));
  assert.ok(wild("anything at all", "*"));
  assert.ok(wild("anything", "***"));
  assert.ok(wild("C:\\Windows\\cmd.exe", "*\\\\cmd.exe"));
  assert.ok(wild("a.b", "a?b"));
  assert.not.ok(wild("ab", "a?b"));
  assert.ok(wild("aéb", "a?b"), "? is one UTF-8 character");
  assert.ok(wild("😀", "?"));
  assert.not.ok(wild("é", "??"));
  assert.ok(wild("xé", "*?"));
  assert.ok(wild("a*b", "a\\*b"));
  assert.not.ok(wild("axb", "a\\*b"));
  assert.ok(wild("a?", "a\\?"));
  assert.not.ok(wild("ab", "a\\?"));
  assert.ok(wild("a\\", "a\\"), "a trailing backslash is literal");
  assert.ok(wild("abcabcabd", "*abd"));
  assert.ok(wild("xaybzc", "*a*b*c"));
  assert.not.ok(wild("xaybz", "*a*b*c"));
  assert.not.ok(wild("a".repeat(200), "*a*a*a*a*a*b"));
  assert.ok(wild("mississippi", "m*iss*ppi"));
  assert.not.ok(wild("abc", "a*d*"));
});

test("wildcard with ci", () => {
  assert.ok(wild("C:\\WINDOWS\\System32\\CMD.exe", "c:\\\\windows\\\\*\\\\cmd.exe", true));
  assert.ok(wild("PowerShell.EXE", "power*.exe", true));
  assert.not.ok(wild("PowerShell.EXE", "power*.exe", false));
  assert.ok(wild("ÉX", "?x", true));
});

test("NUMBER raw text, arrays, MISSING and NULL", () => {
  h.load('{"n":4103,"arr":["svchost.exe",12.50,"CMD.EXE"],"nul":null}');
  assert.ok(h.str("n", STR.eq, "4103"));
  assert.ok(h.str("n", STR.prefix, "41"));
  assert.ok(h.str("arr", STR.eq, "cmd.exe", true));
  assert.ok(h.str("arr", STR.eq, "12.50"));
  assert.not.ok(h.str("arr", STR.eq, "cmd.exe"));
  for (const op of Object.values(STR)) {
    assert.not.ok(h.str("nul", op, ""), `null op ${op}`);
    assert.not.ok(h.str("none", op, ""), `missing op ${op}`);
    assert.not.ok(h.str("nul", op, "*"), `null op ${op} *`);
  }
  assert.not.ok(h.load('{"s":true}').str("s", STR.eq, "true"));
  assert.not.ok(h.load('{"s":{"a":1}}').str("s", STR.contains, "a"));
});

test("k_len counts code points; arrays count elements", () => {
  h.load('{"s":"héllo😀","arr":[1,[2],{"3":3}],"n":12345}');
  assert.ok(h.len("s", CMP.eq, 6));
  assert.ok(h.len("s", CMP.gt, 5));
  assert.not.ok(h.len("s", CMP.lt, 6));
  assert.ok(h.len("arr", CMP.eq, 3));
  assert.not.ok(h.len("n", CMP.ge, 0));
  assert.not.ok(h.len("none", CMP.ge, 0));
  assert.ok(h.load('{"s":""}').len("s", CMP.eq, 0));
  assert.ok(h.load('{"s":"\\u00e9\\ud83d\\ude00"}').len("s", CMP.eq, 2));
});

test("k_regex hands the text bytes to host.regex_test", () => {
  h.load('{"s":"CMD.EXE","n":2024,"arr":[1,"ééé"]}');
  assert.ok(h.regex("s", 0));
  assert.not.ok(h.regex("s", 1));
  assert.ok(h.regex("n", 1));
  assert.ok(h.regex("arr", 2));
  assert.not.ok(h.regex("none", 0));
  assert.ok(h.load('{"s":"x\\u00e9"}').regex("s", 2));
});

test.run();
