/**
 * @fileoverview Where batches get scanned: in this thread (`--workers 1`), or spread over
 * a pool of worker_threads that share the compiled modules, each batch to the least busy
 * worker. Scanning is the expensive step and independent per batch; ordering is restored
 * by the EventBus.
 */
import { Worker } from "node:worker_threads";
import type { EngineOptions } from "../engine.js";
import type { PackageEngine } from "../engine.js";
import type { LineBatch } from "../framing.js";
import type { ScannedBatch } from "../records.js";
import { createEngines, scanBatch, type CompiledPackage } from "./scan-batch.js";
import type { WorkerInit, WorkerReply } from "./worker.js";

export interface Scanner {
  scan(batch: LineBatch): Promise<ScannedBatch>;
  close(): Promise<void>;
}

export class InlineScanner implements Scanner {
  private constructor(private readonly engines: readonly PackageEngine[]) {}

  static async create(packages: readonly CompiledPackage[], options: EngineOptions): Promise<InlineScanner> {
    return new InlineScanner(await createEngines(packages, options));
  }

  scan(batch: LineBatch): Promise<ScannedBatch> {
    return Promise.resolve(scanBatch(this.engines, batch));
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

interface PoolWorker {
  readonly worker: Worker;
  /** Replies come in request order: a worker handles one message at a time. */
  readonly waiting: { resolve: (b: ScannedBatch) => void; reject: (e: Error) => void }[];
}

/**
 * A worker on the entry beside this file: worker.js when built. Under tsx (tests run the
 * sources) Node 20 gives workers no ESM loader from execArgv, so a small bootstrap
 * registers tsx in the worker before importing worker.ts.
 */
function startWorker(workerData: WorkerInit): Worker {
  if (!import.meta.url.endsWith(".ts")) return new Worker(new URL("./worker.js", import.meta.url), { workerData });
  const entry = new URL("./worker.ts", import.meta.url).href;
  const code = `import("tsx/esm/api").then((m) => m.register()).then(() => import(${JSON.stringify(entry)}));`;
  return new Worker(code, { eval: true, workerData });
}

export class WorkerScanner implements Scanner {
  private constructor(private readonly workers: readonly PoolWorker[]) {}

  static async create(count: number, packages: readonly CompiledPackage[], options: EngineOptions): Promise<WorkerScanner> {
    const init: WorkerInit = { packages, engine: options };
    const workers = await Promise.all(
      Array.from({ length: count }, () => {
        const worker = startWorker(init);
        const w: PoolWorker = { worker, waiting: [] };
        return new Promise<PoolWorker>((resolve, reject) => {
          worker.once("error", reject);
          worker.on("message", (reply: WorkerReply) => {
            switch (reply.kind) {
              case "ready":
                worker.off("error", reject);
                worker.on("error", (e) => WorkerScanner.failAll(w, e));
                resolve(w);
                return;
              case "scanned":
                w.waiting.shift()?.resolve(reply.batch);
                return;
              case "failed":
                w.waiting.shift()?.reject(new Error(`scanning worker: ${reply.message}`));
                return;
            }
          });
        });
      }),
    );
    return new WorkerScanner(workers);
  }

  private static failAll(w: PoolWorker, e: Error): void {
    for (const p of w.waiting.splice(0)) p.reject(e);
  }

  scan(batch: LineBatch): Promise<ScannedBatch> {
    let best = this.workers[0];
    for (const w of this.workers) if (best === undefined || w.waiting.length < best.waiting.length) best = w;
    if (best === undefined) return Promise.reject(new Error("internal: no workers"));
    const target = best;
    return new Promise((resolve, reject) => {
      target.waiting.push({ resolve, reject });
      target.worker.postMessage(batch, [batch.bytes.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}

export async function createScanner(workers: number, packages: readonly CompiledPackage[], options: EngineOptions = {}): Promise<Scanner> {
  return workers <= 1 ? InlineScanner.create(packages, options) : WorkerScanner.create(workers, packages, options);
}
