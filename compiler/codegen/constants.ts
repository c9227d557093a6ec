/**
 * @fileoverview The rule constants pool: byte strings (patterns, CIDR networks) placed
 * one after another from a base address, deduplicated, emitted as one data segment.
 */
export class ConstantPool {
  private readonly chunks: Uint8Array[] = [];
  private readonly index = new Map<string, number>();
  private size = 0;

  constructor(readonly base: number) {}

  /** Address of `bytes` in memory, adding them if new. Keyed by content. */
  add(bytes: Uint8Array): number {
    const key = Buffer.from(bytes).toString("latin1");
    const known = this.index.get(key);
    if (known !== undefined) return known;
    const at = this.base + this.size;
    this.chunks.push(bytes);
    this.size += bytes.length;
    const pad = (8 - (this.size % 8)) % 8;
    if (pad > 0) {
      this.chunks.push(new Uint8Array(pad));
      this.size += pad;
    }
    this.index.set(key, at);
    return at;
  }

  get end(): number {
    return this.base + this.size;
  }

  bytes(): Uint8Array {
    return Buffer.concat(this.chunks);
  }
}
