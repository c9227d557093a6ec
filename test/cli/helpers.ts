/**
 * @fileoverview Runs the real CLI (`bin/run.js`, the built dist/) as a child process,
 * the way a user does, and hands back exit code, stdout and stderr.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const bin = resolve("bin/run.js");

/** `input` is piped to stdin; without it stdin is /dev/null (not piped). */
export function kestrel(args: readonly string[], options: { input?: string | Buffer; cwd?: string } = {}): CliResult {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? process.cwd(),
    encoding: "utf8",
    maxBuffer: 64 << 20,
    ...(options.input === undefined ? { stdio: ["ignore", "pipe", "pipe"] } : { input: options.input }),
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), "kestrel-cli-"));
}

export interface AlertLine {
  readonly id: string;
  readonly rule: { readonly id: string; readonly author: readonly string[] };
  readonly event: { readonly kind: string };
  readonly kestrel: { readonly origin: readonly { readonly file: string; readonly line: number }[] };
  readonly evidence: readonly unknown[];
}

export function alerts(stdout: string): AlertLine[] {
  return stdout
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as AlertLine);
}
