/**
 * Values worked out once and kept in memory by key, at most `limit` of them: past it, the one kept longest is
 * forgotten, and worked out again if it is asked for. For values that never change for their key (a version's
 * snapshot, a part of a page, a browser's token), so a forgotten one comes back the same.
 */
export class KeptValues<V> {
  readonly #values = new Map<string, V>();

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`KeptValues keeps at least one value, not ${limit}`);
  }

  /** How many are kept now. */
  get size(): number {
    return this.#values.size;
  }

  /** The value kept for `key`, if it is. */
  get(key: string): V | undefined {
    return this.#values.get(key);
  }

  /** Keeps `value` for `key`, forgetting the one kept longest when full; returns the value. */
  keep(key: string, value: V): V {
    if (!this.#values.has(key) && this.#values.size >= this.limit) this.#values.delete(this.#values.keys().next().value as string);
    this.#values.set(key, value);
    return value;
  }

  /** The value for `key`: the kept one, or `make`'s, kept. */
  of(key: string, make: () => V): V {
    const kept = this.#values.get(key);
    return kept === undefined ? this.keep(key, make()) : kept;
  }
}
