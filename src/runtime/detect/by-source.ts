/**
 * @fileoverview Detection state kept per source partition, for acknowledging sources
 * (sources/batch-source.ts): each partition of a Redis stream gets its own DetectStage,
 * so its event-time clock is its own (partitions are read at different paces, and one
 * partition's newest event must not expire another's state) and a partition that changes
 * hands can drop its state and rebuild it from a replay. File inputs keep one stage for
 * the whole run, as before. All stages add to one set of counters.
 */
import type { Manifest } from "../../../compiler/package/manifest.js";
import type { Alert } from "../alert.js";
import type { ScannedBatch } from "../records.js";
import { DetectStage, emptyDetectCounters, type DetectCounters, type DetectOptions } from "./detect.js";

export class DetectBySource {
  readonly counters: DetectCounters = emptyDetectCounters();
  private readonly shared: DetectStage;
  private readonly stages = new Map<string, DetectStage>();

  constructor(
    private readonly manifests: readonly Manifest[],
    private readonly options: DetectOptions,
    /** One stage per source name; otherwise one stage for every source. */
    private readonly perSource: boolean,
  ) {
    this.shared = this.make();
  }

  /** Stateless alerts need no state: any stage gives them. */
  stateless(batch: ScannedBatch): Alert[] {
    return this.shared.stateless(batch);
  }

  stateful(batch: ScannedBatch): Alert[] {
    return this.of(batch.source).stateful(batch);
  }

  /** Forgets the source's state (a partition that changed hands). */
  reset(source: string): void {
    this.stages.delete(source);
  }

  finish(): Alert[] {
    return [this.shared, ...this.stages.values()].flatMap((s) => s.finish());
  }

  held(): { keys: number; entries: number } {
    return [this.shared, ...this.stages.values()].map((s) => s.held()).reduce((a, b) => ({ keys: a.keys + b.keys, entries: a.entries + b.entries }), { keys: 0, entries: 0 });
  }

  private of(source: string): DetectStage {
    if (!this.perSource) return this.shared;
    let stage = this.stages.get(source);
    if (stage === undefined) this.stages.set(source, (stage = this.make()));
    return stage;
  }

  private make(): DetectStage {
    return new DetectStage(this.manifests, { ...this.options, counters: this.counters });
  }
}
