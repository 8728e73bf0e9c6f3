// The tables compile keeps between runs, keyed (weakly, mostly) by the immutable inputs they are built from.

interface Table<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

/** `table`'s value for `key`: made by `make` and kept the first time it is asked for. */
export function remembered<K, V>(table: Table<K, V>, key: K, make: () => V): V {
  let value = table.get(key);
  if (value === undefined) table.set(key, (value = make()));
  return value;
}
