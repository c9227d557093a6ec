/**
 * @fileoverview Per-partition metrics of a Redis Streams consumer: entries read, claimed
 * from a dead consumer, replayed to rebuild state, acked and dead-lettered, with the
 * group's lag (entries not yet delivered) and pending entries (delivered, not acked) as
 * last sampled. `--stats` prints them as the run goes, the summary and `--json` at the end.
 */

export class PartitionStats {
  read = 0;
  claimed = 0;
  replayed = 0;
  acked = 0;
  deadLettered = 0;
  /** Times this consumer took the partition over. */
  acquired = 0;
  /** Takeovers whose state rebuild was cut short by --rebuild-entries (partial matches lost). */
  rebuildsCut = 0;
  lag: number | undefined;
  pending: number | undefined;

  constructor(readonly partition: number) {}

  line(): string {
    const lag = this.lag === undefined ? "?" : String(this.lag);
    const pending = this.pending === undefined ? "?" : String(this.pending);
    return `partition ${this.partition}: read ${this.read}, claimed ${this.claimed}, replayed ${this.replayed}, acked ${this.acked}, dead-lettered ${this.deadLettered}, lag ${lag}, pending ${pending}, acquired ${this.acquired}x${this.rebuildsCut === 0 ? "" : `, state rebuild cut short ${this.rebuildsCut}x`}`;
  }

  toJSON(): Record<string, number | null> {
    return {
      partition: this.partition,
      read: this.read,
      claimed: this.claimed,
      replayed: this.replayed,
      acked: this.acked,
      deadLettered: this.deadLettered,
      acquired: this.acquired,
      rebuildsCut: this.rebuildsCut,
      lag: this.lag ?? null,
      pending: this.pending ?? null,
    };
  }
}
