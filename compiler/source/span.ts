/**
 * @fileoverview A source span as plain data: file path plus byte offsets into its text.
 * Spans never hold a reference to the SourceFile, so every tree that carries them
 * stays JSON-serializable.
 */
export interface Span {
  readonly file: string;
  /** Offset of the first character (UTF-16 code units, as JS strings index). */
  readonly start: number;
  /** Offset one past the last character. */
  readonly end: number;
}

export function span(file: string, start: number, end: number): Span {
  return { file, start, end };
}
