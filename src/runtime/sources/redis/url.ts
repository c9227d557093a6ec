/**
 * @fileoverview `redis://[user:password@]host[:port]/<prefix>`: where a partitioned event
 * stream lives. The path is the key prefix of its streams (`<prefix>:<p>`), not a Redis
 * database number, so several streams can share one server.
 */

export interface RedisStreamUrl {
  readonly host: string;
  readonly port: number;
  readonly username?: string;
  readonly password?: string;
  readonly prefix: string;
  /** The URL without credentials, for messages and alert origins. */
  readonly display: string;
}

export class RedisUrlError extends Error {}

export function parseRedisUrl(text: string): RedisStreamUrl {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new RedisUrlError(`'${text}' is not a URL; expected redis://host:port/<prefix>`);
  }
  if (url.protocol !== "redis:") throw new RedisUrlError(`'${text}': only redis:// URLs are supported (a Kafka source would be a plugin)`);
  const prefix = decodeURIComponent(url.pathname.replace(/^\//, ""));
  if (prefix === "") throw new RedisUrlError(`'${text}' names no stream prefix; expected redis://host:port/<prefix>`);
  const port = url.port === "" ? 6379 : Number(url.port);
  const host = url.hostname === "" ? "127.0.0.1" : url.hostname;
  return {
    host,
    port,
    ...(url.username === "" ? {} : { username: decodeURIComponent(url.username) }),
    ...(url.password === "" ? {} : { password: decodeURIComponent(url.password) }),
    prefix,
    display: `redis://${host}:${port}/${prefix}`,
  };
}
