/**
 * @fileoverview Processing pipelines (compiler/pipeline/): reading and checking pipeline
 * files, how a rule's field names map (variant first, then field mappings in scope, one
 * name to several paths), and what builds make of them: Sigma process_creation rules
 * that also match Security 4688 events under their own field names, Provider_Name read
 * from NXLog's SourceName, "any of these paths" with absence needing all paths absent,
 * EQL names that map to several paths (K1213), added conditions, and ECS names for Sigma.
 * Matching is checked by the reference evaluator over concrete events.
 */
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { compileSources, type CompileOptions } from "../../../compiler/index.js";
import type { IrRule } from "../../../compiler/ir/nodes.js";
import { parsePipeline, PipelineError } from "../../../compiler/pipeline/load.js";
import { FieldNames } from "../../../compiler/pipeline/names.js";
import { loadSchema } from "../../../compiler/schema/load.js";
import { evaluateOn } from "../../reference/evaluate-line.js";
import { parseJson } from "../../reference/json-value.js";

const test = suite("pipeline: processing pipelines");

function build(path: string, text: string, options: Partial<CompileOptions> = {}): { rules: readonly IrRule[]; codes: string[]; messages: string[] } {
  const r = compileSources([{ path, read: () => text }], { schema: "windows", ...options });
  return { rules: r.ruleSet.rules, codes: r.diagnostics.map((d) => d.code), messages: r.diagnostics.map((d) => [d.message, ...(d.context ?? [])].join(" | ")) };
}

/** Whether the one rule matches each event. */
function matches(rule: IrRule | undefined, events: readonly object[], schema = "windows"): boolean[] {
  if (rule === undefined) throw new Error("no rule");
  return events.map((e, i) => {
    const raw = JSON.stringify(e);
    return evaluateOn(rule, loadSchema(schema), parseJson(raw), raw, i + 1).some(Boolean);
  });
}

const sysmon = "Microsoft-Windows-Sysmon/Operational";
const procRule = (detection: string): string => `title: Cmd\nlogsource: {category: process_creation, product: windows}\ndetection:\n${detection}\n  condition: selection\n`;

test("windows: process_creation matches Sysmon 1 by Image and Security 4688 by NewProcessName, nothing else", () => {
  const { rules, codes } = build("cmd.yml", procRule("  selection:\n    Image|endswith: '\\cmd.exe'\n    CommandLine|contains: whoami"));
  assert.equal(codes, []);
  const events = [
    { Channel: sysmon, EventID: 1, Image: "C:\\Windows\\System32\\cmd.exe", CommandLine: "cmd /c whoami" },
    { Channel: "Security", EventID: 4688, NewProcessName: "C:\\Windows\\System32\\cmd.exe", CommandLine: "cmd /c whoami" },
    // 4688 does not name the image Image: the variant reads only NewProcessName.
    { Channel: "Security", EventID: 4688, Image: "C:\\Windows\\System32\\cmd.exe", CommandLine: "cmd /c whoami" },
    // Sysmon 1 is read by the rule's own names.
    { Channel: sysmon, EventID: 1, NewProcessName: "C:\\Windows\\System32\\cmd.exe", CommandLine: "cmd /c whoami" },
    { Channel: "Security", EventID: 4689, NewProcessName: "C:\\Windows\\System32\\cmd.exe", CommandLine: "cmd /c whoami" },
    { Channel: "Security", EventID: 4688, NewProcessName: "C:\\Windows\\System32\\calc.exe", CommandLine: "cmd /c whoami" },
  ];
  assert.equal(matches(rules[0], events), [true, true, false, false, false, false]);
});

test("windows: a negated field keeps its meaning in the 4688 shape", () => {
  const { rules } = build("neg.yml", `title: Not cmd\nlogsource: {category: process_creation, product: windows}\ndetection:\n  selection: {CommandLine|contains: whoami}\n  filter: {ParentImage|endswith: '\\explorer.exe'}\n  condition: selection and not filter\n`);
  const events = [
    { Channel: "Security", EventID: 4688, ParentProcessName: "C:\\Windows\\explorer.exe", CommandLine: "whoami" },
    { Channel: "Security", EventID: 4688, ParentProcessName: "C:\\Windows\\services.exe", CommandLine: "whoami" },
    { Channel: sysmon, EventID: 1, ParentImage: "C:\\Windows\\explorer.exe", CommandLine: "whoami" },
    { Channel: sysmon, EventID: 1, ParentImage: "C:\\Windows\\services.exe", CommandLine: "whoami" },
  ];
  assert.equal(matches(rules[0], events), [false, true, false, true]);
});

