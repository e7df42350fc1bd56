/**
 * A small least-recently-used map. Used only for values derived from published revisions,
 * which never change, so an entry can never go stale: a correction is a new key.
 */
export class Lru<K, V> {
  private readonly map = new Map<K, V>()
  constructor(private readonly max: number) {}

  get(key: K): V | undefined {
    const v = this.map.get(key)
    if (v !== undefined) {
      this.map.delete(key)
      this.map.set(key, v)
    }
    return v
  }

  set(key: K, value: V): void {
    this.map.delete(key)
    this.map.set(key, value)
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K)
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
