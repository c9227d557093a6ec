/**
 * @fileoverview The webhook sink's options (`--sink-opt key=value`): url= (required),
 * batch=, retries=, backoff-ms=, max-delay-ms=, timeout-ms=, dead-letter=PATH and any
 * number of header.NAME=VALUE. Unknown keys and bad values are errors naming the option,
 * so a typo never silently falls back to a default.
 */
export interface WebhookOptions {
  readonly url: URL;
  /** Most alerts per POST. */
  readonly batch: number;
  /** Retries after the first attempt. */
  readonly retries: number;
  /** First backoff; doubles per retry, with jitter. */
  readonly backoffMs: number;
  /** Cap on any wait, backoff or Retry-After. */
  readonly maxDelayMs: number;
  /** Per request, response included. */
  readonly timeoutMs: number;
  /** NDJSON file for batches whose retries ran out; without it that is fatal. */
  readonly deadLetter: string | undefined;
  readonly headers: Readonly<Record<string, string>>;
}

/** Numeric options: default and least allowed value. */
const numbers = {
  batch: { fallback: 500, least: 1 },
  retries: { fallback: 5, least: 0 },
  "backoff-ms": { fallback: 500, least: 0 },
  "max-delay-ms": { fallback: 30_000, least: 0 },
  "timeout-ms": { fallback: 10_000, least: 1 },
} as const;

type NumberKey = keyof typeof numbers;
const isNumberKey = (key: string): key is NumberKey => Object.hasOwn(numbers, key);

export function webhookOptions(given: Readonly<Record<string, string>>): WebhookOptions {
  const n: Record<NumberKey, number> = { batch: 0, retries: 0, "backoff-ms": 0, "max-delay-ms": 0, "timeout-ms": 0 };
  for (const key of Object.keys(numbers) as NumberKey[]) n[key] = numberOption(key, given[key]);
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(given)) {
    if (key.startsWith("header.")) headers[header(key.slice("header.".length), value)] = value;
    else if (key !== "url" && key !== "dead-letter" && !isNumberKey(key)) {
      throw new Error(`sink webhook: unknown option '${key}' (known: url, ${Object.keys(numbers).join(", ")}, dead-letter, header.NAME)`);
    }
  }
  const deadLetter = given["dead-letter"];
  if (deadLetter === "") throw new Error("sink webhook: dead-letter= wants a file path");
  return {
    url: endpoint(given["url"]),
    batch: n.batch,
    retries: n.retries,
    backoffMs: n["backoff-ms"],
    maxDelayMs: n["max-delay-ms"],
    timeoutMs: n["timeout-ms"],
    deadLetter,
    headers,
  };
}

function numberOption(key: NumberKey, text: string | undefined): number {
  const { fallback, least } = numbers[key];
  if (text === undefined) return fallback;
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= least)) throw new Error(`sink webhook: ${key}= wants a whole number ≥ ${least}, got '${text}'`);
  return value;
}

function endpoint(text: string | undefined): URL {
  if (text === undefined || text === "") throw new Error("sink webhook: url= is required, e.g. --sink-opt url=https://example.net/alerts");
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new Error(`sink webhook: url= wants an http(s) URL, got '${text}'`);
  }
  return url;
}

/** Checks the name as fetch would, so a bad header fails now rather than on every attempt. */
function header(name: string, value: string): string {
  try {
    new Headers({ [name]: value });
  } catch {
    throw new Error(`sink webhook: header.${name}= is not a valid HTTP header`);
  }
  return name;
}
