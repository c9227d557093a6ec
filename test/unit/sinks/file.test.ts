/**
 * @fileoverview The built-in file sink on real files: NDJSON lines, appending, and
 * logrotate-style size rotation (path → path.1 → path.2 …, at most `keep` old files),
 * with every alert in exactly one file and no line split.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { alertToJson } from "../../../src/runtime/alert.js";
import { FileSink, fileSinkOptions } from "../../../src/sinks/file.js";
import { testAlerts } from "./alerts.js";

const scratch = (): string => mkdtempSync(join(tmpdir(), "kestrel-file-sink-"));
const lines = (path: string): string[] => readFileSync(path, "utf8").split("\n").filter((l) => l !== "");

/** Oldest first: path.N … path.1, path. */
function rotated(dir: string, base: string): string[] {
  const numbered = readdirSync(dir)
    .filter((f) => f.startsWith(`${base}.`))
    .map((f) => Number(f.slice(base.length + 1)))
    .sort((a, b) => b - a);
  return [...numbered.map((n) => join(dir, `${base}.${n}`)), join(dir, base)];
}

test("writes one NDJSON line per alert, in order, appending to what is there", async () => {
  const path = join(scratch(), "alerts.ndjson");
  writeFileSync(path, "earlier\n");
  const sink = await FileSink.open("file", { path, maxBytes: 0, keep: 5 }, alertToJson);
  const alerts = testAlerts(5);
  await sink.write(alerts.slice(0, 2));
  await sink.write(alerts.slice(2));
  await sink.close();
  assert.equal(lines(path), ["earlier", ...alerts.map(alertToJson)]);
});

test("rotates by size: every file within max-bytes, every alert once across them, oldest in the highest number", async () => {
  const dir = scratch();
  const path = join(dir, "alerts.ndjson");
  const alerts = testAlerts(40);
  const longest = Math.max(...alerts.map((a) => Buffer.byteLength(alertToJson(a)) + 1));
  const maxBytes = longest * 3;
  const sink = await FileSink.open("file", { path, maxBytes, keep: 100 }, alertToJson);
  for (let i = 0; i < alerts.length; i += 7) await sink.write(alerts.slice(i, i + 7));
  await sink.close();
  const files = rotated(dir, "alerts.ndjson");
  assert.is(files.length, Math.ceil(40 / 3));
  for (const f of files) assert.ok(readFileSync(f).length <= maxBytes, f);
  assert.equal(files.flatMap(lines), alerts.map(alertToJson));
});

test("keep= bounds the old files; the newest alerts survive", async () => {
  const dir = scratch();
  const path = join(dir, "a.ndjson");
  const alerts = testAlerts(20);
  const longest = Math.max(...alerts.map((a) => Buffer.byteLength(alertToJson(a)) + 1));
  const sink = await FileSink.open("file", { path, maxBytes: longest * 2, keep: 2 }, alertToJson);
  await sink.write(alerts);
  await sink.close();
  assert.equal(readdirSync(dir).sort(), ["a.ndjson", "a.ndjson.1", "a.ndjson.2"]);
  assert.equal(rotated(dir, "a.ndjson").flatMap(lines), alerts.slice(14).map(alertToJson));
});

test("a line longer than max-bytes gets a file of its own, unsplit", async () => {
  const dir = scratch();
  const path = join(dir, "a.ndjson");
  const [small, big, small2] = [testAlerts(1)[0]!, testAlerts(2, 500)[1]!, testAlerts(3)[2]!];
  const sink = await FileSink.open("file", { path, maxBytes: 300, keep: 5 }, alertToJson);
  await sink.write([small, big, small2]);
  await sink.close();
  assert.equal(rotated(dir, "a.ndjson").map(lines), [[alertToJson(small)], [alertToJson(big)], [alertToJson(small2)]]);
});

test("options: path= required, numbers checked, unknown keys named", () => {
  const req = (options: Record<string, string>) => ({ name: "file", options, format: alertToJson });
  assert.equal(fileSinkOptions(req({ path: "x", "max-bytes": "1000", keep: "3" })), { path: "x", maxBytes: 1000, keep: 3 });
  assert.equal(fileSinkOptions(req({ path: "x" })), { path: "x", maxBytes: 0, keep: 5 });
  assert.equal(fileSinkOptions(req({ path: "x", dedupe: "1" })), { path: "x", maxBytes: 0, keep: 5, dedupe: true });
  assert.throws(() => fileSinkOptions(req({})), /option path= is required/);
  assert.throws(() => fileSinkOptions(req({ path: "x", "max-bytes": "1e6" })), /max-bytes= wants a whole number/);
  assert.throws(() => fileSinkOptions(req({ path: "x", max: "1" })), /unknown option 'max' \(known: path, max-bytes, keep, dedupe\)/);
});

test("dedupe=1: an alert id already in the file, or written earlier in the run, is skipped and counted", async () => {
  const path = join(scratch(), "alerts.ndjson");
  const alerts = testAlerts(4);
  const first = await FileSink.open("file", { path, maxBytes: 0, keep: 5, dedupe: true }, alertToJson);
  await first.write(alerts.slice(0, 2));
  await first.write(alerts.slice(1, 3));
  await first.close();
  assert.is(first.report()?.message, `sink file: skipped 1 alert(s) whose id ${path} already holds`);
  const again = await FileSink.open("file", { path, maxBytes: 0, keep: 5, dedupe: true }, alertToJson);
  await again.write(alerts);
  await again.close();
  assert.equal(lines(path), alerts.map(alertToJson));
  assert.is(again.report()?.undelivered, 0);
  const plain = await FileSink.open("file", { path, maxBytes: 0, keep: 5 }, alertToJson);
  await plain.write(alerts.slice(0, 1));
  await plain.close();
  assert.is(lines(path).length, 5, "without dedupe every alert is written");
});

test("a path that cannot be opened fails at open, before any event is read", async () => {
  const dir = scratch();
  const opened = FileSink.open("file", { path: join(dir, "missing", "a.ndjson"), maxBytes: 0, keep: 1 }, alertToJson);
  assert.is(await opened.then(() => "opened", (e: NodeJS.ErrnoException) => e.code), "ENOENT");
  assert.not.ok(existsSync(join(dir, "missing")));
});

test.run();
