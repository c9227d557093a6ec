/**
 * @fileoverview The built-in `file` sink: alerts as NDJSON appended to `path=`, with
 * size-based rotation as logrotate does it. When a line would take the file past
 * `max-bytes=`, the file is closed and shifted to `path.1` (`path.1` → `path.2` …, the
 * oldest beyond `keep=` dropped) and a new `path` is started; a line is never split, so a
 * single line longer than max-bytes gets a file of its own. Each batch goes to the OS
 * before `write` resolves (no fsync), so nothing is held back at close. With `dedupe=1`
 * an alert whose deterministic id is already in the file (or was written by this run) is
 * skipped, so redeliveries after a consumer takeover leave one line per alert; the ids
 * are kept in memory (about 100 bytes each).
 */
import { open, readFile, rename, rm, type FileHandle } from "node:fs/promises";
import type { Alert } from "../runtime/alert.js";
import { SinkOptions } from "./options.js";
import type { Sink, SinkReport, SinkRequest } from "./sink.js";

export interface FileSinkOptions {
  readonly path: string;
  /** Rotate before the file would exceed this many bytes; 0 never rotates. */
  readonly maxBytes: number;
  /** Rotated files kept (path.1 … path.keep). */
  readonly keep: number;
  /** Skip alerts whose id the file already holds. */
  readonly dedupe?: true;
}

export const fileSinkOptionKeys = ["path", "max-bytes", "keep", "dedupe"] as const;

export function fileSinkOptions(request: SinkRequest): FileSinkOptions {
  const o = new SinkOptions(request, fileSinkOptionKeys);
  const dedupe = o.count("dedupe", 0) > 0;
  return { path: o.required("path"), maxBytes: o.count("max-bytes", 0), keep: o.count("keep", 5), ...(dedupe ? { dedupe } : {}) };
}

/** The alert ids in an NDJSON alert file: each line's first `"id"`, which the alert's head holds before any evidence. */
async function idsIn(path: string): Promise<Set<string>> {
  let text = "";
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  const ids = new Set<string>();
  for (const m of text.matchAll(/^\{[^\n]*?"id":"([0-9a-f]{64})"/gm)) if (m[1] !== undefined) ids.add(m[1]);
  return ids;
}

export class FileSink implements Sink {
  private skipped = 0;

  private constructor(
    readonly name: string,
    private readonly options: FileSinkOptions,
    private readonly format: (alert: Alert) => string,
    private handle: FileHandle,
    private size: number,
    /** With dedupe: the ids in the file. */
    private readonly seen: Set<string> | undefined,
  ) {}

  /** Opens (appends to) the file, so a bad path fails before any event is read. */
  static async open(name: string, options: FileSinkOptions, format: (alert: Alert) => string): Promise<FileSink> {
    const seen = options.dedupe === true ? await idsIn(options.path) : undefined;
    const handle = await open(options.path, "a");
    const { size } = await handle.stat();
    return new FileSink(name, options, format, handle, size, seen);
  }

  async write(batch: readonly Alert[]): Promise<void> {
    const limit = this.options.maxBytes;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    for (const alert of batch) {
      if (this.seen !== undefined) {
        if (this.seen.has(alert.id)) {
          this.skipped++;
          continue;
        }
        this.seen.add(alert.id);
      }
      const line = Buffer.from(`${this.format(alert)}\n`);
      const used = this.size + pendingBytes;
      if (limit > 0 && used > 0 && used + line.length > limit) {
        await this.append(pending);
        pending = [];
        pendingBytes = 0;
        await this.rotate();
      }
      pending.push(line);
      pendingBytes += line.length;
    }
    await this.append(pending);
  }

  async close(): Promise<void> {
    await this.handle.close();
  }

  /** Repeated alerts skipped are not undelivered: the file holds them once. */
  report(): SinkReport | undefined {
    if (this.skipped === 0) return undefined;
    return { undelivered: 0, message: `sink ${this.name}: skipped ${this.skipped} alert(s) whose id ${this.options.path} already holds` };
  }

  private async append(lines: readonly Buffer[]): Promise<void> {
    if (lines.length === 0) return;
    const bytes = Buffer.concat(lines);
    await this.handle.write(bytes);
    this.size += bytes.length;
  }

  private async rotate(): Promise<void> {
    const { path, keep } = this.options;
    await this.handle.close();
    if (keep === 0) await rm(path, { force: true });
    else {
      for (let i = keep - 1; i >= 1; i--) await renameIfPresent(`${path}.${i}`, `${path}.${i + 1}`);
      await rename(path, `${path}.1`);
    }
    this.handle = await open(path, "a");
    this.size = 0;
  }
}

async function renameIfPresent(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
}
