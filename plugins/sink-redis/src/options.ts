/**
 * @fileoverview The redis sink's options (`--sink-opt key=value`): url= (redis://host:port,
 * required), stream= (default kestrel:alerts), dedupe-window= seconds (default 86400; 0
 * adds every alert) and maxlen= (trim the stream to about this many entries; 0, the
 * default, never trims). Unknown keys and bad values are errors naming the option.
 */
export interface RedisSinkOptions {
  readonly url: URL;
  readonly stream: string;
  readonly dedupeWindowS: number;
  readonly maxlen: number;
}

const known = ["url", "stream", "dedupe-window", "maxlen"];

export function redisSinkOptions(given: Readonly<Record<string, string>>): RedisSinkOptions {
  for (const key of Object.keys(given)) if (!known.includes(key)) throw new Error(`sink redis: unknown option '${key}' (known: ${known.join(", ")})`);
  const text = given["url"];
  if (text === undefined || text === "") throw new Error("sink redis: option url= is required, e.g. url=redis://127.0.0.1:6379");
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`sink redis: url= '${text}' is not a URL`);
  }
  if (url.protocol !== "redis:") throw new Error(`sink redis: url= '${text}' must be redis://host:port`);
  return { url, stream: given["stream"] ?? "kestrel:alerts", dedupeWindowS: whole("dedupe-window", given["dedupe-window"], 86_400), maxlen: whole("maxlen", given["maxlen"], 0) };
}

function whole(key: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) throw new Error(`sink redis: option ${key}= wants a whole number ≥ 0, got '${text}'`);
  return Number(text);
}
