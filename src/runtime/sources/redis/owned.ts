/**
 * @fileoverview A partition this consumer holds the lease of, and where it stands: it
 * first rebuilds detection state from a replay of the entries before the group's
 * position, then reclaims entries a dead consumer left pending, then reads new entries;
 * a partition given up for rebalancing stops reading and is released once its in-flight
 * entries are acked. Batches it handed out but that are not yet accepted are kept so a
 * malformed line can be traced back to its entry id.
 */

export type Phase = "rebuild" | "reclaim" | "live" | "releasing";

export interface InFlightBatch {
  /** Line number (per partition, as the pipeline's framing counts) of the batch's first line. */
  readonly firstLine: number;
  /** Entry ids of the batch's lines, in order. */
  readonly lineIds: readonly string[];
}

export class OwnedPartition {
  phase: Phase = "rebuild";
  /** The next batch handed out starts the partition's detection state afresh. */
  fresh = true;
  /** Entries handed out and not yet acked. */
  inFlight = 0;
  /** XAUTOCLAIM cursor while reclaiming. */
  cursor = "0-0";
  readonly batches: InFlightBatch[] = [];

  constructor(
    readonly partition: number,
    readonly stream: string,
  ) {}

  /** The entry id of a line handed out and not yet acked. */
  idOfLine(line: number): string | undefined {
    for (const b of this.batches) {
      const i = line - b.firstLine;
      if (i >= 0 && i < b.lineIds.length) return b.lineIds[i];
    }
    return undefined;
  }
}
