/**
 * @fileoverview The run's bookkeeping: every check is a pass or a failure (with a
 * one-line reason), and the closing `N passed, N failed` line CI reads comes from here.
 * Also small counting helpers shared by the jobs (diagnostic codes, most frequent first).
 */
export class Tally {
  passed = 0;
  readonly failures: string[] = [];

  pass(): void {
    this.passed++;
  }

  fail(what: string): void {
    this.failures.push(what);
  }

  check(ok: boolean, what: string): void {
    if (ok) this.pass();
    else this.fail(what);
  }
}

/** A multiset of strings (diagnostic codes, rule ids). */
export class Counter {
  private readonly counts = new Map<string, number>();

  add(key: string, n = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + n);
  }

  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  /** Most frequent first, ties by key. */
  top(limit = Infinity): [string, number][] {
    return [...this.counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, limit);
  }

  format(limit = Infinity): string {
    const top = this.top(limit);
    return top.length === 0 ? "-" : top.map(([k, n]) => `${k}×${n}`).join(" ");
  }
}
