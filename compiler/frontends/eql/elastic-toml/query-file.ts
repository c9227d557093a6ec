/**
 * @fileoverview The source the EQL parser reads for a query held in a TOML string: the
 * TOML file's own text with everything outside the string's content blanked to spaces
 * (line breaks kept). Every span the EQL frontend makes (diagnostics, the AST, the IR
 * rule's source line) is then already an offset into the TOML file, and none is ever
 * translated. A literal string ('…', '''…''') holds its value as written, and so does a
 * basic string without escapes: the mapping is exact. A basic string with escapes
 * decodes shorter than it is written, so its value is laid out from the start of the
 * content and later positions drift left by the escapes before them, still inside the
 * string.
 */
import { SourceFile } from "../../../source/source-file.js";
import type { Span } from "../../../source/span.js";

/** `content`: where the string's text sits in `file` (locate.ts). */
export function queryFile(file: SourceFile, query: string, content: Span): SourceFile {
  const written = file.text.slice(content.start, content.end);
  const inner = written === query ? written : query.padEnd(written.length);
  const text = blank(file.text.slice(0, content.start)) + inner + blank(file.text.slice(content.end));
  return new SourceFile(file.path, text);
}

function blank(text: string): string {
  return text.replace(/[^\n]/g, " ");
}
