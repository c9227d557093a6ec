/**
 * @fileoverview Feeds one event source's bytes through a PackageEngine in bulk: chunks
 * are appended to the input region as they arrive, scanned, and the unfinished tail
 * line is carried to the front for the next chunk. Reports matches and malformed lines
 * with 1-based line numbers. A line longer than the input region is reported and
 * skipped, never fatal.
 */
import { isMalformed, malformedOffset, type PackageEngine } from "./engine.js";

export interface LineHandler {
  /** `line` is only valid during the call. */
  match(rule: number, line: Uint8Array, lineNo: number): void;
  malformed(lineNo: number, offset: number, line: Uint8Array): void;
  oversize(lineNo: number): void;
}

export class Feeder {
  private filled = 0;
  private lineBase = 1;
  private skippingOversize = false;
  lines = 0;
  bytes = 0;

  constructor(
    private readonly engine: PackageEngine,
    private readonly handler: LineHandler,
  ) {}

  push(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    let off = 0;
    while (off < chunk.length) {
      if (this.skippingOversize) {
        const nl = chunk.indexOf(10, off);
        if (nl < 0) return;
        off = nl + 1;
        this.skippingOversize = false;
        this.lineBase++;
        this.lines++;
        continue;
      }
      const n = Math.min(this.engine.inputCapacity - this.filled, chunk.length - off);
      this.engine.write(chunk.subarray(off, off + n), this.filled);
      this.filled += n;
      off += n;
      this.drain(false);
    }
  }

  /** Scan what is left, including a last line without a newline. */
  end(): void {
    if (!this.skippingOversize) this.drain(true);
    this.filled = 0;
  }

  private drain(final: boolean): void {
    for (;;) {
      const r = this.engine.scan(this.filled, final);
      this.report(r.records);
      this.lineBase += r.lines;
      this.lines += r.lines;
      const rest = this.filled - r.consumed;
      if (r.consumed === 0 && rest === this.engine.inputCapacity) {
        this.handler.oversize(this.lineBase);
        this.skippingOversize = true;
        this.filled = 0;
        return;
      }
      if (r.consumed > 0 && rest > 0) this.engine.shift(r.consumed, rest);
      this.filled = rest;
      // The kernel stops early when its record region fills; go on while lines remain.
      const more = rest > 0 && r.consumed > 0 && (final || this.engine.indexOfNewline(0, rest) >= 0);
      if (!more) return;
    }
  }

  private report(records: Uint32Array): void {
    for (let i = 0; i + 3 < records.length; ) {
      // One line's records; the rule index emits them in trie order, reported in rule order.
      let end = i + 4;
      while (end + 3 < records.length && records[end + 2] === records[i + 2]) end += 4;
      const codes = Array.from({ length: (end - i) / 4 }, (_, k) => records[i + 4 * k + 3] as number).sort((a, b) => a - b);
      const line = this.engine.line(records[i] as number, records[i + 1] as number);
      const lineNo = this.lineBase + (records[i + 2] as number);
      for (const code of codes) {
        if (isMalformed(code)) this.handler.malformed(lineNo, malformedOffset(code), line);
        else this.handler.match(code, line, lineNo);
      }
      i = end;
    }
  }
}
