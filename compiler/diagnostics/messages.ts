/**
 * @fileoverview The one table of diagnostic codes and message templates.
 * Codes are stable: tests, docs and users' scripts match on them. `{0}`, `{1}`…
 * are filled positionally by `formatMessage`.
 */
export const messages = {
  // K10xx: reading and syntax, any language
  K1001: "Cannot read file: {0}",
  K1002: "Unsupported rule file extension '{0}' (expected {1}).",
  K1003: "Syntax error: {0}",
  K1004: "Unexpected character {0}.",
  K1005: "Unterminated string literal.",
  K1006: "Invalid escape sequence '{0}'.",
  K1007: "Exceeded max depth limit of {0}.",
  K1008: "Invalid metadata line: {0}",
  K1009: "Empty rule: the file holds no query.",
  K1010: "Invalid regular expression /{0}/: {1}",
  K1011: "Invalid CIDR '{0}'.",
  K1012: "Duplicate rule id '{0}' (first defined in {1}).",
  K1013: "Unterminated {0}.",
  K1014: "Regular expression /{0}/ uses {1}, which V8's linear-time engine cannot run: its backtracking is not bounded, so a hostile event can make it slow.",

  // K12xx: names and types against the event schema
  K1201: "Unknown field '{0}' in schema '{1}'.",
  K1202: "Type mismatch: field '{0}' is {1} but is compared with {2}.",
  K1203: "Unknown event category '{0}' in schema '{1}'.",
  K1204: "Function '{0}' expects {1}.",
  K1205: "Unknown function '{0}'.",
  K1206: "Operator '{0}' is not supported on {1} field '{2}'.",
  K1207: "Field '{1}' as the pattern for '{0}' is not supported yet; patterns are constants.",
  K1208: "Field '{0}' is not declared in schema '{1}'; it is matched as an open {2} field.",
  K1209: "String {0} is not a number, so the {1} field '{2}' is matched as text.",
  K1210: "Event category '{0}' is not one schema '{1}' lists; it matches {2} == \"{0}\".",
  K1211: "Type mismatch: {0} takes {1}, not {2}.",
  K1212: "Expression too large to compute: it needs {0} value cells, at most {1}.",
  K1213: "Field '{0}' stands for several paths ({1}) by the processing pipeline, but here it must name one field.",

  // K13xx: Sigma
  K1301: "Sigma rule is missing '{0}'.",
  K1302: "Unknown Sigma modifier '{0}'.",
  K1303: "Condition names '{0}', which is not a search identifier in 'detection'.",
  K1304: "Pattern '{0}' in the condition matches no search identifier.",
  K1305: "Unsupported Sigma construct: {0}",
  K1306: "Unknown log source (category '{0}', product '{1}', service '{2}') for schema '{3}'.",
  K1307: "Invalid Sigma value for '{0}': {1}",
  K1308: "Unknown rule '{0}': no rule of this build has that id or name.",
  K1309: "Duplicate rule name '{0}' (first defined in {1}).",
  K1310: "Alias '{0}' names no field for rule '{1}'.",
  K1311: "Alias '{0}' names rule '{1}', which the correlation does not reference.",
  K1314: "Placeholder '%{0}%' has no values: give them in a processing pipeline (a value_placeholders transformation; see docs/pipelines.md).",

  // K14xx: Kestrel JSON rules
  K1401: "JSON rule does not match the rule schema: {0}",
  K1402: "Invalid JSON: {0}",

  // K15xx: schemas and packages
  K1501: "Invalid event schema: {0}",
  K1502: "Unknown schema '{0}' (expected ecs, windows, evtx, endgame or a schema file).",

  // K16xx: EQL features outside the supported subset
  K1601: "Unsupported EQL feature: {0}",
  K1602: "A sequence needs two or more events; this one has {0}.",
  K1603: "Every event of a sequence joins on the same number of 'by' values: this one has {0}, the first has {1}.",
  K1604: "Invalid '{0}': {1}",
  K1605: "'by' takes fields here, not {0}.",
  K1606: "A sequence with missing events '![…]' needs 'with maxspan=…' to bound them.",
  K1607: "A sequence needs at least one event that is not missing '![…]'.",

  // K17xx: Elastic detection-rule TOML files ([metadata] and [rule] tables)
  K1701: "Invalid TOML: {0}",
  K1702: "Not an Elastic detection rule: {0}",
  K1703: "Elastic rule is missing '{0}'.",
  K1704: "Invalid '{0}': {1}",
  K1705: "Rule '{0}' is a {1} rule, not EQL; it is skipped.",

  // K19xx: internal
  K1901: "Internal compiler error: {0}",
} as const;

export type DiagnosticCode = keyof typeof messages;

export function formatMessage(code: DiagnosticCode, args: readonly (string | number)[]): string {
  return messages[code].replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)] ?? ""));
}
