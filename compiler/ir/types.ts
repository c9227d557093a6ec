/**
 * @fileoverview Value types of event fields, shared by schemas, the IR and codegen.
 */
export const scalarTypes = ["i64", "u64", "f64", "bool", "string", "bytes", "ip"] as const;
export type ScalarType = (typeof scalarTypes)[number];
export type FieldType = ScalarType | `array<${ScalarType}>`;

export function isArrayType(t: FieldType): t is `array<${ScalarType}>` {
  return t.startsWith("array<");
}

/** The element type of an array type, or the type itself. */
export function elementType(t: FieldType): ScalarType {
  return (isArrayType(t) ? t.slice(6, -1) : t) as ScalarType;
}

export function isFieldType(s: string): s is FieldType {
  const inner = s.startsWith("array<") && s.endsWith(">") ? s.slice(6, -1) : s;
  return (scalarTypes as readonly string[]).includes(inner);
}

export function isNumericType(t: FieldType): boolean {
  const e = elementType(t);
  return e === "i64" || e === "u64" || e === "f64";
}

/** Types whose values are matched as text: strings, and ips/bytes in their JSON text form. */
export function isTextType(t: FieldType): boolean {
  const e = elementType(t);
  return e === "string" || e === "ip" || e === "bytes";
}
