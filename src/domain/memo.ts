/**
 * A pure function of one text remembered by its argument: calendar questions (is this a working day, what
 * date is N days later) are asked about the same few hundred dates thousands of times in a plan's lists.
 * The memory is emptied when it grows past `limit`.
 */
export function memoized<T>(compute: (key: string) => T, limit = 20_000): (key: string) => T {
  const known = new Map<string, T>();
  return (key) => {
    if (known.has(key)) return known.get(key) as T;
    const value = compute(key);
    if (known.size >= limit) known.clear();
    known.set(key, value);
    return value;
  };
}
