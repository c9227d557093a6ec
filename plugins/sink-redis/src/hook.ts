/**
 * @fileoverview The plugin's `kestrel:sink` hook (package.json oclif.hooks): it answers
 * requests named `redis` with a RedisStreamSink and leaves every other name to other
 * plugins by returning undefined. Bad options throw, and Kestrel reports the message.
 */
import type { AlertLike, Sink, SinkRequest } from "./contract.js";
import { redisSinkOptions } from "./options.js";
import { RedisStreamSink } from "./redis-sink.js";

export default async function redisSinkHook<A extends AlertLike>(request: SinkRequest<A>): Promise<Sink<A> | undefined> {
  if (request.name !== "redis") return undefined;
  return RedisStreamSink.open(redisSinkOptions(request.options), request.format);
}
