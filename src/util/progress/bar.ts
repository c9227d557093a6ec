/**
 * @fileoverview The progress bar on stderr: redraws one line in place (\r, erase to end
 * of line) at most every `intervalMs`, and only when the stream is a terminal; for a pipe
 * or file it is a no-op, so logs and tests never see it. Hand-written rather than
 * cli-progress: that library's value/total/ETA model is one counter, and we show two
 * (bytes and events) with totals that may be unknown (stdin), so its formatter would be
 * replaced anyway and what remains is this throttled write.
 */
import { progressLine, type ProgressSnapshot } from "./format.js";

/** The part of a tty.WriteStream the bar uses, so tests can pass a fake. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): boolean;
}

export interface Progress {
  update(done: { readonly bytes: number; readonly events: number }): void;
  /** Erase the line, e.g. before a warning is printed; the next update redraws it. */
  clear(): void;
  /** Erase the line for good. */
  finish(): void;
}

const silent: Progress = { update: () => undefined, clear: () => undefined, finish: () => undefined };

export interface ProgressOptions {
  readonly totalBytes: number | undefined;
  readonly intervalMs?: number;
  /** Milliseconds, monotonic. */
  readonly now?: () => number;
}

/** A pty that never set its size reports 0 columns. */
function columns(stream: ProgressStream): number {
  return stream.columns !== undefined && stream.columns > 0 ? stream.columns : 80;
}

export function createProgress(stream: ProgressStream | undefined, options: ProgressOptions): Progress {
  if (stream?.isTTY !== true) return silent;
  const now = options.now ?? (() => performance.now());
  const interval = options.intervalMs ?? 200;
  const started = now();
  let lastDraw = -Infinity;
  let drawn = false;
  const erase = (): void => {
    if (drawn) stream.write("\r\x1b[K");
    drawn = false;
  };
  return {
    update(done) {
      const t = now();
      if (t - lastDraw < interval) return;
      lastDraw = t;
      const snapshot: ProgressSnapshot = { ...done, totalBytes: options.totalBytes, seconds: (t - started) / 1000 };
      stream.write(`\r${progressLine(snapshot, columns(stream))}\x1b[K`);
      drawn = true;
    },
    clear: erase,
    finish: erase,
  };
}
