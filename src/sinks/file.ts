/**
 * @fileoverview The built-in `file` sink: alerts as NDJSON appended to `path=`, with
 * size-based rotation as logrotate does it. When a line would take the file past
 * `max-bytes=`, the file is closed and shifted to `path.1` (`path.1` → `path.2` …, the
 * oldest beyond `keep=` dropped) and a new `path` is started; a line is never split, so a
 * single line longer than max-bytes gets a file of its own. Each batch goes to the OS
 * before `write` resolves (no fsync), so nothing is held back at close.
 */
import { open, rename, rm, type FileHandle } from "node:fs/promises";
import type { Alert } from "../runtime/alert.js";
import { SinkOptions } from "./options.js";
import type { Sink, SinkRequest } from "./sink.js";

export interface FileSinkOptions {
  readonly path: string;
  /** Rotate before the file would exceed this many bytes; 0 never rotates. */
  readonly maxBytes: number;
  /** Rotated files kept (path.1 … path.keep). */
  readonly keep: number;
}

export const fileSinkOptionKeys = ["path", "max-bytes", "keep"] as const;

export function fileSinkOptions(request: SinkRequest): FileSinkOptions {
  const o = new SinkOptions(request, fileSinkOptionKeys);
  return { path: o.required("path"), maxBytes: o.count("max-bytes", 0), keep: o.count("keep", 5) };
}

export class FileSink implements Sink {
  private constructor(
    readonly name: string,
    private readonly options: FileSinkOptions,
    private readonly format: (alert: Alert) => string,
    private handle: FileHandle,
    private size: number,
  ) {}

  /** Opens (appends to) the file, so a bad path fails before any event is read. */
  static async open(name: string, options: FileSinkOptions, format: (alert: Alert) => string): Promise<FileSink> {
    const handle = await open(options.path, "a");
    const { size } = await handle.stat();
    return new FileSink(name, options, format, handle, size);
  }

  async write(batch: readonly Alert[]): Promise<void> {
    const limit = this.options.maxBytes;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    for (const alert of batch) {
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
