/**
 * @fileoverview The run's fault log: a plugin that fails (error, instruction budget, memory
 * cap) reports here, and the report is printed on stderr. Inline mode asks it whether
 * anything faulted while one event was being judged.
 */

export class FaultLog {
  private n = 0;
  private lastMessage = "";

  constructor(private readonly warn: (message: string) => void) {}

  report(message: string): void {
    this.n++;
    this.lastMessage = message;
    this.warn(message);
  }

  /** Faults so far; pass it to `since` later. */
  get count(): number {
    return this.n;
  }

  /** The last fault's message when any came after `mark`. */
  since(mark: number): string | undefined {
    return this.n > mark ? this.lastMessage : undefined;
  }
}
