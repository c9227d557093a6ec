/**
 * @fileoverview Where alerts go. A sink takes finished NDJSON alert lines; built-in
 * sinks live here, others come from oclif plugins through the `kestrel:sink` hook.
 */
export interface Sink {
  readonly name: string;
  write(alertLine: string): void | Promise<void>;
  close(): Promise<void>;
}
