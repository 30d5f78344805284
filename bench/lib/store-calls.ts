/**
 * Counts the calls of an in-process event store (patches the adapter's prototype), for benchmarks
 * whose service runs in the bench process: `const calls = countStoreCalls(SqliteEventStore.prototype)`,
 * then `calls()` gives the counts so far.
 */
export function countStoreCalls(
  prototype: object,
  methods: readonly string[] = ['readStream', 'append', 'readAll'],
): () => Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(methods.map((m) => [m, 0]));
  const target = prototype as Record<string, (...args: unknown[]) => unknown>;
  for (const method of methods) {
    const original = target[method];
    target[method] = function counted(this: unknown, ...args: unknown[]) {
      counts[method]++;
      return original.apply(this, args);
    };
  }
  return () => ({ ...counts });
}

/** "2.00 readStream, 1.00 append, ..." per operation between two snapshots. */
export function describeCallsPer(
  before: Record<string, number>,
  after: Record<string, number>,
  operations: number,
): string {
  return Object.keys(after)
    .map((name) => `${((after[name] - (before[name] ?? 0)) / operations).toFixed(2)} ${name}`)
    .join(', ');
}
