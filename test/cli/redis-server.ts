/**
 * @fileoverview A real redis-server for CLI tests: started on 127.0.0.1 and a free port,
 * with no persistence (`--save '' --appendonly no`), stopped by the test's `after`.
 * Without redis-server on PATH the tests that need it are skipped with a notice, except
 * under CI (env CI set), where that is a failure: CI installs it (.ci/run).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { Redis } from "ioredis";

export interface RedisServer {
  readonly port: number;
  /** A stream URL under this server: redis://127.0.0.1:<port>/<prefix>. */
  url(prefix: string): string;
  /** A client for the test's own checks (closed by stop). */
  readonly client: Redis;
  stop(): Promise<void>;
}

/** True when redis-server can be run; under CI its absence throws instead. */
export function redisAvailable(): boolean {
  const found = spawnSync("redis-server", ["--version"], { stdio: "ignore" }).error === undefined;
  if (found) return true;
  if (process.env["CI"] !== undefined) throw new Error("redis-server is not on PATH, and CI is set: .ci/run installs it (apt-get install -y redis-server)");
  console.log("NOTICE: redis-server is not on PATH: the Redis Streams tests are skipped (apt-get install -y redis-server to run them)");
  return false;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  const child: ChildProcess = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  const client = new Redis({ port, host: "127.0.0.1", lazyConnect: true, retryStrategy: () => 50 });
  // Refused connections while the server starts are expected; the loop below retries.
  client.on("error", () => {});
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await client.connect();
      await client.ping();
      break;
    } catch (e) {
      if (Date.now() > deadline) {
        child.kill("SIGKILL");
        throw new Error(`redis-server did not answer on port ${port}: ${String(e)}`);
      }
      client.disconnect();
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    port,
    client,
    url: (prefix) => `redis://127.0.0.1:${port}/${prefix}`,
    stop: async () => {
      client.disconnect();
      const exited = new Promise<void>((r) => child.once("exit", () => r()));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
