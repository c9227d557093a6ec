/**
 * @fileoverview A rule source file: its path and text, with a lazily built line table
 * that turns offsets into 1-based line and column numbers for diagnostics.
 */
export interface LineCol {
  readonly line: number;
  readonly col: number;
}

export class SourceFile {
  private lineStarts: number[] | undefined;

  constructor(
    readonly path: string,
    readonly text: string,
  ) {}

  private starts(): number[] {
    if (this.lineStarts === undefined) {
      const starts = [0];
      for (let i = 0; i < this.text.length; i++) {
        if (this.text.charCodeAt(i) === 10) starts.push(i + 1);
      }
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }

  /** The offset where a 1-based line starts (the text's end past the last line). */
  lineStart(line: number): number {
    return this.starts()[line - 1] ?? this.text.length;
  }

  /** 1-based line and column of an offset; columns count characters, not tabs expanded. */
  lineColAt(offset: number): LineCol {
    const starts = this.starts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - (starts[lo] ?? 0) + 1 };
  }

  /** Offset of a 1-based line and column (clamped to the text). */
  offsetAt(line: number, col: number): number {
    const starts = this.starts();
    const start = starts[Math.min(Math.max(line, 1), starts.length) - 1] ?? 0;
    return Math.min(start + Math.max(col, 1) - 1, this.text.length);
  }

  /** The text of a 1-based line, without its line terminator. */
  lineText(line: number): string {
    const starts = this.starts();
    const start = starts[line - 1] ?? this.text.length;
    const next = starts[line] ?? this.text.length + 1;
    return this.text.slice(start, next - 1).replace(/\r$/, "");
  }
}
