/**
 * @fileoverview When to try a failed POST again and how long to wait: network errors,
 * timeouts, 408, 429 and 5xx are worth retrying; other statuses are not. The wait is the
 * server's Retry-After (delta-seconds or an HTTP date) when it gives one, else exponential
 * backoff with "equal jitter" (uniform in [d/2, d] for d = backoff·2^attempt), so clients
 * that failed together do not retry together; either way capped at max-delay-ms.
 */
export interface RetryPolicy {
  readonly backoffMs: number;
  readonly maxDelayMs: number;
}

export function retryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Milliseconds the server asks to wait, or undefined when the header is absent or unreadable. */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // HTTP dates name the month; Date.parse alone would also take "-1" as a year.
  const at = /[A-Za-z]{3}/.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The wait before retry number `attempt + 1` (attempt 0 is the first failure). */
export function retryDelay(attempt: number, policy: RetryPolicy, serverAsks: number | undefined, random: () => number = Math.random): number {
  if (serverAsks !== undefined) return Math.min(policy.maxDelayMs, serverAsks);
  const full = Math.min(policy.maxDelayMs, policy.backoffMs * 2 ** attempt);
  return Math.round(full / 2 + (random() * full) / 2);
}
