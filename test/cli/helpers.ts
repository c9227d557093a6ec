/**
 * @fileoverview Runs the real CLI (`bin/run.js`, the built dist/) as a child process,
 * the way a user does, and hands back exit code, stdout and stderr. The package cache
 * goes to a scratch folder per test process (KESTREL_CACHE_DIR), never the user's.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const bin = resolve("bin/run.js");
const testCache = mkdtempSync(join(tmpdir(), "kestrel-cache-"));

export interface CliOptions {
  /** Piped to stdin; without it stdin is /dev/null (not piped). */
  readonly input?: string | Buffer;
  readonly cwd?: string;
  /** Added to the environment; KESTREL_CACHE_DIR defaults to this process's scratch cache. */
  readonly env?: Readonly<Record<string, string>>;
}

function envFor(options: Pick<CliOptions, "env">): NodeJS.ProcessEnv {
  return { ...process.env, KESTREL_CACHE_DIR: testCache, ...options.env };
}

export function kestrel(args: readonly string[], options: CliOptions = {}): CliResult {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? process.cwd(),
    env: envFor(options),
    encoding: "utf8",
    maxBuffer: 64 << 20,
    ...(options.input === undefined ? { stdio: ["ignore", "pipe", "pipe"] } : { input: options.input }),
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** As `kestrel`, without blocking: for runs that must overlap. stdin is /dev/null. */
export function kestrelAsync(args: readonly string[], options: Omit<CliOptions, "input"> = {}): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: options.cwd ?? process.cwd(),
      env: envFor(options),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ code: code ?? -1, stdout, stderr }));
  });
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
