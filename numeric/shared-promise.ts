/**
 * One computation for concurrent callers: the promise of `compute()` under `key`, made once and
 * forgotten if it rejects (the next caller tries again). Callers share its progress and its abort.
 */
export function sharedPromise<K, V>(cache: Map<K, Promise<V>>, key: K, compute: () => Promise<V>): Promise<V> {
  let p = cache.get(key);
  if (!p) {
    p = compute();
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}
