/**
 * @fileoverview A scanning worker (worker_threads): instantiates every package from the
 * compiled modules it is handed, then scans each batch it receives and posts the
 * ScannedBatch back. It keeps no state between batches beyond its engines.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { EngineOptions } from "../engine.js";
import type { LineBatch } from "../framing.js";
import { createEngines, scanBatch, type CompiledPackage } from "./scan-batch.js";

export interface WorkerInit {
  readonly packages: readonly CompiledPackage[];
  readonly engine: EngineOptions;
}

export type WorkerReply = { readonly kind: "ready" } | { readonly kind: "scanned"; readonly batch: import("../records.js").ScannedBatch } | { readonly kind: "failed"; readonly message: string };

const port = parentPort;
if (port === null) throw new Error("worker.ts must run in a worker thread");
const init = workerData as WorkerInit;
const engines = await createEngines(init.packages, init.engine);
port.on("message", (batch: LineBatch) => {
  try {
    const reply: WorkerReply = { kind: "scanned", batch: scanBatch(engines, batch) };
    port.postMessage(reply);
  } catch (e) {
    const reply: WorkerReply = { kind: "failed", message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
    port.postMessage(reply);
  }
});
port.postMessage({ kind: "ready" } satisfies WorkerReply);
