/**
 * @fileoverview The webhook plugin's pure parts: option parsing, which failures are
 * retried, Retry-After in both forms, and backoff with jitter within its bounds. The
 * plugin's hook must also fit Kestrel's own hook type (checked by `npm run typecheck`),
 * though the plugin imports nothing from Kestrel.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import webhookSinkHook from "../../../plugins/sink-webhook/src/hook.js";
import { webhookOptions } from "../../../plugins/sink-webhook/src/options.js";
import { retryAfterMs, retryDelay, retryableStatus } from "../../../plugins/sink-webhook/src/retry.js";
import { alertToJson } from "../../../src/runtime/alert.js";
import type { Sink, SinkRequest } from "../../../src/sinks/sink.js";

const asKestrelHook: (request: SinkRequest) => Promise<Sink | undefined> = webhookSinkHook;

test("the hook answers only 'webhook' and rejects bad options with the option's name", async () => {
  assert.is(await asKestrelHook({ name: "file", options: {}, format: alertToJson }), undefined);
  const sink = await asKestrelHook({ name: "webhook", options: { url: "http://127.0.0.1:1/" }, format: alertToJson });
  assert.is(sink?.name, "webhook");
  const failed = await asKestrelHook({ name: "webhook", options: {}, format: alertToJson }).then(() => "", (e: Error) => e.message);
  assert.match(failed, "url= is required");
});

test("options: defaults, numbers, headers, and errors that name the option", () => {
  const o = webhookOptions({ url: "https://example.net/hook?x=1", batch: "2", "header.Authorization": "Bearer t" });
  assert.is(o.url.href, "https://example.net/hook?x=1");
  assert.equal([o.batch, o.retries, o.backoffMs, o.maxDelayMs, o.timeoutMs, o.deadLetter], [2, 5, 500, 30_000, 10_000, undefined]);
  assert.equal(o.headers, { Authorization: "Bearer t" });
  const bad: [Record<string, string>, string][] = [
    [{ url: "ftp://x/" }, "url= wants an http(s) URL"],
    [{ url: "not a url" }, "url= wants an http(s) URL"],
    [{ url: "http://x/", batch: "0" }, "batch= wants a whole number ≥ 1, got '0'"],
    [{ url: "http://x/", retries: "-1" }, "retries= wants a whole number ≥ 0"],
    [{ url: "http://x/", "timeout-ms": "1.5" }, "timeout-ms= wants a whole number ≥ 1"],
    [{ url: "http://x/", retry: "3" }, "unknown option 'retry'"],
    [{ url: "http://x/", "header.bad name": "v" }, "header.bad name= is not a valid HTTP header"],
    [{ url: "http://x/", "dead-letter": "" }, "dead-letter= wants a file path"],
  ];
  for (const [given, message] of bad) assert.throws(() => webhookOptions(given), (e: Error) => e.message.includes(message), message);
});

test("retried: 408, 429 and 5xx; not: other 4xx", () => {
  assert.equal([408, 429, 500, 502, 503, 599].map(retryableStatus), [true, true, true, true, true, true]);
  assert.equal([400, 401, 403, 404, 409, 413, 422].map(retryableStatus), [false, false, false, false, false, false, false]);
});

test("Retry-After: delta-seconds or an HTTP date; unreadable means use backoff", () => {
  const now = Date.parse("Wed, 21 Oct 2015 07:28:00 GMT");
  assert.is(retryAfterMs("3", now), 3000);
  assert.is(retryAfterMs(" 0 ", now), 0);
  assert.is(retryAfterMs("Wed, 21 Oct 2015 07:28:05 GMT", now), 5000);
  assert.is(retryAfterMs("Wed, 21 Oct 2015 07:27:00 GMT", now), 0, "a date in the past means now");
  assert.is(retryAfterMs(null, now), undefined);
  assert.is(retryAfterMs("soon", now), undefined);
  assert.is(retryAfterMs("-1", now), undefined);
});

test("delay: exponential with equal jitter, capped; the server's wait is honoured up to the cap", () => {
  const policy = { backoffMs: 100, maxDelayMs: 1000 };
  assert.equal([0, 1, 2, 3].map((a) => retryDelay(a, policy, undefined, () => 0)), [50, 100, 200, 400]);
  assert.equal([0, 1, 2, 3].map((a) => retryDelay(a, policy, undefined, () => 1)), [100, 200, 400, 800]);
  assert.is(retryDelay(10, policy, undefined, () => 1), 1000);
  assert.is(retryDelay(0, policy, 700), 700);
  assert.is(retryDelay(0, policy, 3_600_000), 1000);
});

test.run();
