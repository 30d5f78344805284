// Preloaded into a built service by the benchmarks (`node -r bench/lib/count-store-reads.cjs main.js`)
// when BENCH_COUNT_READS names a folder: counts the store calls of this process (primary or worker)
// and writes them to <folder>/<pid>.json every 100 ms when they changed, so a benchmark can divide by
// its requests. The file stays open and is rewritten in place (the counts only grow, so the text
// never shrinks): creating it anew every 100 ms cost ~2 % of a core in every process, the idle primary
// too, and that showed up in the benchmark's CPU per request.
// Only the embedded SQLite store is wrapped: the one the benchmarks run on.
'use strict';
const { closeSync, existsSync, openSync, writeSync } = require('node:fs');
const { dirname, join } = require('node:path');

const folder = process.env.BENCH_COUNT_READS;
const main = process.argv[1];
const storeFile = main
  ? join(dirname(main), 'libs/event-store/src/lib/sqlite/sqlite-event-store.js')
  : '';
if (folder && existsSync(storeFile)) {
  const { SqliteEventStore } = require(storeFile);
  const counts = { readStream: 0, append: 0, readAll: 0 };
  for (const method of Object.keys(counts)) {
    const original = SqliteEventStore.prototype[method];
    SqliteEventStore.prototype[method] = function counted(...args) {
      counts[method]++;
      return original.apply(this, args);
    };
  }
  // Group commit tries (a batch retried for another process's write lock counts again).
  counts.commit = 0;
  for (const [file, name, method] of [
    ['sqlite-group-commit.js', 'SqliteGroupCommit', 'flush'],
    ['sqlite-thread-commit.js', 'SqliteThreadCommit', 'send'],
  ]) {
    const path = join(dirname(storeFile), file);
    const writer = existsSync(path) ? require(path)[name] : undefined;
    const original = writer?.prototype[method];
    if (!original) continue;
    writer.prototype[method] = function counted(...args) {
      if (method === 'flush' || (!this.inFlight && this.queue.length > 0)) counts.commit++;
      return original.apply(this, args);
    };
  }
  const fd = openSync(join(folder, `${process.pid}.json`), 'w');
  let saved = '';
  const save = () => {
    const text = JSON.stringify(counts);
    if (text !== saved) writeSync(fd, text, 0);
    saved = text;
  };
  save();
  setInterval(save, 100).unref();
  process.on('exit', () => (save(), closeSync(fd)));
}
