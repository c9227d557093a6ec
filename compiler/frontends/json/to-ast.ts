/**
 * @fileoverview JSON rule document → JsonRuleFile. The document is first validated
 * against schemas/rule.schema.json with ajv; each violation becomes a K1401 located
 * at the offending node (ajv's instancePath mapped back to spans; unknown and
 * forbidden properties point at their key), reported in source order. Only valid
 * documents are turned into the AST, so the builder may trust their shape.
 */
import type { ErrorObject } from "ajv";
import type { DiagnosticBag } from "../../diagnostics/diagnostic.js";
import type { RuleAction, Severity } from "../../ir/nodes.js";
import type { Span } from "../../source/span.js";
import { shippedValidator } from "../../util/json-schema.js";
import type { JsonRule, JsonRuleFile, LeafOp, Predicate, Threshold } from "./ast.js";
import { keySpanAt, nodeAt, toPlain, type JMember, type JNode } from "./read.js";

const MAX_REPORTED = 10;

/** Human wording of one ajv error, and where it points. */
function describe(e: ErrorObject, root: JNode): { span: Span; text: string } {
  const where = e.instancePath === "" ? "(root)" : e.instancePath;
  const node = nodeAt(root, e.instancePath);
  const nodeSpan = { ...node.span, end: node.kind === "object" || node.kind === "array" ? node.span.start + 1 : node.span.end };
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "additionalProperties": {
      const key = String(params["additionalProperty"]);
      return { span: keySpanAt(root, e.instancePath, key) ?? nodeSpan, text: `${where}: unknown property '${key}'` };
    }
    case "required":
      return { span: nodeSpan, text: `${where}: missing property '${String(params["missingProperty"])}'` };
    case "enum":
      return { span: nodeSpan, text: `${where}: must be one of ${(params["allowedValues"] as unknown[]).map((v) => JSON.stringify(v)).join(", ")}` };
    case "const":
      return { span: nodeSpan, text: `${where}: must be ${JSON.stringify(params["allowedValue"])}` };
    case "false schema": {
      const slash = e.instancePath.lastIndexOf("/");
      const key = e.instancePath.slice(slash + 1);
      const span = keySpanAt(root, e.instancePath.slice(0, slash), key) ?? nodeSpan;
      return { span, text: `${e.instancePath.slice(0, slash) || "(root)"}: property '${key}' is not allowed with this op` };
    }
    default:
      return { span: nodeSpan, text: `${where}: ${e.message ?? "is invalid"}` };
  }
}

function validate(root: JNode, bag: DiagnosticBag): boolean {
  const v = shippedValidator("rule");
  if (v(toPlain(root))) return true;
  const seen = new Set<string>();
  // In source order, not ajv's order of schema keywords.
  const found = (v.errors ?? []).filter((e) => e.keyword !== "if").map((e) => describe(e, root));
  for (const d of found.sort((a, b) => a.span.start - b.span.start)) {
    const key = `${d.span.start}:${d.text}`;
    if (seen.has(key) || seen.size >= MAX_REPORTED) continue;
    seen.add(key);
    bag.error("K1401", d.span, [d.text]);
  }
  if (seen.size === 0) bag.error("K1401", { ...root.span, end: root.span.start + 1 }, ["invalid"]);
  return false;
}

type JObject = Extract<JNode, { kind: "object" }>;

function member(o: JObject, key: string): JMember | undefined {
  return o.members.find((m) => m.key === key);
}

function str(o: JObject, key: string): string | undefined {
  const v = member(o, key)?.value;
  return v?.kind === "string" ? v.value : undefined;
}

function strings(o: JObject, key: string): string[] {
  const v = member(o, key)?.value;
  return v?.kind === "array" ? v.items.flatMap((i) => (i.kind === "string" ? [i.value] : [])) : [];
}

function asObject(n: JNode | undefined): JObject {
  if (n?.kind !== "object") throw new Error("internal: schema-validated JSON rule has a non-object where an object belongs");
  return n;
}

function predicate(o: JObject, path: string): Predicate {
  for (const kind of ["all", "any"] as const) {
    const list = member(o, kind)?.value;
    if (list?.kind === "array") return { kind, terms: list.items.map((t, i) => predicate(asObject(t), `${path}.${kind}[${i}]`)), path };
  }
  const not = member(o, "not");
  if (not !== undefined) return { kind: "not", term: predicate(asObject(not.value), `${path}.not`), path };
  const field = member(o, "field");
  const op = member(o, "op");
  if (field?.value.kind !== "string" || op?.value.kind !== "string") throw new Error("internal: schema-validated leaf lacks field/op");
  const ci = member(o, "caseInsensitive")?.value;
  return {
    kind: "leaf",
    field: field.value.value,
    fieldSpan: field.value.span,
    op: op.value.value as LeafOp,
    opSpan: op.value.span,
    value: member(o, "value")?.value,
    caseInsensitive: ci?.kind === "bool" && ci.value,
    path,
    span: o.span,
  };
}

const durationMs = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `within` as ms; the schema guarantees the shape. */
function parseDuration(text: string): number {
  const m = /^(\d+)(ms|s|m|h|d)$/.exec(text);
  if (m === null) throw new Error(`internal: schema-validated duration '${text}' does not parse`);
  return Number(m[1]) * durationMs[m[2] as keyof typeof durationMs];
}

function threshold(n: JNode | undefined): Threshold | undefined {
  if (n === undefined) return undefined;
  const o = asObject(n);
  const by = member(o, "by")?.value;
  const count = member(o, "count")?.value;
  return {
    by: by?.kind === "array" ? by.items.flatMap((i) => (i.kind === "string" ? [{ name: i.value, span: i.span }] : [])) : [],
    count: count?.kind === "number" ? count.value : 1,
    windowMs: parseDuration(str(o, "within") ?? ""),
    span: o.span,
  };
}

function rule(o: JObject, path: string): JsonRule {
  const category = member(o, "category")?.value;
  const id = member(o, "id")?.value;
  return {
    id: str(o, "id") ?? "",
    idSpan: id?.span ?? o.span,
    title: str(o, "title") ?? "",
    severity: (str(o, "severity") ?? "medium") as Severity,
    author: strings(o, "author"),
    tags: strings(o, "tags"),
    references: strings(o, "references"),
    falsePositives: strings(o, "falsePositives"),
    // The schema allows only RuleAction values.
    action: (str(o, "action") ?? "alert") as RuleAction,
    description: str(o, "description") ?? "",
    category: category?.kind === "string" ? { name: category.value, span: category.span } : undefined,
    where: predicate(asObject(member(o, "where")?.value), `${path}where`),
    threshold: threshold(member(o, "threshold")?.value),
    span: o.span,
  };
}

export function toJsonRuleFile(root: JNode, bag: DiagnosticBag): JsonRuleFile | undefined {
  if (!validate(root, bag)) return undefined;
  const rules = root.kind === "array" ? root.items.map((r, i) => rule(asObject(r), `[${i}].`)) : [rule(asObject(root), "")];
  return { rules };
}
