/**
 * @fileoverview The EventBus: takes line batches from framing, has the scanner scan them
 * (in parallel when it is a worker pool), and hands each result on twice: `early` as soon
 * as it is scanned (for work that may run out of order), and `inOrder` strictly in batch
 * order (for stateful detection and, with --ordered, everything). Both handlers run one at
 * a time, never concurrently. The number of batches in flight is bounded: `submit` waits
 * while the bus is full, so a slow scanner, detector or sink slows the reader and nothing
 * is dropped.
 */
import type { LineBatch } from "../framing.js";
import type { ScannedBatch } from "../records.js";
import type { Scanner } from "./scanner.js";

export interface BusHandlers {
  early(batch: ScannedBatch): Promise<void>;
  inOrder(batch: ScannedBatch): Promise<void>;
}

export class EventBus {
  private nextSeq = 0;
  private nextToDeliver = 0;
  private inFlight = 0;
  private readonly done = new Map<number, ScannedBatch>();
  /** Serializes handler calls. */
  private chain: Promise<void> = Promise.resolve();
  private failure: unknown;
  private readonly waiters: (() => void)[] = [];

  constructor(
    private readonly scanner: Scanner,
    private readonly handlers: BusHandlers,
    private readonly maxInFlight: number,
  ) {}

  /** Sequence number for the next batch framing makes. */
  seq(): number {
    return this.nextSeq++;
  }

  /** Starts scanning a batch; resolves once the bus has room for another. */
  async submit(batch: LineBatch): Promise<void> {
    this.check();
    this.inFlight++;
    this.scanner.scan(batch).then(
      (scanned) => this.scanned(scanned),
      (e: unknown) => this.fail(e),
    );
    while (this.inFlight >= this.maxInFlight && this.failure === undefined) await new Promise<void>((r) => this.waiters.push(r));
    this.check();
  }

  /** Resolves when every submitted batch has been delivered. */
  async drain(): Promise<void> {
    while (this.inFlight > 0 && this.failure === undefined) await new Promise<void>((r) => this.waiters.push(r));
    await this.chain;
    this.check();
  }

  private scanned(batch: ScannedBatch): void {
    this.done.set(batch.seq, batch);
    this.enqueue(() => this.handlers.early(batch));
    for (let next = this.done.get(this.nextToDeliver); next !== undefined; next = this.done.get(this.nextToDeliver)) {
      const b = next;
      this.done.delete(this.nextToDeliver);
      this.nextToDeliver++;
      this.enqueue(async () => {
        await this.handlers.inOrder(b);
        this.inFlight--;
        this.wake();
      });
    }
  }

  private enqueue(task: () => Promise<void>): void {
    this.chain = this.chain.then(task).catch((e: unknown) => this.fail(e));
  }

  private fail(e: unknown): void {
    if (this.failure === undefined) this.failure = e ?? new Error("unknown failure");
    this.wake();
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  private check(): void {
    if (this.failure !== undefined) throw this.failure;
  }
}
