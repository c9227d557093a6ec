/**
 * @fileoverview The fan-out sink: every batch reaches every sink, `write` waits for the
 * slowest (backpressure), a failing sink's error surfaces only after the others have
 * taken the batch, and after close the sinks' reports are summed and passed on.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Alert } from "../../../src/runtime/alert.js";
import { FanoutSink } from "../../../src/sinks/fanout.js";
import type { Sink, SinkReport } from "../../../src/sinks/sink.js";
import { testAlerts } from "./alerts.js";

class Collecting implements Sink {
  readonly got: string[] = [];
  closed = 0;
  constructor(
    readonly name: string,
    private readonly delayMs = 0,
    private readonly reportAfter?: SinkReport,
  ) {}
  async write(batch: readonly Alert[]): Promise<void> {
    await new Promise((r) => setTimeout(r, this.delayMs));
    this.got.push(...batch.map((a) => a.id));
  }
  async close(): Promise<void> {
    this.closed++;
  }
  report(): SinkReport | undefined {
    return this.reportAfter;
  }
}

test("every batch goes to every sink, and write resolves only once the slowest has it", async () => {
  const fast = new Collecting("fast");
  const slow = new Collecting("slow", 30);
  const fan = new FanoutSink([fast, slow], () => {});
  const alerts = testAlerts(4);
  await fan.write(alerts.slice(0, 2));
  assert.is(slow.got.length, 2, "the slow sink has the batch when write resolves");
  await fan.write(alerts.slice(2));
  await fan.close();
  assert.equal(fast.got, alerts.map((a) => a.id));
  assert.equal(slow.got, fast.got);
  assert.is(fan.name, "fast+slow");
});

test("a failing sink's error surfaces after the others took the batch and all were closed (flushed) once", async () => {
  const ok = new Collecting("ok", 20);
  const failing: Sink = { name: "bad", write: () => Promise.reject(new Error("disk full")), close: async () => {} };
  const fan = new FanoutSink([failing, ok], () => {});
  const error = await fan.write(testAlerts(1)).then(() => undefined, (e: Error) => e.message);
  assert.is(error, "disk full");
  assert.is(ok.got.length, 1);
  assert.is(ok.closed, 1);
  await fan.close();
  assert.is(ok.closed, 1, "a second close is the same close");
});

test("after close, reports are noted and their undelivered counts summed", async () => {
  const notes: string[] = [];
  const fan = new FanoutSink(
    [new Collecting("a", 0, { undelivered: 2, message: "a: 2 set aside" }), new Collecting("b"), new Collecting("c", 0, { undelivered: 3, message: "c: 3 set aside" })],
    (m) => notes.push(m),
  );
  await fan.close();
  assert.equal(notes, ["kestrel: a: 2 set aside", "kestrel: c: 3 set aside"]);
  assert.is(fan.undelivered, 5);
});

test.run();
