/**
 * A small least-recently-used map. Used only for values derived from published revisions,
 * which never change, so an entry can never go stale: a correction is a new key.
 *
 * Bounded by entries, and optionally by weight (e.g. bytes): `weigh` says what one value costs,
 * and the oldest entries go until the total is at most `maxWeight`. A value heavier than the
 * whole budget is not kept at all (and pushes nothing out).
 */
export class Lru<K, V> {
  private readonly map = new Map<K, V>()
  private weight = 0
  constructor(
    private readonly max: number,
    private readonly options: { maxWeight?: number; weigh?: (value: V) => number } = {},
  ) {}

  get size(): number {
    return this.map.size
  }

  /** The total weight of the entries kept (0 without `weigh`). */
  get totalWeight(): number {
    return this.weight
  }

  get(key: K): V | undefined {
    const v = this.map.get(key)
    if (v !== undefined) {
      this.map.delete(key)
      this.map.set(key, v)
    }
    return v
  }

  set(key: K, value: V): void {
    this.delete(key)
    const w = this.options.weigh?.(value) ?? 0
    const maxWeight = this.options.maxWeight ?? Infinity
    // Too heavy to keep: not stored, and nothing else is pushed out for it.
    if (w > maxWeight) return
    this.map.set(key, value)
    this.weight += w
    while (this.map.size > this.max || (this.weight > maxWeight && this.map.size > 0)) {
      this.delete(this.map.keys().next().value as K)
    }
  }

  delete(key: K): void {
    const old = this.map.get(key)
    if (old === undefined) return
    this.map.delete(key)
    this.weight -= this.options.weigh?.(old) ?? 0
  }

  /** The cached value, or compute, store and return it. */
  async getOrSet(key: K, compute: () => Promise<V> | V): Promise<V> {
    const hit = this.get(key)
    if (hit !== undefined) return hit
    const value = await compute()
    this.set(key, value)
    return value
  }
}
