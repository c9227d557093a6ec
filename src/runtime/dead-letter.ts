/**
 * @fileoverview `--dead-letter FILE`: every event line a run sets aside, as one NDJSON
 * record with where it came from and why: `{"source", "line", "reason", "event"}`. The
 * event is the line's text when it is valid UTF-8, else `event_base64`; an over-long line
 * keeps only its first KiB (`truncated: true`), so a 10 MB line costs the file 1 KiB.
 */
import { createWriteStream, type WriteStream } from "node:fs";

export interface SetAside {
  readonly source: string;
  readonly line: number;
  readonly reason: string;
  /** The line's bytes, or its first bytes for an over-long one. */
  readonly bytes: Uint8Array;
  readonly truncated?: boolean;
}

const strict = new TextDecoder("utf-8", { fatal: true });

export function deadLetterRecord(e: SetAside): string {
  let text: string | undefined;
  try {
    text = strict.decode(e.bytes);
  } catch {
    text = undefined;
  }
  const event = text === undefined ? { event_base64: Buffer.from(e.bytes).toString("base64") } : { event: text };
  return JSON.stringify({ source: e.source, line: e.line, reason: e.reason, ...event, ...(e.truncated === true ? { truncated: true } : {}) });
}

/** The first bytes an over-long line's record keeps. */
export const DEAD_LETTER_PREFIX_BYTES = 1024;

export class DeadLetterFile {
  private readonly out: WriteStream;
  count = 0;

  constructor(readonly path: string) {
    this.out = createWriteStream(path);
  }

  write(e: SetAside): void {
    this.count++;
    this.out.write(`${deadLetterRecord(e)}\n`);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
}
