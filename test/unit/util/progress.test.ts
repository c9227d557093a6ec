/**
 * @fileoverview The progress line (src/util/progress/): byte, count and duration text,
 * the fraction and ETA arithmetic with exact values, the line cut to the terminal width,
 * and the bar's writer: throttled redraws on a terminal, nothing at all otherwise.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createProgress, type ProgressStream } from "../../../src/util/progress/bar.js";
import { etaSeconds, formatBytes, formatCount, formatDuration, fraction, progressLine } from "../../../src/util/progress/format.js";

test("bytes, counts and durations", () => {
  assert.is(formatBytes(0), "0 B");
  assert.is(formatBytes(999), "999 B");
  assert.is(formatBytes(1500), "1.5 kB");
  assert.is(formatBytes(12_345_678), "12.3 MB");
  assert.is(formatBytes(2e12), "2.0 TB");
  assert.is(formatCount(1234567), "1,234,567");
  assert.is(formatCount(999), "999");
  assert.is(formatCount(12.6), "13");
  assert.is(formatDuration(0), "0:00");
  assert.is(formatDuration(65.4), "1:05");
  assert.is(formatDuration(3725), "1:02:05");
});

test("fraction and ETA: the average byte rate so far over what is left", () => {
  const p = { bytes: 25_000_000, events: 100_000, totalBytes: 100_000_000, seconds: 5 };
  assert.is(fraction(p), 0.25);
  assert.is(etaSeconds(p), 15);
  assert.is(etaSeconds({ ...p, bytes: 100_000_000 }), 0);
  assert.is(etaSeconds({ ...p, totalBytes: undefined }), undefined, "no ETA for stdin");
  assert.is(etaSeconds({ ...p, seconds: 0 }), undefined, "no rate yet");
  assert.is(etaSeconds({ ...p, bytes: 0 }), undefined);
  assert.is(fraction({ ...p, totalBytes: 0 }), 1, "empty inputs are done");
  assert.is(fraction({ ...p, bytes: 120_000_000 }), 1, "a file that grew caps at 100%");
});

test("the line: bar, percentage, bytes, events, rates and ETA; without a total, no bar or ETA", () => {
  const p = { bytes: 25_000_000, events: 100_000, totalBytes: 100_000_000, seconds: 5 };
  assert.is(progressLine(p, 200), "[#####---------------]  25%  25.0 MB / 100.0 MB  100,000 events  20,000 ev/s  5.0 MB/s  ETA 0:15");
  assert.is(progressLine({ ...p, totalBytes: undefined }, 200), "25.0 MB  100,000 events  20,000 ev/s  5.0 MB/s");
  assert.is(progressLine(p, 30), "[#####---------------]  25%  ");
  assert.is(progressLine(p, 30).length, 29, "one column short of the width, so the cursor never wraps");
});

function fakeTerminal(isTTY: boolean): ProgressStream & { out: string[] } {
  const out: string[] = [];
  return { isTTY, columns: 200, out, write: (t: string) => out.push(t) > 0 };
}

test("on a terminal: redraws in place at most once per interval, and erases itself at the end", () => {
  const tty = fakeTerminal(true);
  let now = 0;
  const bar = createProgress(tty, { totalBytes: 1000, intervalMs: 200, now: () => now });
  now = 1000;
  bar.update({ bytes: 500, events: 5 });
  now = 1100;
  bar.update({ bytes: 600, events: 6 });
  now = 1300;
  bar.update({ bytes: 700, events: 7 });
  bar.finish();
  assert.is(tty.out.length, 3);
  assert.match(tty.out[0] ?? "", /^\r\[#{10}-{10}\]  50%  500 B \/ 1\.0 kB  5 events  5 ev\/s  500 B\/s  ETA 0:01\x1b\[K$/);
  assert.match(tty.out[1] ?? "", "70%");
  assert.is(tty.out[2], "\r\x1b[K");
});

test("not a terminal (a pipe, a file, CI) or no stream: nothing is written, ever", () => {
  const pipe = fakeTerminal(false);
  const bar = createProgress(pipe, { totalBytes: 10, intervalMs: 0 });
  bar.update({ bytes: 5, events: 1 });
  bar.clear();
  bar.finish();
  assert.equal(pipe.out, []);
  createProgress(undefined, { totalBytes: undefined }).update({ bytes: 1, events: 1 });
});

test.run();
