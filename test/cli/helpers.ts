/**
 * @fileoverview Runs the real CLI (`bin/run.js`, the built dist/) as a child process,
 * the way a user does, and hands back exit code, stdout and stderr. Every run gets oclif
 * data, cache and config folders under one scratch folder (KESTREL_DATA_DIR …), so a
 * developer's linked or installed plugins never leak into a test and no test writes to
 * the real home; a test may pass its own.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const bin = resolve("bin/run.js");

export interface CliOptions {
  readonly input?: string | Buffer;
  readonly cwd?: string;
  /** Added to the isolated environment, e.g. another KESTREL_DATA_DIR. */
  readonly env?: Readonly<Record<string, string>>;
}

/** oclif's folders for the `kestrel` bin, all under `home`. */
export function isolatedEnv(home: string): Record<string, string> {
  return { KESTREL_DATA_DIR: join(home, "data"), KESTREL_CACHE_DIR: join(home, "cache"), KESTREL_CONFIG_DIR: join(home, "config") };
}

const testHome = mkdtempSync(join(tmpdir(), "kestrel-home-"));

/** Plain output whatever the CI sets (`CI`/`FORCE_COLOR` turn oclif's colours on even without a TTY). */
function childEnv(options: CliOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", ...isolatedEnv(testHome), ...options.env };
  delete env.FORCE_COLOR;
  return env;
}

/** `input` is piped to stdin; without it stdin is /dev/null (not piped). */
export function kestrel(args: readonly string[], options: CliOptions = {}): CliResult {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? process.cwd(),
    env: childEnv(options),
    encoding: "utf8",
    maxBuffer: 256 << 20,
    ...(options.input === undefined ? { stdio: ["ignore", "pipe", "pipe"] } : { input: options.input }),
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The same without blocking this process, for tests that serve HTTP to the CLI from
 * here; killed after `timeoutMs`. Stdin is not piped.
 */
export function kestrelAsync(args: readonly string[], options: CliOptions & { timeoutMs?: number } = {}): Promise<CliResult> {
  return kestrelChild(args, options).result;
}

/** The same, with the child process at hand (to signal or kill it mid-run). */
export function kestrelChild(args: readonly string[], options: CliOptions & { timeoutMs?: number } = {}): { child: ChildProcess; result: Promise<CliResult> } {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? process.cwd(),
    env: childEnv(options),
    stdio: ["ignore", "pipe", "pipe"],
    timeout: options.timeoutMs ?? 60_000,
    killSignal: "SIGKILL",
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const result = new Promise<CliResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code: code ?? -1, stdout, stderr: signal === null ? stderr : `${stderr}\n[killed by ${signal}]` }));
  });
  return { child, result };
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
