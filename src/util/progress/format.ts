/**
 * @fileoverview The progress line's text, as pure functions of a snapshot (bytes and events
 * so far, total bytes when every input's size is known, seconds since the start), so the
 * rate and ETA arithmetic is unit-tested apart from any terminal. Rates are averages since
 * the start: steadier than a short window on bursty input, and exact to test.
 */

export interface ProgressSnapshot {
  readonly bytes: number;
  readonly events: number;
  /** Undefined when an input's size is unknown (stdin): no bar, percentage or ETA then. */
  readonly totalBytes: number | undefined;
  readonly seconds: number;
}

const UNITS = ["B", "kB", "MB", "GB", "TB"] as const;

/** Decimal units (as `ls --si` and the run summary's MB): 1500 → "1.5 kB". */
export function formatBytes(n: number): string {
  let value = n;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${UNITS[unit]}`;
}

/** Whole seconds as m:ss, or h:mm:ss from an hour up. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

/** Groups of three digits, locale-independent, so tests and logs read the same everywhere. */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Seconds left at the average byte rate so far; undefined while it cannot be estimated. */
export function etaSeconds(p: ProgressSnapshot): number | undefined {
  if (p.totalBytes === undefined || p.bytes <= 0 || p.seconds <= 0) return undefined;
  const rate = p.bytes / p.seconds;
  return Math.max(0, p.totalBytes - p.bytes) / rate;
}

/** Fraction done in [0, 1], when the total is known. */
export function fraction(p: ProgressSnapshot): number | undefined {
  if (p.totalBytes === undefined) return undefined;
  if (p.totalBytes <= 0) return 1;
  return Math.min(1, p.bytes / p.totalBytes);
}

function bar(f: number, width: number): string {
  const full = Math.round(f * width);
  return `[${"#".repeat(full)}${"-".repeat(width - full)}]`;
}

/** One line, cut to `columns` so it never wraps (a wrapped line cannot be redrawn with \r). */
export function progressLine(p: ProgressSnapshot, columns: number): string {
  const f = fraction(p);
  const eta = etaSeconds(p);
  const perSecond = (n: number): number => (p.seconds > 0 ? n / p.seconds : 0);
  const parts = [
    ...(f === undefined ? [] : [`${bar(f, 20)} ${String(Math.floor(f * 100)).padStart(3)}%`]),
    f === undefined || p.totalBytes === undefined ? formatBytes(p.bytes) : `${formatBytes(p.bytes)} / ${formatBytes(p.totalBytes)}`,
    `${formatCount(p.events)} events`,
    `${formatCount(perSecond(p.events))} ev/s`,
    `${formatBytes(perSecond(p.bytes))}/s`,
    ...(eta === undefined ? [] : [`ETA ${formatDuration(eta)}`]),
  ];
  const line = parts.join("  ");
  return line.length <= columns ? line : line.slice(0, Math.max(0, columns - 1));
}
