/**
 * @fileoverview An Elastic detection rule's tables → what the EQL frontend needs: the
 * metadata (id = rule_id, name, severity, author, description, tags plus ATT&CK tags
 * from `threat`) and the query with the span of its text. A rule in another language
 * (kuery, esql, lucene; a machine_learning rule names only its `type`) comes back as
 * `skipped`, so a folder of Elastic rules builds. Missing or mistyped keys are located
 * errors (K1702–K1704). Other keys (risk_score, index, from, interval, references…)
 * describe how Elastic schedules a rule and are not read.
 */
import type { DiagnosticBag } from "../../../diagnostics/diagnostic.js";
import type { Severity } from "../../../ir/nodes.js";
import type { Span } from "../../../source/span.js";
import type { EqlMetadata, Located } from "../ast.js";
import { attackTags } from "./attack.js";
import { spanOf, type TomlLocations } from "./locate.js";
import { isTable, type TomlTable } from "./read.js";

export type ElasticRule =
  | {
      readonly kind: "eql";
      readonly metadata: EqlMetadata;
      readonly query: string;
      /** Where the query's text sits: the string's content when located. */
      readonly queryAt: Span;
    }
  | { readonly kind: "skipped"; readonly name: string; readonly language: Located<string> };

/** Elastic's four severities are Kestrel's names too; Kestrel adds informational. */
const elasticSeverities: readonly Severity[] = ["low", "medium", "high", "critical"];

/** The rule in the file's `[rule]` table, or undefined after reporting why there is none. */
export function readElasticRule(doc: TomlTable, locations: TomlLocations, file: string, bag: DiagnosticBag): ElasticRule | undefined {
  const at = (path: string): Span => spanOf(locations, path, file);
  const rule = doc["rule"];
  if (rule === undefined) {
    bag.error("K1702", at(""), ["the file has no [rule] table"]);
    return undefined;
  }
  if (!isTable(rule)) {
    bag.error("K1704", at("rule"), ["rule", "expected a table"]);
    return undefined;
  }
  const errorsBefore = bag.errorCount;
  const fields = new Fields(rule, at, bag);
  const language = fields.text("language") ?? fields.text("type");
  if (language === undefined) {
    if (bag.errorCount === errorsBefore) bag.error("K1703", at("rule"), ["rule.language"]);
    return undefined;
  }
  if (language.value !== "eql") {
    const name = [rule["name"], rule["rule_id"]].find((v): v is string => typeof v === "string") ?? file;
    return { kind: "skipped", name, language };
  }
  const id = fields.required("rule_id");
  const query = fields.required("query");
  if (query !== undefined && query.value.trim() === "") bag.error("K1704", query.span, ["rule.query", "the query is empty"]);
  const metadata = {
    ...optional("id", id),
    ...optional("name", fields.text("name")),
    ...optional("description", fields.text("description")),
    ...optional("severity", fields.severity()),
    author: fields.list("author"),
    references: fields.list("references"),
    falsePositives: fields.list("false_positives"),
    tags: [...new Set([...fields.list("tags"), ...attackTags(rule["threat"] ?? [], (path, problem) => bag.error("K1704", at(path), [path, problem]))])],
  };
  if (query === undefined || bag.errorCount !== errorsBefore) return undefined;
  return { kind: "eql", metadata, query: query.value, queryAt: locations.values.get("rule.query")?.content ?? query.span };
}

/** `{key: value}`, or nothing for an absent value (exactOptionalPropertyTypes). */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]: V });
}

/** Typed reads of `[rule]` keys, each mistyped or missing one reported at its place. */
class Fields {
  constructor(
    private readonly rule: TomlTable,
    private readonly at: (path: string) => Span,
    private readonly bag: DiagnosticBag,
  ) {}

  text(key: string): Located<string> | undefined {
    const value = this.rule[key];
    if (value === undefined) return undefined;
    const span = this.at(`rule.${key}`);
    if (typeof value === "string") return { value, span };
    this.bag.error("K1704", span, [`rule.${key}`, "expected a string"]);
    return undefined;
  }

  required(key: string): Located<string> | undefined {
    if (this.rule[key] === undefined) this.bag.error("K1703", this.at("rule"), [`rule.${key}`]);
    return this.text(key);
  }

  list(key: string): string[] {
    const value = this.rule[key];
    if (value === undefined) return [];
    if (Array.isArray(value) && value.every((v): v is string => typeof v === "string")) return value;
    this.bag.error("K1704", this.at(`rule.${key}`), [`rule.${key}`, "expected an array of strings"]);
    return [];
  }

  severity(): Located<Severity> | undefined {
    const text = this.text("severity");
    if (text === undefined) return undefined;
    const value = elasticSeverities.find((s) => s === text.value);
    if (value !== undefined) return { value, span: text.span };
    this.bag.error("K1704", text.span, ["rule.severity", `'${text.value}' is not one of ${elasticSeverities.join(", ")}`]);
    return undefined;
  }
}
