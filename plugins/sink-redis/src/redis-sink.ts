/**
 * @fileoverview The redis sink: each alert is XADDed to a stream as {id, alert} (the
 * canonical NDJSON line), unless its deterministic id was added within the dedupe
 * window. The check and the add are one Lua script (SET seen-key NX EX, then XADD), so
 * consumers redelivering the same events after a takeover never add an alert twice. A
 * batch goes in one pipeline and `write` resolves when Redis has answered all of it.
 */
import { Redis } from "ioredis";
import type { AlertLike, Sink, SinkReport } from "./contract.js";
import type { RedisSinkOptions } from "./options.js";

const ADD_ONCE = `
if tonumber(ARGV[1]) > 0 and not redis.call('set', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then return 0 end
if tonumber(ARGV[4]) > 0 then
  redis.call('xadd', KEYS[2], 'MAXLEN', '~', ARGV[4], '*', 'id', ARGV[2], 'alert', ARGV[3])
else
  redis.call('xadd', KEYS[2], '*', 'id', ARGV[2], 'alert', ARGV[3])
end
return 1`;

export class RedisStreamSink<A extends AlertLike> implements Sink<A> {
  readonly name = "redis";
  private added = 0;
  private duplicates = 0;

  private constructor(
    private readonly options: RedisSinkOptions,
    private readonly format: (alert: A) => string,
    private readonly redis: Redis,
  ) {}

  /** Connects first, so a wrong URL fails before any event is read. */
  static async open<A extends AlertLike>(options: RedisSinkOptions, format: (alert: A) => string): Promise<RedisStreamSink<A>> {
    const u = options.url;
    const redis = new Redis({ host: u.hostname || "127.0.0.1", port: u.port === "" ? 6379 : Number(u.port), ...(u.password === "" ? {} : { password: decodeURIComponent(u.password) }), maxRetriesPerRequest: 3 });
    try {
      await redis.ping();
    } catch (e) {
      redis.disconnect();
      throw new Error(`sink redis: cannot reach ${u.origin || u.href}: ${String(e)}`);
    }
    return new RedisStreamSink(options, format, redis);
  }

  async write(batch: readonly A[]): Promise<void> {
    if (batch.length === 0) return;
    const p = this.redis.pipeline();
    for (const a of batch) p.eval(ADD_ONCE, 2, `${this.options.stream}:seen:${a.id}`, this.options.stream, this.options.dedupeWindowS, a.id, this.format(a), this.options.maxlen);
    for (const [err, result] of (await p.exec()) ?? []) {
      if (err !== null) throw new Error(`sink redis: ${err.message}`);
      if (Number(result) === 1) this.added++;
      else this.duplicates++;
    }
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }

  /** Nothing is undelivered: a skipped duplicate was delivered before. */
  report(): SinkReport | undefined {
    return { undelivered: 0, message: `sink redis: added ${this.added} alert(s) to ${this.options.stream}, skipped ${this.duplicates} already added within ${this.options.dedupeWindowS} s` };
  }
}