test("windows: a rule whose fields no variant renames keeps one copy of its detection", () => {
  const { rules } = build("cl.yml", procRule("  selection: {CommandLine|contains: whoami}"));
  const text = JSON.stringify(rules[0]?.query);
  assert.is(text.split('"whoami"').length - 1, 1, "the detection is not duplicated");
  assert.equal(matches(rules[0], [{ Channel: "Security", EventID: 4688, CommandLine: "whoami" }, { Channel: sysmon, EventID: 1, CommandLine: "whoami" }]), [true, true]);
});

test("windows: Provider_Name is read from Provider_Name or NXLog's SourceName; null needs both absent", () => {
  const rule = (value: string): string => `title: P\nlogsource: {product: windows, service: system}\ndetection:\n  selection: {EventID: 7045, Provider_Name: ${value}}\n  condition: selection\n`;
  const scm = { Channel: "System", EventID: 7045 };
  const events = [{ ...scm, Provider_Name: "Service Control Manager" }, { ...scm, SourceName: "Service Control Manager" }, { ...scm, SourceName: "Other" }, scm];
  assert.equal(matches(build("p.yml", rule("'Service Control Manager'")).rules[0], events), [true, true, false, false]);
  assert.equal(matches(build("n.yml", rule("null")).rules[0], events), [false, false, false, true]);
});

test("EQL: the Sigma-only mapping leaves EQL names alone; a name mapped to several paths is K1213 where one field is needed", () => {
  const eql = build("a.eql", 'any where SourceName == "x"\n');
  assert.equal(eql.codes, []);
  const two = parsePipeline("name: two\ntransformations:\n  - {id: both, type: field_mapping, mapping: {User: [SubjectUserName, TargetUserName]}}\n", "two.yml");
  const bad = build("b.eql", 'any where User == "x"\n', { pipelines: [two] });
  assert.equal(bad.codes, ["K1213"]);
  assert.match(bad.messages[0] ?? "", "Field 'User' stands for several paths (SubjectUserName, TargetUserName)");
  // Sigma matches either path.
  const sig = build("u.yml", "title: U\nlogsource: {product: windows, service: security}\ndetection:\n  selection: {User: bob}\n  condition: selection\n", { pipelines: [two] });
  assert.equal(matches(sig.rules[0], [{ Channel: "Security", TargetUserName: "bob" }, { Channel: "Security", SubjectUserName: "bob" }, { Channel: "Security", User: "bob" }]), [true, true, false]);
});

test("add_condition: AND'ed into EQL steps and into Sigma rules whose log source is in scope", () => {
  const only = parsePipeline(
    "name: only\ntransformations:\n  - {id: host, type: add_condition, conditions: {Hostname: [web1, web2]}}\n  - {id: sec, type: add_condition, logsource: {service: security}, conditions: {EventID: 4624}}\n",
    "only.yml",
  );
  const eql = build("a.eql", 'any where Channel == "Security"\n', { pipelines: [only] });
  assert.equal(matches(eql.rules[0], [{ Channel: "Security", Hostname: "web1" }, { Channel: "Security", Hostname: "db1" }]), [true, false]);
  const sig = build("s.yml", "title: S\nlogsource: {product: windows, service: security}\ndetection:\n  selection: {LogonType: 3}\n  condition: selection\n", { pipelines: [only] });
  const logon = { Channel: "Security", Hostname: "web2", LogonType: 3 };
  assert.equal(matches(sig.rules[0], [{ ...logon, EventID: 4624 }, { ...logon, EventID: 4625 }, { ...logon, EventID: 4624, Hostname: "db1" }]), [true, false, false]);
});

test("a renamed field the schema lacks is K1201 with the mapping in its context", () => {
  const p = parsePipeline("name: typo\ntransformations:\n  - {id: t, type: field_mapping, mapping: {Image: ImagePathTypo}}\n", "typo.yml");
  const r = build("t.yml", procRule("  selection: {Image: x}"), { pipelines: [p] });
  assert.equal(r.codes, ["K1201"]);
  assert.match(r.messages[0] ?? "", "field 'Image' mapped to 'ImagePathTypo' by pipeline typo/t");
});

test("ecs: Sigma's taxonomy maps to ECS paths; ECS paths work as they are", () => {
  const r = build("e.yml", procRule("  selection: {Image|endswith: '\\cmd.exe', process.parent.name: explorer.exe}"), { schema: "ecs" });
  assert.equal(r.codes, []);
  const text = JSON.stringify(r.rules[0]?.query);
  assert.ok(text.includes('"path":"process.executable"') && text.includes('"path":"process.parent.name"'));
});

