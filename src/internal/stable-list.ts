/**
 * @internal A list that stays the same array while its items stay the same: `next(items)` returns the array it
 * returned last time when `items` holds the same strings in the same order. The scrubber caches its prepared
 * secrets by the array it is given, so a list rebuilt on every call (a 15,000-character token among them)
 * would be compared by content each time instead.
 */
export function stableList(): (items: readonly string[]) => readonly string[] {
  let last: readonly string[] = [];
  return (items) => {
    if (items.length === last.length && items.every((item, index) => item === last[index])) return last;
    last = [...items];
    return last;
  };
}
