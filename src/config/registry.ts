/**
 * @internal A WeakMap shared by every copy of this module in a process. The CommonJS build bundles each entry
 * on its own, so `immuta-redshift` and `immuta-redshift/config` each carry a copy of the config code: a state
 * loaded through one must still be known to a client from the other.
 */
export function sharedWeakMap<K extends object, V>(name: string): WeakMap<K, V> {
  const key = Symbol.for(`immuta-redshift:${name}`);
  const holder = globalThis as unknown as Record<symbol, WeakMap<K, V> | undefined>;
  holder[key] ??= new WeakMap<K, V>();
  return holder[key];
}
