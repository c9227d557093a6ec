/**
 * @fileoverview A map that remembers update order, for caps that evict the least recently
 * updated key. Not a plain Map used as a queue: V8's Map leaves a hole per deleted entry
 * until it rehashes, so finding the oldest key with `keys().next()` after many deletes
 * walks the holes, and capped state churning through a million keys took 50 s. Here a
 * doubly linked list gives the oldest key in O(1).
 */

interface Node<V> {
  readonly key: string;
  value: V;
  prev: Node<V> | undefined;
  next: Node<V> | undefined;
}

export class LruMap<V> {
  private readonly nodes = new Map<string, Node<V>>();
  private oldest: Node<V> | undefined;
  private newest: Node<V> | undefined;

  get size(): number {
    return this.nodes.size;
  }

  get(key: string): V | undefined {
    return this.nodes.get(key)?.value;
  }

  /** Sets the value and makes the key the most recently updated. */
  set(key: string, value: V): void {
    const node = this.nodes.get(key);
    if (node !== undefined) {
      node.value = value;
      this.unlink(node);
      this.append(node);
      return;
    }
    const fresh: Node<V> = { key, value, prev: undefined, next: undefined };
    this.nodes.set(key, fresh);
    this.append(fresh);
  }

  /** Replaces the value without changing the key's place in the order. */
  replace(key: string, value: V): void {
    const node = this.nodes.get(key);
    if (node !== undefined) node.value = value;
  }

  delete(key: string): boolean {
    const node = this.nodes.get(key);
    if (node === undefined) return false;
    this.nodes.delete(key);
    this.unlink(node);
    return true;
  }

  /** The least recently updated entry, removed. */
  shift(): [string, V] | undefined {
    const node = this.oldest;
    if (node === undefined) return undefined;
    this.delete(node.key);
    return [node.key, node.value];
  }

  /** Entries, least recently updated first; safe against deleting the current entry. */
  *entries(): IterableIterator<[string, V]> {
    for (let node = this.oldest; node !== undefined; ) {
      const next = node.next;
      yield [node.key, node.value];
      node = next;
    }
  }

  *values(): IterableIterator<V> {
    for (const [, v] of this.entries()) yield v;
  }

  private append(node: Node<V>): void {
    node.prev = this.newest;
    node.next = undefined;
    if (this.newest !== undefined) this.newest.next = node;
    this.newest = node;
    this.oldest ??= node;
  }

  private unlink(node: Node<V>): void {
    if (node.prev !== undefined) node.prev.next = node.next;
    else this.oldest = node.next;
    if (node.next !== undefined) node.next.prev = node.prev;
    else this.newest = node.prev;
    node.prev = undefined;
    node.next = undefined;
  }
}
