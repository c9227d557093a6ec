/**
 * @fileoverview The framing stage: turns a source's byte chunks into batches of whole
 * NDJSON lines, each no larger than the engine's input region, numbered so that every
 * line keeps its 1-based line number whichever worker scans it. The unfinished tail of
 * a chunk lives here, outside Wasm, so engines are interchangeable between batches. A
 * line longer than the limit is reported and skipped up to its newline, never fatal.
 */

export interface LineBatch {
  /** Position of the batch in the whole run, from 0. */
  readonly seq: number;
  readonly source: string;
  /** Line number of the batch's first line. */
  readonly firstLine: number;
  /** Whole lines, the last one ending in \n unless it is the source's last. */
  readonly bytes: Uint8Array;
}

export interface FramingEvents {
  batch(batch: LineBatch): void;
  /** `head`: the line's first bytes (at most 1 KiB), for a dead-letter record. */
  oversize(source: string, line: number, limit: number, head: Uint8Array): void;
}

export class Framer {
  private carry: Uint8Array = new Uint8Array(0);
  private nextLine = 1;
  private skipping = false;
  lines = 0;
  bytes = 0;

  constructor(
    private readonly source: string,
    /** Largest batch, and so the longest line accepted. */
    private readonly limit: number,
    private readonly nextSeq: () => number,
    private readonly events: FramingEvents,
  ) {}

  push(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    let data = chunk;
    if (this.skipping) {
      const nl = data.indexOf(10);
      if (nl < 0) return;
      this.skipping = false;
      this.countLines(1);
      data = data.subarray(nl + 1);
    }
    if (this.carry.length > 0) data = concat(this.carry, data);
    this.carry = new Uint8Array(0);
    let off = 0;
    while (data.length - off >= this.limit) {
      const window = data.subarray(off, off + this.limit);
      const nl = window.lastIndexOf(10);
      if (nl < 0) {
        this.events.oversize(this.source, this.nextLine, this.limit, copy(window.subarray(0, 1024)));
        const next = data.indexOf(10, off + this.limit);
        if (next < 0) {
          this.skipping = true;
          return;
        }
        this.countLines(1);
        off = next + 1;
        continue;
      }
      this.emit(data.subarray(off, off + nl + 1), false);
      off += nl + 1;
    }
    const rest = data.subarray(off);
    const nl = rest.lastIndexOf(10);
    if (nl >= 0) this.emit(rest.subarray(0, nl + 1), false);
    this.carry = copy(rest.subarray(nl + 1));
  }

  /** Emits the last line, which may lack a newline. */
  end(): void {
    if (!this.skipping && this.carry.length > 0) this.emit(this.carry, true);
    this.carry = new Uint8Array(0);
    this.skipping = false;
  }

  private emit(bytes: Uint8Array, final: boolean): void {
    const firstLine = this.nextLine;
    let n = 0;
    for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) n++;
    if (final && bytes[bytes.length - 1] !== 10) n++;
    this.countLines(n);
    // A copy the batch owns whole, so it can be transferred to a worker.
    this.events.batch({ seq: this.nextSeq(), source: this.source, firstLine, bytes: copy(bytes) });
  }

  private countLines(n: number): void {
    this.nextLine += n;
    this.lines += n;
  }
}

/** A copy with its own ArrayBuffer (Buffer#slice would share the chunk's). */
function copy(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  out.set(bytes);
  return out;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
