/**
 * @fileoverview The kestrel:sink contract, restated structurally so this package needs
 * nothing from Kestrel: a request carries the sink name, its `--sink-opt` options and a
 * `format` function giving an alert's canonical NDJSON line; the only thing this plugin
 * reads from an alert itself is its deterministic `id`.
 */
export interface AlertLike {
  readonly id: string;
}

export interface SinkRequest<A extends AlertLike> {
  readonly name: string;
  readonly options: Readonly<Record<string, string>>;
  readonly format: (alert: A) => string;
}

export interface SinkReport {
  readonly undelivered: number;
  readonly message: string;
}

export interface Sink<A extends AlertLike> {
  readonly name: string;
  write(batch: readonly A[]): Promise<void>;
  close(): Promise<void>;
  report(): SinkReport | undefined;
}