test("expand: a placeholder stands for the pipeline's values, every combination; an undefined one is K1314", () => {
  const dcs = parsePipeline("name: site\ntransformations:\n  - {id: dcs, type: value_placeholders, values: {dc: [dc1, dc2], port: 88}}\n", "site.yml");
  const rule = "title: X\nlogsource: {product: windows, service: security}\ndetection:\n  selection: {CommandLine|contains|expand: 'cdc=%dc%:%port%'}\n  condition: selection\n";
  const r = build("x.yml", rule, { pipelines: [dcs] });
  assert.equal(r.codes, []);
  const sec = (a: string): object => ({ Channel: "Security", CommandLine: a });
  assert.equal(matches(r.rules[0], [sec("x cdc=dc1:88 y"), sec("cdc=DC2:88"), sec("cdc=dc3:88"), sec("cdc=%dc%:%port%")]), [true, true, false, false]);
  const missing = build("y.yml", rule);
  assert.equal(missing.codes, ["K1314"]);
  assert.match(missing.messages[0] ?? "", "Placeholder '%dc%' has no values");
});

test("native: an unknown log source matches by detection alone; without it K1306; Sysmon for Linux has its own channel", () => {
  const trail = "title: T\nlogsource: {product: aws, service: cloudtrail}\ndetection:\n  selection: {eventSource: iam.amazonaws.com, eventName: CreateUser}\n  condition: selection\n";
  assert.equal(build("t.yml", trail, { openFields: true }).codes.filter((c) => c !== "K1208"), ["K1306"]);
  const native = build("t.yml", trail, { openFields: true, pipelines: ["native"] });
  assert.equal(native.codes.filter((c) => c !== "K1208"), []);
  assert.equal(matches(native.rules[0], [{ eventSource: "iam.amazonaws.com", eventName: "CreateUser" }, { eventSource: "iam.amazonaws.com", eventName: "DeleteUser" }]), [true, false]);
  const linux = build("l.yml", "title: L\nlogsource: {category: process_creation, product: linux}\ndetection:\n  selection: {Image|endswith: /whoami}\n  condition: selection\n");
  assert.equal(linux.codes, []);
  const proc = { EventID: 1, Image: "/usr/bin/whoami" };
  assert.equal(matches(linux.rules[0], [{ ...proc, Channel: "Linux-Sysmon/Operational" }, { ...proc, Channel: sysmon }]), [true, false]);
});

test("names: the variant's mapping applies first, then field mappings in scope, in order, deduplicated", () => {
  const p = parsePipeline(
    "name: n\ntransformations:\n  - {id: a, type: field_mapping, mapping: {X: [A, B]}}\n  - {id: b, type: field_mapping, languages: [eql], mapping: {A: Z}}\n  - {id: c, type: field_mapping, logsource: {product: linux}, mapping: {B: A}}\n",
    "n.yml",
  );
  const sigma = new FieldNames([p], { language: "sigma" });
  assert.equal(sigma.map("X"), { paths: ["A", "B"], by: ["n/a"] });
  assert.equal(sigma.forLogsource({ product: "Linux" }).map("X"), { paths: ["A"], by: ["n/a", "n/c"] });
  assert.equal(new FieldNames([p], { language: "eql" }).map("X"), { paths: ["Z", "B"], by: ["n/a", "n/b"] });
  assert.equal(sigma.withVariant("v", new Map([["Y", ["X"]]])).map("Y"), { paths: ["A", "B"], by: ["v", "n/a"] });
  assert.equal(sigma.map("Q"), { paths: ["Q"], by: [] });
});

test("pipeline files: YAML errors at line:col, schema errors by path, duplicate ids, unknown names and condition fields", () => {
  const thrown = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      if (e instanceof PipelineError) return e.message;
      throw e;
    }
    return "(no error)";
  };
  assert.match(thrown(() => parsePipeline("name: x\ntransformations: [\n", "p.yml")), /^p\.yml:3:1: invalid pipeline YAML/);
  assert.match(thrown(() => parsePipeline("name: x\ntransformations:\n  - {id: a, type: rename}\n", "p.yml")), /^p\.yml: invalid pipeline: \/transformations\/0\/type must be equal to one of the allowed values/);
  assert.match(thrown(() => parsePipeline("name: x\ntransformations:\n  - {id: a, type: field_mapping}\n", "p.yml")), "must have required property 'mapping'");
  assert.match(thrown(() => parsePipeline("name: x\ntransformations:\n  - {id: a, type: add_condition, conditions: {A: 1}}\n  - {id: a, type: add_condition, conditions: {A: 2}}\n", "p.yml")), "two transformations have the id 'a'");
  assert.match(thrown(() => compileSources([], { schema: "windows", pipelines: ["nope"] })), "Unknown pipeline 'nope' (expected ecs, evtx-json, native, windows-flat or a pipeline file)");
  const odd = parsePipeline("name: odd\ntransformations:\n  - {id: c, type: add_condition, conditions: {NoSuchField: 1}}\n", "odd.yml");
  assert.match(thrown(() => compileSources([], { schema: "windows", pipelines: [odd] })), "odd.yml: transformation 'c' names field 'NoSuchField', which schema 'windows' does not declare");
});

test.run();
